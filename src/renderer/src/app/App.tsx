import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { CorpusSnapshot, DocumentText } from '../../../shared/corpus/corpus-types';
import { api } from '../api/tanda-api';
import { reanchorDocument } from '../annotate/reanchor-document';
import { Workspace } from '../annotate/Workspace';
import { articleLang } from '../annotate/article-lang';
import { history } from '../annotate/document-history';
import {
  useAnnotatorName,
  useCodebook,
  useDocumentStatuses,
  useDocumentTallies,
  useSnapToWords,
  useUiLanguageChoice,
} from '../db/live-queries';
import { db } from '../db/db';
import { countDocumentAnnotations } from '../db/annotation-repo';
import { markStorageWarningShown, storageWarningShownFor } from '../db/settings-repo';
import {
  requestPersistentStorage,
  storageWarningToShow,
  type PersistenceOutcome,
} from '../db/storage-health';
import { i18n, useUiLanguage } from '../i18n/i18n';
import { applyTagColours } from '../editor/tag-styles';
import { startAutoBackup } from '../backup/auto-backup';
import type { AnalysisView, OpenTarget } from '../analysis/AnalysisViews';
import { corpusLibrary, useDocumentListMetadata } from '../analysis/corpus-data';
import { CorpusSearchField } from '../analysis/CorpusSearchField';
import { DocumentDateField } from '../analysis/DocumentDateField';
import { ArticlePane } from './ArticlePane';
import { applyCorpusEvent, initialDocument } from './corpus-state';
import {
  AnalysisViews,
  AnnotatorPrompt,
  BackupsDialog,
  CodebookDialog,
  CompareView,
  ExportDialog,
  ImportDialog,
  SettingsDialog,
  TeamDialog,
} from './lazy-views';
import { DocumentList } from './DocumentList';
import { formatCount } from '../ui/format';
import { errorMessage } from '../../../shared/validation/error-message';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { OverflowMenu } from '../ui/OverflowMenu';
import { PaneGutter } from '../ui/PaneGutter';
import { PaneLayoutProvider, usePaneLayoutState } from '../ui/pane-layout';
import { TeamMergeNotice, TeamMergeProgress } from '../team/TeamMergeNotice';
import { startTeamSync, type TeamSync, type TeamSyncState } from '../team/team-sync-loop';

/** The analysis views with a top-bar button of their own (Search opens from its field). */
const SIDE_VIEWS = ['segments', 'charts'] as const;

const lastDocumentKey = (root: string): string => `tanda.lastDocument:${root}`;

