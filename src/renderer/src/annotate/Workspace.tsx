import { useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentText } from '../../../shared/corpus/corpus-types';
import { pageAtOffset } from '../../../shared/corpus/document-structure';
import {
  codePointIndex,
  holdsContent,
  snapToWords,
  trimSpan,
  type Span,
} from '../../../shared/text/text-quote';
import { db } from '../db/db';
import { setDocumentStatus } from '../db/settings-repo';
import { describeStorageError } from '../ui/storage-error';
import { WORK_STATUSES, type WorkStatus } from '../db/tanda-db';
import { ArticleEditor, type ArticleEditorHandle, type RevealRange } from '../editor/ArticleEditor';
import { FindBar } from '../editor/FindBar';
import type { HighlightSpan } from '../editor/highlight-plugin';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { PaneGutter } from '../ui/PaneGutter';
import { LiveRegion } from '../ui/LiveRegion';
import { describeAnnotation, tagLabel } from './annotation-labels';
import { AnnotationsPanel } from './AnnotationsPanel';
import { misfitChecker } from './misfits';
import { snapToGraphemes } from '../../../shared/text/graphemes';
import { needsCheck } from './PlacementCheck';
import { reanchorDocument } from './reanchor-document';
import { useDocumentAnnotations } from '../db/live-queries';
import { HistoryButtons } from './HistoryButtons';
import { useDocumentSession } from './use-document-session';
import { undoKeyTarget } from './undo-keys';
import { useDocumentSuggestions } from '../suggest/use-document-suggestions';
import { localDescription, localLabel } from '../i18n/codebook-text';

interface Props {
  article: DocumentText;
  annotator: string;
  codebook: Codebook;
  snapToWords: boolean;
  status: WorkStatus;
  /** A message about the document itself (changed or removed on disk). */
  notice: string | null;
  onError(message: string | null): void;
  /** A span to show once opened (a search hit or a coded segment), with the annotation to select. */
  reveal?: (RevealRange & { annotationId?: string | undefined }) | undefined;
  /** More about the document, shown in the header (its date, source and language). */
  metaExtra?: React.ReactNode;
  /** The text's detected language (BCP 47, e.g. `id`), so screen readers pronounce it right. */
  lang?: string | undefined;
}

