import type { Annotation } from '../../../shared/annotation/annotation-types';
import { describeSpan, type CodePointIndex } from '../../../shared/text/text-quote';
import {
  createAnnotation,
  createAnnotations,
  deleteAnnotation,
  confirmPlacement,
  updateAnnotation,
  type AnnotationPatch,
  type NewAnnotation,
} from '../db/annotation-repo';
import { redoInDocument, undoInDocument } from '../db/history-apply';
import { describeStorageError } from '../ui/storage-error';
import { i18n } from '../i18n/i18n';
import type { TandaDB } from '../db/tanda-db';
import { forgetUnsaved, rememberUnsaved } from '../db/unsaved-writes';
import { invertChange, type AnnotationChange, type HistoryEntry, type UndoHistory } from '../db/undo-history';
import type { HighlightSpan, SpanDelta, SpanSource } from '../editor/highlight-plugin';

export interface SessionOptions {
  db: TandaDB;
  history: UndoHistory;
  path: string;
  sha: string;
  annotator: string;
  /** The text's code point index, for quotes and context. */
  cpIndex: CodePointIndex;
  /** What an announcement or an error names a tag by. */
  tagLabel(tagId: string): string;
  announce(message: string): void;
  onError(message: string | null): void;
  /**
   * Waited for before a tag or a delete is written: the highlight change is
   * drawn already, and the save's re-renders must not land in that frame.
   */
  beforeWrite?: () => Promise<void>;
}

/**
 * One open document's working state, and its only owner: the saved
 * annotations (as the live query last gave them), the highlights drawn before
 * their write completed (pending) or taken away before their delete completed
 * (deleting), the queue writes wait in, the undo history and the selected
 * annotation. Views read the spans to draw (saved ∪ pending − deleting) and
 * the selection from it, and report intents to it; none of them holds a
 * copy of this state.
 */
export class DocumentSession implements SpanSource {
  private saved = new Map<string, HighlightSpan>();
  private stored = new Map<string, Annotation>();
  /** Drawn, not yet in `stored`; `written` once its write completed. */
  private readonly pending = new Map<string, { span: HighlightSpan; written: boolean }>();
  /** Taken off the page, still in `stored`; `written` once the delete completed. */
  private readonly deleting = new Map<string, { written: boolean }>();
  /** What the listeners were last told is on the page. */
  private drawn = new Map<string, HighlightSpan>();
  private writes: Promise<void> = Promise.resolve();
  private selected: string | null = null;
  /**
   * Counts the analyst's own choices of annotation, and of place (keyboard
   * caret moves). A write that finishes later selects its result only if no
   * choice was made meanwhile: a click on another annotation, or Ctrl+Home,
   * while a tag is still saving is not taken back.
   */
  private choices = 0;
  private readonly spanListeners = new Set<(delta: SpanDelta) => void>();
  private readonly selectionListeners = new Set<() => void>();

  constructor(private readonly options: SessionOptions) {}

  // ------------------------------------------------------------ reading

  current(): HighlightSpan[] {
    return [...this.drawn.values()];
  }

  subscribe(listener: (delta: SpanDelta) => void): () => void {
    this.spanListeners.add(listener);
    return () => this.spanListeners.delete(listener);
  }

  readonly selectedId = (): string | null => this.selected;

  readonly subscribeSelection = (listener: () => void): (() => void) => {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  };

  /** A saved annotation of this document, drawn or not. */
  annotation(id: string): Annotation | undefined {
    return this.stored.get(id);
  }

  /**
   * The live query's rows (`stored`, every annotator) and the spans of them
   * to draw under the current filters. A pending highlight ends when its row
   * arrives, a deleting one when its row is gone.
   */
  setSaved(visible: readonly HighlightSpan[], stored: readonly Annotation[]): void {
    this.saved = new Map(visible.map((s) => [s.id, s]));
    this.stored = new Map(stored.map((a) => [a.id, a]));
    for (const [id, p] of this.pending) if (this.stored.has(id) || p.written) this.pending.delete(id);
    for (const [id, d] of this.deleting) if (!this.stored.has(id) && d.written) this.deleting.delete(id);
    this.redraw();
  }

  // ------------------------------------------------------------ selection