export function App(): React.JSX.Element {
  const { t } = useUiLanguage('app');
  const [corpus, setCorpus] = useState<CorpusSnapshot | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [selectedPath, setSelectedPath] = useState<string | null>(null);
  const [article, setArticle] = useState<DocumentText | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [storageWarning, setStorageWarning] = useState<PersistenceOutcome | null>(null);
  const [dialog, setDialog] = useState<
    'settings' | 'codebook' | 'backups' | 'export' | 'import' | 'team' | null
  >(null);
  const [team, setTeam] = useState<TeamSyncState | null>(null);
  const teamSync = useRef<TeamSync | null>(null);
  const [view, setView] = useState<'annotate' | 'compare' | AnalysisView>('annotate');
  // A span to show in the article once it is open (from Search results or Segments).
  const [reveal, setReveal] = useState<(OpenTarget & { nonce: number }) | null>(null);
  const revealCount = useRef(0);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedPath;
  const annotator = useAnnotatorName();
  const codebookState = useCodebook();
  const snapToWords = useSnapToWords();
  const languageChoice = useUiLanguageChoice();
  const statuses = useDocumentStatuses(annotator);
  const tallies = useDocumentTallies(annotator);
  const paneLayout = usePaneLayoutState();
  const { docs, notes } = paneLayout.layout;

  useEffect(() => {
    void (async () => {
      const outcome = await requestPersistentStorage().catch((): PersistenceOutcome => 'refused');
      if (outcome === 'persisted') return;
      // Once per origin and answer, not on every launch. A settings read that fails shows it.
      if (storageWarningToShow(outcome, await storageWarningShownFor(db).catch(() => null)) === null) return;
      setStorageWarning(outcome);
      void markStorageWarningShown(db, outcome).catch(() => {});
    })();
  }, []);

  useEffect(() => {
    if (codebookState) applyTagColours(codebookState.codebook);
  }, [codebookState]);

  const corpusRef = useRef(corpus);
  corpusRef.current = corpus;
  useEffect(
    () =>
      startAutoBackup({ db, api, documents: () => corpusRef.current?.documents ?? [], onError: setError }),
    [],
  );

  // A document whose opening failed is not reopened at the next launch: a launch must always reach the app.
  const forgetLastDocument = (): void => {
    const root = corpusRef.current?.root;
    if (root !== undefined) localStorage.removeItem(lastDocumentKey(root));
  };

  const annotatorRef = useRef(annotator);
  annotatorRef.current = annotator;
  useEffect(() => {
    const sync = startTeamSync({
      db,
      api,
      annotator: () => annotatorRef.current,
      documents: () =>
        corpusRef.current && !corpusRef.current.scanning ? corpusRef.current.documents : null,
      onState: setTeam,
      onError: setError,
    });
    teamSync.current = sync;
    return () => sync.stop();
  }, []);
  const shareFolder = async (): Promise<void> => {
    await api.createTeamProject();
    await teamSync.current?.refresh();
  };

  const openDocument = useCallback(async (path: string) => {
    setReveal(null);
    setSelectedPath(path);
    setLoading(true);
    setNotice(null);
    try {
      const doc = await api.readDocument({ path });
      if (selectedRef.current !== path) return; // another document was chosen meanwhile
      setArticle(doc);
      setCorpus((c) => c && { ...c, documents: c.documents.map((d) => (d.path === path ? doc.meta : d)) });
      setError(null);
    } catch (e) {
      setArticle(null);
      setError(errorMessage(e));
      forgetLastDocument();
    } finally {
      setLoading(false);
    }
  }, []);

  const openTarget = (target: OpenTarget): void => {
    setView('annotate');
    if (target.path !== selectedRef.current || !article) void openDocument(target.path);
    setReveal({ ...target, nonce: ++revealCount.current });
  };
  const documentMetadata = useDocumentListMetadata(corpus?.documents ?? []);

  const showCorpus = useCallback(
    (snapshot: CorpusSnapshot) => {
      setCorpus(snapshot);
      if (snapshot.scanning) {
        // The list shown early, files still being read: a ready document opens now, unless the one to
        // reopen is among those being read (the complete list opens it).
        if (!snapshot.reading || selectedRef.current !== null) return;
        const remembered = localStorage.getItem(lastDocumentKey(snapshot.root));
        const stillReading = snapshot.documents.some((d) => d.path === remembered && d.status === 'reading');
        const next = stillReading ? null : initialDocument(snapshot, remembered);
        if (next) void openDocument(next);
        return;
      }
      setProgress(null);
      // Journal lines are checked against the corpus, so they are read once it is listed.
      corpusRef.current = snapshot;
      void teamSync.current?.refresh();
      const current = selectedRef.current;
      const stillThere = current && snapshot.documents.some((d) => d.path === current && d.status === 'ok');
      if (stillThere) return;
      const next = initialDocument(snapshot, localStorage.getItem(lastDocumentKey(snapshot.root)));
      if (next) void openDocument(next);
      else {
        setSelectedPath(null);
        setArticle(null);
      }
    },
    [openDocument],
  );

  useEffect(() => {
    const stop = api.onCorpusEvent((event) => {
      if (event.type === 'scan-progress') setProgress({ done: event.done, total: event.total });
      if (event.type === 'show-team') {
        setDialog('team');
        return;
      }
      if (event.type === 'corpus-opened') {
        showCorpus(event.snapshot);
        return;
      }
      setCorpus((c) => applyCorpusEvent(c, event));
      const open = selectedRef.current;
      if (event.type === 'document-changed' && event.document.path === open) {
        void openDocument(open).then(() => setNotice(i18n.t('app:notice.changedOnDisk')));
      } else if (event.type === 'document-changed' && event.document.status === 'ok') {
        // Annotations follow their text even in documents nobody has open.
        const path = event.document.path;
        void countDocumentAnnotations(db, path)
          .then(async (n) => {
            if (n === 0) return;
            const doc = await api.readDocument({ path });
            await reanchorDocument(db, path, doc.text, doc.meta.sha256!);
          })
          .catch((e: unknown) =>
            setError(i18n.t('app:notice.reanchorFailed', { path, detail: errorMessage(e) })),
          );
      }
      if (event.type === 'document-removed' && event.path === open) {
        setNotice(i18n.t('app:notice.removed'));
      }
    });
    api.getCorpus().then(showCorpus, (e: unknown) => setError(errorMessage(e)));
    return stop;
  }, [showCorpus, openDocument]);

  const corpusRoot = corpus?.root;
  useEffect(() => {
    if (corpusRoot && selectedPath) localStorage.setItem(lastDocumentKey(corpusRoot), selectedPath);
  }, [corpusRoot, selectedPath]);

  const reload = async (): Promise<void> => {
    try {
      showCorpus(await api.reloadCorpus());
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">{t('brand')}</span>
        {corpus && (
          <span className="corpus-name" title={corpus.root}>
            {corpus.name}
          </span>
        )}
        {progress && progress.done < progress.total && (
          <span className="scan-progress">
            <progress aria-label={t('scanning.label')} value={progress.done} max={progress.total} />
            {t('scanning.progress', { done: formatCount(progress.done), total: formatCount(progress.total) })}
          </span>
        )}
        <span className="spacer" />
        {annotator && (
          <span className="annotator-name" title={t('annotatorTitle', { name: annotator })}>
            {annotator}
          </span>
        )}
        <CorpusSearchField live={view === 'search'} onSubmit={() => setView('search')} />
        {SIDE_VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => setView(view === v ? 'annotate' : v)}
          >
            {t(`views.${v}`)}
          </button>
        ))}
        <button
          type="button"
          onClick={() => setView(view === 'compare' ? 'annotate' : 'compare')}
          title={view === 'compare' ? t('views.annotateTitle') : t('views.compareTitle')}
        >
          {view === 'compare' ? t('views.annotate') : t('views.compare')}
        </button>
        <button type="button" onClick={() => setDialog('codebook')}>
          {t('actions.codebook')}
        </button>
        <OverflowMenu query="(max-width: 1180px)">
          <button type="button" onClick={() => setDialog('export')}>
            {t('actions.export')}
          </button>
          <button type="button" onClick={() => setDialog('import')}>
            {t('actions.import')}
          </button>
          <button type="button" onClick={() => setDialog('backups')}>
            {t('actions.backups')}
          </button>
          <button type="button" onClick={() => setDialog('team')}>
            {t('actions.team')}
          </button>
          <button type="button" onClick={() => setDialog('settings')}>
            {t('actions.settings')}
          </button>
          <button type="button" onClick={() => void reload()} title={t('actions.reloadTitle')}>
            {t('actions.reload')}
          </button>
        </OverflowMenu>
      </header>
      <TeamMergeProgress merging={team?.merging ?? null} className="warning-banner" />
      <TeamMergeNotice
        report={team?.lastMerge?.report ?? null}
        at={team?.lastMerge?.at ?? null}
        onShowTeam={() => setDialog('team')}
      />
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {(storageWarning || codebookState?.problem) && (
        <div role="status" className="warning-banner">
          {[
            storageWarning && t(`storageWarning.${storageWarning}`),
            codebookState?.problem && t('codebookUnreadable', { reason: codebookState.problem }),
          ]
            .filter(Boolean)
            .join(' ')}
          {storageWarning && (
            <button type="button" onClick={() => setStorageWarning(null)}>
              {t('dismiss')}
            </button>
          )}
        </div>
      )}
      <ErrorBoundary key={view} name={t(`boundary.view.${view}`)}>
        <Suspense fallback={<p role="status">{t('viewLoading')}</p>}>
          {(view === 'segments' || view === 'search' || view === 'charts') && corpus && codebookState ? (
            <AnalysisViews
              view={view}
              corpusName={corpus.name}
              documents={corpus.documents}
              codebook={codebookState.codebook}
              statuses={statuses}
              onOpen={openTarget}
              onClose={() => setView('annotate')}
            />
          ) : view === 'compare' && annotator && codebookState ? (
            <CompareView
              documents={corpus?.documents ?? []}
              codebook={codebookState.codebook}
              annotator={annotator}
              readText={async (path) => (await api.readDocument({ path })).text}
            />
          ) : (
            <PaneLayoutProvider value={paneLayout}>
              <div
                className={`panes${docs.collapsed ? ' docs-collapsed' : ''}${notes.collapsed ? ' notes-collapsed' : ''}`}
                style={
                  {
                    '--docs-width': `${docs.width}px`,
                    '--notes-width': `${notes.width}px`,
                  } as React.CSSProperties
                }
              >
                <DocumentList
                  documents={corpus?.documents ?? []}
                  {...(corpus?.reading ? { reading: corpus.reading } : {})}
                  statuses={statuses}
                  selectedPath={selectedPath}
                  onSelect={(path) => void openDocument(path)}
                  metadata={documentMetadata}
                  tallies={tallies}
                  codebook={codebookState?.codebook}
                />
                <PaneGutter side="docs" />
                {article && annotator && codebookState && article.meta.sha256 ? (
                  <ErrorBoundary
                    key={article.meta.path}
                    name={t('boundary.article')}
                    onError={forgetLastDocument}
                  >
                    <Workspace
                      article={article}
                      annotator={annotator}
                      codebook={codebookState.codebook}
                      snapToWords={snapToWords}
                      status={statuses.get(article.meta.path) ?? 'not_started'}
                      notice={notice}
                      onError={setError}
                      reveal={
                        reveal?.path === article.meta.path && reveal.sha256 === article.meta.sha256
                          ? reveal
                          : undefined
                      }
                      metaExtra={<DocumentDateField path={article.meta.path} />}
                      lang={articleLang(corpusLibrary.metadata(article.meta.path)?.language)}
                    />
                  </ErrorBoundary>
                ) : (
                  <ArticlePane loading={loading} notice={notice} />
                )}
              </div>
            </PaneLayoutProvider>
          )}
        </Suspense>
      </ErrorBoundary>
      <Suspense fallback={null}>{annotator === null && <AnnotatorPrompt />}</Suspense>
      <ErrorBoundary key={dialog ?? 'none'} name={dialog ? t(`boundary.dialog.${dialog}`) : ''}>
        <Suspense fallback={null}>
          {dialog === 'settings' && annotator && (
            <SettingsDialog
              annotator={annotator}
              snapToWords={snapToWords}
              onAnnotatorChanged={() => history.clear()}
              languageChoice={languageChoice}
              onClose={() => setDialog(null)}
              team={team && { state: team, onShare: shareFolder }}
            />
          )}
          {dialog === 'team' && team && (
            <TeamDialog state={team} onShare={shareFolder} onClose={() => setDialog(null)} />
          )}
          {dialog === 'export' && corpus && codebookState && annotator && (
            <ExportDialog
              corpusName={corpus.name}
              documents={corpus.documents}
              currentDocument={article?.meta.path ?? null}
              codebook={codebookState.codebook}
              annotator={annotator}
              onClose={() => setDialog(null)}
            />
          )}
          {dialog === 'import' && corpus && codebookState && (
            <ImportDialog
              documents={corpus.documents}
              codebook={codebookState.codebook}
              onClose={() => setDialog(null)}
              onImported={(message) => {
                setDialog(null);
                setNotice(message);
              }}
            />
          )}
          {dialog === 'backups' && (
            <BackupsDialog
              documents={corpus?.documents ?? []}
              onClose={() => setDialog(null)}
              onRestored={(message) => {
                history.clear();
                setDialog(null);
                setNotice(message);
              }}
            />
          )}
          {dialog === 'codebook' && codebookState && (
            <CodebookDialog
              codebook={codebookState.codebook}
              onClose={() => setDialog(null)}
              onError={setError}
            />
          )}
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