/** One open document: the article with its highlights, and the annotations panel beside it. */
export function Workspace({
  article,
  annotator,
  codebook,
  snapToWords: snap,
  status,
  notice,
  onError,
  reveal,
  metaExtra,
  lang,
}: Props): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const format = useFormat();
  const path = article.meta.path;
  const sha = article.meta.sha256!;
  const stored = useDocumentAnnotations(path);
  const [tagFilter, setTagFilter] = useState<string | null>(null);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [reanchorNote, setReanchorNote] = useState<string | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [find, setFind] = useState<{ matches: Span[]; current: number } | undefined>(undefined);
  const editorRef = useRef<ArticleEditorHandle>(null);
  const panelRef = useRef<HTMLElement>(null);
  const cpIndex = useMemo(() => codePointIndex(article.text), [article.text]);
  const misfitsOf = useMemo(() => misfitChecker(cpIndex), [cpIndex]);

  // A text the annotations were not made on: bring them onto it (reusing
  // the rows the live query has just read rather than reading them again).
  const loaded = stored !== undefined;
  useEffect(() => {
    if (!loaded) return;
    let cancelled = false;
    reanchorDocument(db, path, article.text, sha, stored).then(
      (report) => {
        if (cancelled || !report) return;
        setReanchorNote(
          t('reanchored', {
            moved: report.moved,
            fuzzy: report.fuzzy,
            orphaned: report.orphaned,
            toCheck: report.toCheck,
          }),
        );
      },
      (error: unknown) => onError(t('reanchorFailed', { reason: describeStorageError(error) })),
    );
    return () => {
      cancelled = true;
    };
  }, [path, sha, loaded]); // eslint-disable-line react-hooks/exhaustive-deps -- once per text version: the rows it writes come back through `stored` and must not start it again

  // Recomputed only when the stored rows or the filters change: a keystroke's frame re-renders neither panel.
  const { placed, misfits, orphans, otherAnnotators, spans } = useMemo(() => {
    const all = stored ?? [];
    const isShown = (a: Annotation): boolean => a.annotator === annotator || shown.has(a.annotator);
    // Until re-anchoring has run, offsets of another text version must not be drawn.
    const current = all.filter((a) => !a.orphaned && a.contentSha256 === sha && isShown(a));
    // A stored record that claims this text but does not fit it (hand-edited, or imported before imports were
    // checked) is listed as a problem and never drawn: drawing it would throw and take the view down.
    const misfits = misfitsOf(current);
    const placed =
      misfits.length === 0 ? current : current.filter((a) => !misfits.some((m) => m.annotation === a));
    const visible = tagFilter ? placed.filter((a) => a.tag === tagFilter) : placed;
    const spans: HighlightSpan[] = visible.map((a) => ({
      id: a.id,
      tag: a.tag,
      start: a.start,
      end: a.end,
      readOnly: a.annotator !== annotator || !!codebook.tags.find((t) => t.id === a.tag)?.retired,
    }));
    return {
      placed,
      misfits,
      orphans: all.filter((a) => a.orphaned && isShown(a)),
      otherAnnotators: [...new Set(all.map((a) => a.annotator))].filter((n) => n !== annotator).sort(),
      spans,
    };
  }, [stored, shown, tagFilter, annotator, codebook, sha, misfitsOf]);

  const { session, selectedId, announcements, announce, undoStep, redoStep } = useDocumentSession(
    { path, sha, annotator, text: article.text, codebook, onError },
    stored,
    spans,
  );

  useEffect(() => setReanchorNote(null), [path]);

  useEffect(() => {
    if (reveal?.annotationId) session.choose(reveal.annotationId);
  }, [reveal?.nonce]); // eslint-disable-line react-hooks/exhaustive-deps

  const run = (action: () => Promise<void>): Promise<void> =>
    action().then(
      () => onError(null),
      (error: unknown) => onError(describeStorageError(error)),
    );

  const prepareSpan = (start: number, end: number): { start: number; end: number } | null => {
    let span = trimSpan(cpIndex, start, end);
    if (span && snap) span = trimSpan(cpIndex, ...spanPair(snapToWords(cpIndex, span.start, span.end)));
    // Never half a flag or a letter without its accent.
    const whole = span && snapToGraphemes(cpIndex, span.start, span.end);
    return whole && holdsContent(cpIndex, whole.start, whole.end) ? whole : null;
  };

  /** A tag key or toolbar button: tag the selection, or say why it cannot. */
  const onTag = (tagId: string, range: { start: number; end: number } | null): boolean => {
    const tag = codebook.tags.find((t) => t.id === tagId);
    if (!tag) return false;
    if (tag.retired) {
      announce(t('keys.retired', { tag: localLabel(tag) }));
      return false;
    }
    if (!range) {
      announce(
        tag.shortcut
          ? t('keys.selectFirst', { key: tag.shortcut, tag: localLabel(tag) })
          : t('keys.selectFirstNoKey', { tag: localLabel(tag) }),
      );
      return false;
    }
    const span = prepareSpan(range.start, range.end);
    if (!span) {
      announce(t('keys.nothingToTag'));
      return false;
    }
    void session.tag(tagId, span.start, span.end);
    return true;
  };

  const onConfirmPlacement = (id: string): void => void session.confirmPlacement(id);

  // `c` confirms the selected annotation's placement ("moved — check"),
  // unless a text field or a tag shortcut on the same key took it first.
  const confirmKey = useRef<() => void>(() => {});
  confirmKey.current = () => {
    const a = [...placed, ...orphans].find((x) => x.id === selectedId);
    if (a && a.annotator === annotator && needsCheck(a)) onConfirmPlacement(a.id);
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'c' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented)
        return;
      if ((event.target as HTMLElement).closest('input, textarea, select')) return;
      confirmKey.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onDelete = (id: string): void => {
    if (!session.delete(id, { focus: () => editorRef.current?.focus() })) {
      const a = session.annotation(id);
      if (a) announce(t('notYours', { tag: tagLabel(codebook, a.tag), name: a.annotator }));
    }
  };

  // Undo/redo also when focus is on a panel button, but never behind a dialog nor in a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented) return;
      const target = event.target as Element;
      if (!undoKeyTarget(target)) return;
      if (event.key.toLowerCase() === 'f' && !event.shiftKey) {
        event.preventDefault(); // the browser's own find cannot tag what it finds
        setFindOpen(true);
        return;
      }
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      event.preventDefault();
      void session.undoRedo(key === 'y' || event.shiftKey ? 'redo' : 'undo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);

  /** Enter on the selected annotation: to its form's first field; Escape there comes back. */
  const openSelected = (): void => {
    const form = panelRef.current?.querySelector<HTMLFormElement>('form[data-form="selected-annotation"]');
    const field = form?.querySelector<HTMLElement>('select:enabled, input:enabled, textarea:enabled');
    (field ?? form)?.focus();
  };

  const suggestions = useDocumentSuggestions({
    path,
    sha,
    text: article.text,
    annotator,
    codebook,
    snap,
    stored,
    run,
    announce,
  });

  const selectFromPanel = (id: string): void => {
    session.choose(id);
    editorRef.current?.reveal(id);
  };

  const activeTags = codebook.tags.filter((t) => !t.retired);
  const tagKeys = useMemo(
    () =>
      new Map(
        // Active tags last: a key a retired tag still holds belongs to the active tag that has it now.
        [...codebook.tags]
          .sort((x, y) => Number(!!y.retired) - Number(!!x.retired))
          .filter((t) => t.shortcut !== null)
          .map((t) => [t.shortcut!.toLowerCase(), t.id] as const),
      ),
    [codebook],
  );

  return (
    <>
      <section aria-label={t('article.label')} className="article-pane">
        {(notice || reanchorNote) && (
          <p role="status" className="notice">
            {[notice, reanchorNote].filter(Boolean).join(' ')}
          </p>
        )}
        <header className="article-header">
          <h1 title={article.meta.title} lang={lang}>
            {article.meta.title}
          </h1>
          <div className="article-meta">
            <span title={t('meta.pathTitle')}>{path}</span>
            <span>
              {t('meta.characters', {
                count: article.meta.chars ?? 0,
                n: format.number(article.meta.chars ?? 0),
              })}
            </span>
            <span>{article.meta.encoding}</span>
            {/* What the analyst sets goes on a line of its own, under what the file is. */}
            <span className="meta-break" aria-hidden="true" />
            <label className="status-field">
              {t('meta.status')}
              <select
                value={status}
                onChange={(e) => {
                  // Read now: the write waits its turn, and by then React has reset the controlled select.
                  const next = e.target.value as WorkStatus;
                  run(() => setDocumentStatus(db, annotator, path, next));
                }}
              >
                {WORK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            {metaExtra}
          </div>
        </header>
        {findOpen && (
          <FindBar
            text={article.text}
            tags={activeTags.map((t) => ({ id: t.id, label: localLabel(t) }))}
            onShow={(matches, current) => setFind(matches.length ? { matches, current } : undefined)}
            onTagAll={(tagId, matches) => session.tagAll(tagId, matches)}
            onClose={() => {
              setFindOpen(false);
              editorRef.current?.focus();
            }}
          />
        )}
        <ArticleEditor
          ref={editorRef}
          lang={lang}
          findMatches={findOpen ? find : undefined}
          revealRange={reveal}
          docKey={`${path}@${sha}`}
          text={article.text}
          structure={article.structure}
          spans={session}
          selectedId={selectedId}
          tags={activeTags.map((t) => ({
            id: t.id,
            label: localLabel(t),
            shortcut: t.shortcut,
            description: localDescription(t),
          }))}
          tagKeys={tagKeys}
          onTag={onTag}
          onSelectAnnotation={(id, how) => {
            session.choose(id);
            const a = id ? session.annotation(id) : undefined;
            if (a && how === 'keyboard')
              announce(t('moveTo', { tag: tagLabel(codebook, a.tag), quote: a.quote.slice(0, 80) }));
          }}
          ready={stored !== undefined}
          onDeleteSelected={() => selectedId && onDelete(selectedId)}
          onOpenSelected={openSelected}
          onCaretMove={() => session.caretMoved()}
          onUndo={() => void session.undoRedo('undo')}
          onRedo={() => void session.undoRedo('redo')}
          suggestions={suggestions.marks}
          suggestionView={suggestions.view}
          onSuggestionKey={suggestions.onKey}
          describe={(ids) =>
            ids
              .map((id) => session.annotation(id))
              .filter((a): a is Annotation => !!a)
              .map((a) => describeAnnotation(codebook, a, annotator))
              .join('\n')
          }
        />
        <LiveRegion source={announcements} />
      </section>
      <PaneGutter side="notes" />
      <AnnotationsPanel
        pageOf={(offset) => pageAtOffset(article.structure, offset)}
        ref={panelRef}
        history={
          <HistoryButtons
            undoStep={undoStep}
            redoStep={redoStep}
            onUndo={() => void session.undoRedo('undo')}
            onRedo={() => void session.undoRedo('redo')}
          />
        }
        onLeave={() => editorRef.current?.focus()}
        codebook={codebook}
        annotations={placed}
        orphans={orphans}
        misfits={misfits}
        annotator={annotator}
        otherAnnotators={otherAnnotators}
        shownAnnotators={shown}
        onToggleAnnotator={(name, on) =>
          setShown((prev) => {
            const next = new Set(prev);
            if (on) next.add(name);
            else next.delete(name);
            return next;
          })
        }
        tagFilter={tagFilter}
        onTagFilter={setTagFilter}
        selectedId={selectedId}
        onSelect={selectFromPanel}
        onUpdate={(id, patch, expectedNote) => void session.update(id, patch, expectedNote)}
        onDelete={onDelete}
        onConfirmPlacement={onConfirmPlacement}
        suggestions={suggestions.panel}
      />
    </>
  );
}

function spanPair(span: { start: number; end: number }): [number, number] {
  return [span.start, span.end];
}