  /** The analyst chose an annotation (or none). */
  choose(id: string | null): void {
    this.choices++;
    this.setSelected(id);
  }

  /**
   * The analyst moved the caret with the keyboard: a choice of place, so a
   * write that finishes later does not select its result (and take them back).
   */
  caretMoved(): void {
    this.choices++;
  }

  private selectUnlessChosenSince(asked: number, id: string | null): boolean {
    if (this.choices !== asked) return false;
    this.setSelected(id);
    return true;
  }

  private setSelected(id: string | null): void {
    if (id === this.selected) return;
    this.selected = id;
    for (const listener of this.selectionListeners) listener();
  }

  // ------------------------------------------------------------ intents

  /**
   * Tag a prepared span: drawn at once (pending), written after the paint.
   * Resolves with the new annotation's id once saved, or null if it failed.
   */
  tag(tagId: string, start: number, end: number): Promise<string | null> {
    const { options } = this;
    const id = crypto.randomUUID();
    const span: HighlightSpan = { id, tag: tagId, start, end, pending: true };
    this.pending.set(id, { span, written: false });
    this.draw({ add: [span], remove: [] });
    const asked = this.choices;
    let saved: string | null = null;
    let input: (NewAnnotation & { id: string }) | null = null;
    let invalid: unknown = null;
    try {
      input = {
        id,
        documentPath: options.path,
        contentSha256: options.sha,
        annotator: options.annotator,
        tag: tagId,
        start,
        end,
        ...describeSpan(options.cpIndex, start, end),
        attributes: {},
        note: '',
      };
    } catch (error) {
      invalid = error; // refused below, as a write that fails
    }
    // Drawn now, written after the paint and any write under way: noted first, so a reload meanwhile keeps it.
    const unsaved = input && rememberUnsaved(options.db, { kind: 'create', input });
    return this.run(async () => {
      try {
        if (!input) throw invalid;
        await options.beforeWrite?.();
        const change = await createAnnotation(options.db, input).finally(() => forgetUnsaved(unsaved));
        options.history.record(change);
        const entry = this.pending.get(id);
        if (entry) entry.written = true;
        this.selectUnlessChosenSince(asked, id);
        saved = id;
        options.announce(
          i18n.t('annotate:session.tagged', {
            tag: options.tagLabel(tagId),
            quote: change.after!.quote.slice(0, 80),
          }),
        );
      } catch (error) {
        this.pending.delete(id);
        this.redraw();
        throw error;
      }
    }).then(() => saved);
  }

  /**
   * "Tag all matches": one annotation per match, written together and undone
   * as one step. A match the analyst has already tagged with this tag (same
   * span, same annotator) gets no second annotation.
   */
  tagAll(tagId: string, matches: readonly { start: number; end: number }[]): Promise<void> {
    const { options } = this;
    return this.run(async () => {
      const taken = new Set(
        [...this.stored.values()]
          .filter(
            (a) => a.tag === tagId && a.annotator === options.annotator && a.contentSha256 === options.sha,
          )
          .map((a) => `${a.start}:${a.end}`),
      );
      const fresh = matches.filter((m) => !taken.has(`${m.start}:${m.end}`));
      const skipped = matches.length - fresh.length;
      const label = options.tagLabel(tagId);
      if (fresh.length === 0) {
        options.announce(i18n.t('annotate:session.nothingTagged', { count: matches.length, tag: label }));
        return;
      }
      const changes = await createAnnotations(
        options.db,
        fresh.map((m) => ({
          documentPath: options.path,
          contentSha256: options.sha,
          annotator: options.annotator,
          tag: tagId,
          start: m.start,
          end: m.end,
          ...describeSpan(options.cpIndex, m.start, m.end),
          attributes: {},
          note: '',
        })),
      );
      options.history.record({
        kind: 'group',
        before: null,
        after: null,
        documentPath: options.path,
        annotator: options.annotator,
        label: i18n.t('annotate:session.tagAllStep'),
        changes,
        settings: [],
      });
      const tagged = i18n.t('annotate:session.matches', { count: changes.length });
      options.announce(
        skipped
          ? i18n.t('annotate:session.taggedAllSkipped', {
              tagged,
              tag: label,
              skipped: i18n.t('annotate:session.skipped', { count: skipped }),
            })
          : i18n.t('annotate:session.taggedAll', { tagged, tag: label }),
      );
    });
  }

