import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentText } from '../../../shared/corpus/corpus-types';
import {
  codePointIndex,
  describeSpan,
  snapToWords,
  trimSpan,
  type Span,
} from '../../../shared/text/text-quote';
import {
  createAnnotation,
  createAnnotations,
  deleteAnnotation,
  updateAnnotation,
  type AnnotationPatch,
} from '../db/annotation-repo';
import { db } from '../db/db';
import { redoInDocument, undoInDocument } from '../db/history-apply';
import { setDocumentStatus } from '../db/settings-repo';
import { describeStorageError } from '../db/storage-health';
import { WORK_STATUSES, type WorkStatus } from '../db/tanda-db';
import { afterNextPaint } from '../editor/after-paint';
import { ArticleEditor, type ArticleEditorHandle, type RevealRange } from '../editor/ArticleEditor';
import { FindBar } from '../editor/FindBar';
import type { HighlightSpan } from '../editor/highlight-plugin';
import { formatCount } from '../ui/format';
import { describeAnnotation, tagLabel } from './annotation-labels';
import { AnnotationsPanel } from './AnnotationsPanel';
import { reanchorDocument } from './reanchor-document';
import { useDocumentAnnotations } from '../db/live-queries';
import { history } from './document-history';
import { useDocumentSuggestions } from '../suggest/use-document-suggestions';

