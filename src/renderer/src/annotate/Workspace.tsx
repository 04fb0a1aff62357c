import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentText } from '../../../shared/corpus/corpus-types';
import { pageAtOffset } from '../../../shared/corpus/document-structure';
import {
  codePointIndex,
  describeSpan,
  snapToWords,
  trimSpan,
  type CodePointIndex,
  type Span,
} from '../../../shared/text/text-quote';
import { spanProblem } from '../../../shared/exchange/record-checks';
import {
  createAnnotation,
  createAnnotations,
  deleteAnnotation,
  confirmPlacement,
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
import { AnnotationsPanel, type Misfit } from './AnnotationsPanel';
import { snapToGraphemes } from '../../../shared/text/graphemes';
import { needsCheck } from './PlacementCheck';
import { reanchorDocument } from './reanchor-document';
import { useDocumentAnnotations } from '../db/live-queries';
import { history } from './document-history';
import { STATUS_LABELS } from '../ui/work-status';

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
  }, [reveal?.nonce]); // eslint-disable-line react-hooks/exhaustive-deps -- a reveal is acted on once, when a new one (nonce) arrives

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
          `${report.toCheck} marked “moved — check”`,
        ];
        setReanchorNote(`The text changed on disk; annotations were re-anchored: ${parts.join(', ')}.`);
      },
      (error: unknown) => onError(`Re-anchoring failed: ${describeStorageError(error)}`),
    );
    return () => {
      cancelled = true;
    };
  }, [path, sha, loaded]); // eslint-disable-line react-hooks/exhaustive-deps -- once per text version: the rows it writes come back through `stored` and must not start it again

  const all = useMemo(() => stored ?? [], [stored]);
  const isShown = (a: Annotation): boolean => a.annotator === annotator || shown.has(a.annotator);
  // Until re-anchoring has run, offsets of another text version must not be drawn.
  const current = useMemo(
    () =>
      all.filter(
        (a) =>
          !a.orphaned && a.contentSha256 === sha && (a.annotator === annotator || shown.has(a.annotator)),
      ),
    [all, sha, annotator, shown],
  );
  // A stored record that claims this text but does not fit it (hand-edited, or imported before imports were
  // checked) is listed as a problem and never drawn: drawing it would throw and take the view down.
  const misfits = useMemo(() => misfitsOf(cpIndex, current), [cpIndex, current]);
  const placed = useMemo(
    () => (misfits.length === 0 ? current : current.filter((a) => !misfits.some((m) => m.annotation === a))),
    [current, misfits],
  );
  const orphans = all.filter((a) => a.orphaned && isShown(a));
  const otherAnnotators = [...new Set(all.map((a) => a.annotator))].filter((n) => n !== annotator).sort();
  const visible = useMemo(
    () => (tagFilter ? placed.filter((a) => a.tag === tagFilter) : placed),
    [placed, tagFilter],
  );
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
    [visible, annotator, codebook],
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
    // Never half a flag or a letter without its accent.
    return span && snapToGraphemes(cpIndex, span.start, span.end);
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

  const onUpdate = (id: string, patch: AnnotationPatch, expectedNote?: string): void =>
    void run(async () => {
      const options = expectedNote === undefined ? { annotator } : { annotator, expectedNote };
      history.record(await updateAnnotation(db, id, patch, options));
    });

  const onConfirmPlacement = (id: string): void =>
    void run(async () => {
      history.record(await confirmPlacement(db, id, { annotator }));
      setAnnouncement('Placement confirmed');
    });

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
          structure={article.structure}
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
        pageOf={(offset) => pageAtOffset(article.structure, offset)}
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
        onUpdate={onUpdate}
        onDelete={onDelete}
        onConfirmPlacement={onConfirmPlacement}
      />
    </>
  );
}

function misfitsOf(index: CodePointIndex, annotations: readonly Annotation[]): Misfit[] {
  const misfits: Misfit[] = [];
  for (const annotation of annotations) {
    const problem = spanProblem(index, annotation);
    if (problem) misfits.push({ annotation, problem: problem.message });
  }
  return misfits;
}

function spanPair(span: { start: number; end: number }): [number, number] {
  return [span.start, span.end];
}