  /** `expectedNote`: the note the edit started from; a note saved meanwhile (another tab) is not overwritten. */
  update(id: string, patch: AnnotationPatch, expectedNote?: string): Promise<void> {
    const { options } = this;
    const { annotator } = options;
    return this.run(async () => {
      const guard = expectedNote === undefined ? { annotator } : { annotator, expectedNote };
      options.history.record(await updateAnnotation(options.db, id, patch, guard));
    });
  }

  /** A person confirms where re-anchoring put an annotation ("moved — check"): one undo step. */
  confirmPlacement(id: string): Promise<void> {
    const { options } = this;
    return this.run(async () => {
      options.history.record(await confirmPlacement(options.db, id, { annotator: options.annotator }));
      options.announce(i18n.t('annotate:session.placementConfirmed'));
    });
  }

  /**
   * Delete one of the analyst's annotations: gone from the page at once,
   * written after the paint, drawn again if the write fails. False (and
   * nothing done) when the annotation is not the analyst's to delete.
   */
  delete(id: string, then?: { focus(): void }): boolean {
    const { options } = this;
    const target = this.stored.get(id);
    if (!target || target.annotator !== options.annotator || this.deleting.has(id)) return false;
    this.deleting.set(id, { written: false });
    this.draw({ add: [], remove: this.drawn.has(id) ? [id] : [] });
    const asked = this.choices;
    void this.run(async () => {
      try {
        await options.beforeWrite?.();
        const change = await deleteAnnotation(options.db, id, { annotator: options.annotator });
        options.history.record(change);
        const entry = this.deleting.get(id);
        if (entry) entry.written = true;
        // The focus goes back to the text, unless the analyst has moved on meanwhile.
        if (this.selectUnlessChosenSince(asked, null)) then?.focus();
        options.announce(i18n.t('annotate:session.deleted', { tag: options.tagLabel(change.before!.tag) }));
      } catch (error) {
        this.deleting.delete(id);
        this.redraw();
        throw error;
      }
    });
    return true;
  }

  /**
   * Undo or redo the latest step. What it will write is drawn first (removed
   * highlights go, restored ones come back pending), so a step of a thousand
   * annotations shows without waiting for the write and the re-read after it.
   */
  undoRedo(direction: 'undo' | 'redo'): Promise<void> {
    const { options } = this;
    const asked = this.choices;
    return this.run(async () => {
      const recorded =
        direction === 'undo'
          ? options.history.peekUndo(options.path)
          : options.history.peekRedo(options.path);
      if (!recorded) {
        options.announce(
          direction === 'undo'
            ? i18n.t('annotate:history.nothingToUndo')
            : i18n.t('annotate:history.nothingToRedo'),
        );
        return;
      }
      const written = direction === 'undo' ? invertChange(recorded) : recorded;
      const preview = this.preview(written);
      // Drawn now, written once the write under way is done: noted first, as a tag is.
      const unsaved = rememberUnsaved(options.db, {
        kind: 'step',
        entry: written,
        annotator: options.annotator,
      });
      try {
        const apply = direction === 'undo' ? undoInDocument : redoInDocument;
        const change = await apply(options.db, options.history, options.path, {
          annotator: options.annotator,
        }).finally(() => forgetUnsaved(unsaved));
        preview.written();
        if (!change) return;
        this.selectUnlessChosenSince(asked, change.after?.id ?? null);
        const step = describeStep(recorded, options.tagLabel);
        options.announce(
          direction === 'undo'
            ? i18n.t('annotate:session.undid', { step })
            : i18n.t('annotate:session.redid', { step }),
        );
      } catch (error) {
        preview.undo();
        throw error;
      }
    });
  }