export const STATUS_LABELS: Record<WorkStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
};

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
}: Props): React.JSX.Element {
  const path = article.meta.path;
  const sha = article.meta.sha256!;
  const stored = useDocumentAnnotations(path);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Counts the analyst's own choices of annotation. A save that finishes
  // later selects its result only if no choice was made meanwhile: a click
  // on another annotation while a tag is still saving is not taken back.
  const choices = useRef(0);
  const choose = useCallback((id: string | null): void => {
    choices.current++;
    setSelectedId(id);
  }, []);
  const selectUnlessChosenSince = useCallback((asked: number, id: string | null): boolean => {
    if (choices.current !== asked) return false;
    setSelectedId(id);
    return true;
  }, []);
  const [tagFilter, setTagFilter] = useState<string | null>(null);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [reanchorNote, setReanchorNote] = useState<string | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [find, setFind] = useState<{ matches: Span[]; current: number } | undefined>(undefined);
  const editorRef = useRef<ArticleEditorHandle>(null);
  const cpIndex = useMemo(() => codePointIndex(article.text), [article.text]);

  useEffect(() => {
    setSelectedId(null);
    setReanchorNote(null);
  }, [path]);

  useEffect(() => {
    if (reveal?.annotationId) choose(reveal.annotationId);
  }, [reveal?.nonce]); // eslint-disable-line react-hooks/exhaustive-deps

  // A text the annotations were not made on: bring them onto it (reusing
  // the rows the live query has just read rather than reading them again).
  const loaded = stored !== undefined;
  useEffect(() => {
    if (!loaded) return;
    let cancelled = false;
    reanchorDocument(db, path, article.text, sha, stored).then(
      (report) => {
        if (cancelled || !report) return;
        const parts = [
          `${report.moved} moved`,
          `${report.fuzzy} matched approximately`,
          `${report.orphaned} orphaned`,
        ];
        setReanchorNote(`The text changed on disk; annotations were re-anchored: ${parts.join(', ')}.`);
      },
      (error: unknown) => onError(`Re-anchoring failed: ${describeStorageError(error)}`),
    );
    return () => {
      cancelled = true;
    };
  }, [path, sha, loaded]); // eslint-disable-line react-hooks/exhaustive-deps

  const all = stored ?? [];
  const isShown = (a: Annotation): boolean => a.annotator === annotator || shown.has(a.annotator);
  // Until re-anchoring has run, offsets of another text version must not be drawn.
  const placed = all.filter((a) => !a.orphaned && a.contentSha256 === sha && isShown(a));
  const orphans = all.filter((a) => a.orphaned && isShown(a));
  const otherAnnotators = [...new Set(all.map((a) => a.annotator))].filter((n) => n !== annotator).sort();
  const visible = tagFilter ? placed.filter((a) => a.tag === tagFilter) : placed;
  const byId = useMemo(() => new Map(all.map((a) => [a.id, a])), [all]);

  const spans: HighlightSpan[] = useMemo(
    () =>
      visible.map((a) => ({
        id: a.id,
        tag: a.tag,
        start: a.start,
        end: a.end,
        readOnly: a.annotator !== annotator || !!codebook.tags.find((t) => t.id === a.tag)?.retired,
      })),
    // Recomputed when the stored rows or the filters change; identity drives the editor's diff.
    [stored, shown, tagFilter, annotator, codebook, sha], // eslint-disable-line react-hooks/exhaustive-deps
  );

  // Writes run one after another, in the order the analyst asked for them:
  // an undo pressed while a tag is still being saved undoes that tag.
  const writes = useRef<Promise<void>>(Promise.resolve());
  const run = useCallback(
    (action: () => Promise<void>): Promise<void> => {
      const next = writes.current.then(async () => {
        try {
          await action();
          onError(null);
        } catch (error) {
          onError(describeStorageError(error));
        }
      });
      writes.current = next;
      return next;
    },
    [onError],
  );

  const prepareSpan = (start: number, end: number): { start: number; end: number } | null => {
    let span = trimSpan(cpIndex, start, end);
    if (span && snap) span = trimSpan(cpIndex, ...spanPair(snapToWords(cpIndex, span.start, span.end)));
    return span;
  };

  const onTag = (tagId: string, start: number, end: number, id: string): void => {
    const asked = choices.current;
    void run(async () => {
      try {
        // The highlight is drawn already (pending). Saving re-renders the
        // panels; after the paint, so that frame carries the highlight alone.
        await afterNextPaint();
        const change = await createAnnotation(db, {
          id,
          documentPath: path,
          contentSha256: sha,
          annotator,
          tag: tagId,
          start,
          end,
          ...describeSpan(cpIndex, start, end),
          attributes: {},
          note: '',
        });
        history.record(change);
        selectUnlessChosenSince(asked, id);
        setAnnouncement(`Tagged as ${tagLabel(codebook, tagId)}: ${change.after!.quote.slice(0, 80)}`);
      } catch (error) {
        editorRef.current?.dropPending(id);
        throw error;
      }
    });
  };

  /** "Tag all matches": one annotation per match, written together and undone as one step. */
  const onTagAll = (tagId: string, matches: Span[]): Promise<void> =>
    run(async () => {
      const changes = await createAnnotations(
        db,
        matches.map((m) => ({
          documentPath: path,
          contentSha256: sha,
          annotator,
          tag: tagId,
          start: m.start,
          end: m.end,
          ...describeSpan(cpIndex, m.start, m.end),
          attributes: {},
          note: '',
        })),
      );
      history.record({
        kind: 'group',
        before: null,
        after: null,
        documentPath: path,
        annotator,
        label: 'Tag all matches',
        changes,
        settings: [],
      });
      setAnnouncement(`Tagged ${changes.length} matches as ${tagLabel(codebook, tagId)}`);
    });

  const onUpdate = (id: string, patch: AnnotationPatch): void =>
    void run(async () => {
      history.record(await updateAnnotation(db, id, patch, { annotator }));
    });

  const onDelete = (id: string): void => {
    const asked = choices.current;
    void run(async () => {
      try {
        // The highlight is gone from the page already; as for tagging, save after the paint.
        await afterNextPaint();
        const change = await deleteAnnotation(db, id, { annotator });
        history.record(change);
        // The focus goes back to the text, unless the analyst has moved on meanwhile.
        if (selectUnlessChosenSince(asked, null)) editorRef.current?.focus();
        setAnnouncement(`Deleted ${tagLabel(codebook, change.before!.tag)} annotation`);
      } catch (error) {
        editorRef.current?.restore(id);
        throw error;
      }
    });
  };

  const undoRedo = useCallback(
    (direction: 'undo' | 'redo') => {
      const asked = choices.current;
      void run(async () => {
        const apply = direction === 'undo' ? undoInDocument : redoInDocument;
        const change = await apply(db, history, path, { annotator });
        if (!change) return;
        selectUnlessChosenSince(asked, change.after?.id ?? null);
        setAnnouncement(`${direction === 'undo' ? 'Undid' : 'Redid'} a ${change.kind}`);
      });
    },
    [run, path, annotator, selectUnlessChosenSince],
  );

  // Undo/redo also when focus is on a panel button, but never steal a text field's own undo.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented) return;
      if (event.key.toLowerCase() === 'f' && !event.shiftKey) {
        event.preventDefault(); // the browser's own find cannot tag what it finds
        setFindOpen(true);
        return;
      }
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      event.preventDefault();
      undoRedo(key === 'y' || event.shiftKey ? 'redo' : 'undo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoRedo]);

  const suggestions = useDocumentSuggestions({
    path,
    sha,
    text: article.text,
    annotator,
    codebook,
    snap,
    stored,
    run,
    announce: setAnnouncement,
  });

  const selectFromPanel = (id: string): void => {
    choose(id);
    editorRef.current?.reveal(id);
  };

  const activeTags = codebook.tags.filter((t) => !t.retired);

  return (
    <>
      <section aria-label="Article" className="article-pane">
        {(notice || reanchorNote) && (
          <p role="status" className="notice">
            {[notice, reanchorNote].filter(Boolean).join(' ')}
          </p>
        )}
        <header className="article-header">
          <h1 title={article.meta.title}>{article.meta.title}</h1>
          <div className="article-meta">
            <span title="Path relative to the corpus folder">{path}</span>
            <span>{formatCount(article.meta.chars ?? 0)} characters</span>
            <span>{article.meta.encoding}</span>
            {/* What the analyst sets goes on a line of its own, under what the file is. */}
            <span className="meta-break" aria-hidden="true" />
            <label className="status-field">
              Document status
              <select
                value={status}
                onChange={(e) => {
                  // Read now: the write waits its turn, and by then React has reset the controlled select.
                  const next = e.target.value as WorkStatus;
                  void run(() => setDocumentStatus(db, annotator, path, next));
                }}
              >
                {WORK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
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
            tags={activeTags.map((t) => ({ id: t.id, label: t.label }))}
            onShow={(matches, current) => setFind(matches.length ? { matches, current } : undefined)}
            onTagAll={onTagAll}
            onClose={() => {
              setFindOpen(false);
              editorRef.current?.focus();
            }}
          />
        )}
        <ArticleEditor
          ref={editorRef}
          findMatches={findOpen ? find : undefined}
          revealRange={reveal}
          docKey={`${path}@${sha}`}
          text={article.text}
          spans={spans}
          selectedId={selectedId}
          tags={activeTags.map((t) => ({
            id: t.id,
            label: t.label,
            shortcut: t.shortcut,
            description: t.description,
          }))}
          prepareSpan={prepareSpan}
          onTag={onTag}
          onSelectAnnotation={choose}
          ready={stored !== undefined}
          onDeleteSelected={() => {
            const a = selectedId ? byId.get(selectedId) : undefined;
            if (!a || a.annotator !== annotator) return false;
            onDelete(a.id);
            return true;
          }}
          suggestions={suggestions.marks}
          currentSuggestion={suggestions.current}
          onSuggestionKey={suggestions.onKey}
          onUndo={() => undoRedo('undo')}
          onRedo={() => undoRedo('redo')}
          describe={(ids) =>
            ids
              .map((id) => byId.get(id))
              .filter((a): a is Annotation => !!a)
              .map((a) => describeAnnotation(codebook, a, annotator))
              .join('\n')
          }
        />
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </section>
      <AnnotationsPanel
        codebook={codebook}
        annotations={placed}
        orphans={orphans}
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
        onUpdate={onUpdate}
        onDelete={onDelete}
        suggestions={suggestions.panel}
      />
    </>
  );
}

function spanPair(span: { start: number; end: number }): [number, number] {
  return [span.start, span.end];
}