  /** Draws a history step before it is written; the caller says how the write went. */
  private preview(entry: HistoryEntry): { written(): void; undo(): void } {
    const changes: AnnotationChange[] = entry.kind === 'group' ? entry.changes : [entry];
    const created: string[] = [];
    const removed: string[] = [];
    for (const change of changes) {
      if (change.kind === 'create' && change.after.contentSha256 === this.options.sha) {
        const a = change.after;
        const span: HighlightSpan = { id: a.id, tag: a.tag, start: a.start, end: a.end, pending: true };
        // Back from a delete that the live query has not reported yet: that delete no longer hides it.
        this.deleting.delete(a.id);
        this.pending.set(a.id, { span, written: false });
        created.push(a.id);
      } else if (change.kind === 'delete') {
        this.pending.delete(change.before.id);
        this.deleting.set(change.before.id, { written: false });
        removed.push(change.before.id);
      }
    }
    // Only what the step touches: a full redraw compares every drawn span, ten thousand on a long article.
    const add: HighlightSpan[] = [];
    for (const id of created) {
      const span = this.saved.get(id) ?? this.pending.get(id)!.span;
      if (!sameSpan(this.drawn.get(id), span)) add.push(span);
    }
    this.draw({ add, remove: removed.filter((id) => this.drawn.has(id)) });
    return {
      written: () => {
        for (const id of created) {
          const entry = this.pending.get(id);
          if (entry) entry.written = true;
        }
        for (const id of removed) {
          const entry = this.deleting.get(id);
          if (entry) entry.written = true;
        }
      },
      undo: () => {
        for (const id of created) this.pending.delete(id);
        for (const id of removed) this.deleting.delete(id);
        this.redraw();
      },
    };
  }

  /** The name of the step undo (or redo) would take, for its button: "tag Commitment". */
  stepName(direction: 'undo' | 'redo'): string | null {
    const { history, path, tagLabel } = this.options;
    const entry = direction === 'undo' ? history.peekUndo(path) : history.peekRedo(path);
    return entry ? describeStep(entry, tagLabel) : null;
  }

  // ------------------------------------------------------------ internals

  /**
   * Writes run one after another, in the order the analyst asked for them:
   * an undo pressed while a tag is still being saved undoes that tag.
   */
  private run(action: () => Promise<void>): Promise<void> {
    const next = this.writes.then(async () => {
      try {
        await action();
        this.options.onError(null);
      } catch (error) {
        this.options.onError(describeStorageError(error));
      }
    });
    // A rejected link would keep every later write (and undo) waiting forever, without a word:
    // whatever fails past the handlers above, the queue goes on.
    this.writes = next.catch((error: unknown) => console.error(error));
    return next;
  }

  private draw(delta: SpanDelta): void {
    for (const id of delta.remove) this.drawn.delete(id);
    for (const span of delta.add) this.drawn.set(span.id, span);
    if (delta.add.length || delta.remove.length) for (const listener of this.spanListeners) listener(delta);
  }

  /** Recomputes saved ∪ pending − deleting and tells the listeners what differs from the page. */
  private redraw(): void {
    const next = new Map<string, HighlightSpan>();
    for (const [id, span] of this.saved) if (!this.deleting.has(id)) next.set(id, span);
    for (const [id, p] of this.pending) if (!next.has(id)) next.set(id, p.span);
    const add = [...next.values()].filter((s) => !sameSpan(this.drawn.get(s.id), s));
    const remove = [...this.drawn.keys()].filter((id) => !next.has(id));
    this.drawn = next;
    if (add.length || remove.length) for (const listener of this.spanListeners) listener({ add, remove });
  }
}

/** "tag Commitment", "delete Dispute", "edit Commitment", or a group's own label. */
export function describeStep(entry: HistoryEntry, tagLabel: (id: string) => string): string {
  switch (entry.kind) {
    case 'create':
      return i18n.t('annotate:session.step.create', { tag: tagLabel(entry.after.tag) });
    case 'delete':
      return i18n.t('annotate:session.step.delete', { tag: tagLabel(entry.before.tag) });
    case 'update':
      return i18n.t('annotate:session.step.update', { tag: tagLabel(entry.after.tag) });
    case 'group':
      return entry.label;
  }
}

function sameSpan(a: HighlightSpan | undefined, b: HighlightSpan): boolean {
  return (
    !!a &&
    a.tag === b.tag &&
    a.start === b.start &&
    a.end === b.end &&
    a.readOnly === b.readOnly &&
    !a.pending === !b.pending
  );
}
