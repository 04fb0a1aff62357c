import type { Annotation } from '../../../shared/annotation/annotation-types';
import type { Matcher } from '../../../shared/suggest/suggest';
import {
  answeredKeys,
  answeredSpans,
  type Suggestion,
  type SuggestionDecision,
} from '../../../shared/suggest/suggestion-types';
import { codePointIndex, describeSpan, type CodePointIndex } from '../../../shared/text/text-quote';
import { applyChange } from '../db/history-apply';
import { acceptSuggestions } from '../db/suggestion-repo';
import type { TandaDB } from '../db/tanda-db';
import { invertChange, type ChangeGroup } from '../db/undo-history';
import { fromColumns } from './suggest-core';
import type { SuggestEngine } from './suggest-engine';

/**
 * *Accept all from this source* across the corpus: first a plan (every
 * document's suggestions from that one source, counted before anything is
 * written), then one transaction for all of it, and one undo for all of
 * it. The undo is kept apart from the documents' own histories, which are
 * per document; it takes back exactly what was accepted, or nothing when
 * one of those annotations was changed since.
 */

export interface CorpusPlanDocument {
  path: string;
  sha: string;
  index: CodePointIndex;
  suggestions: Suggestion[];
}

export interface CorpusPlan {
  sourceKey: string;
  documents: CorpusPlanDocument[];
  /** Suggestions in all documents. */
  count: number;
}

/** Documents per message to the worker: the page stays responsive while the corpus is sent. */
const BATCH = 100;

export async function planCorpusAccept(input: {
  matcher: Matcher;
  snap: boolean;
  texts: Iterable<{ path: string; sha256: string; text: string }>;
  /** Every stored annotation: no suggestion repeats one's tag and span. */
  annotations: readonly Annotation[];
  /** The analyst's decisions: rejected suggestions stay rejected, and so do those accepted as another tag. */
  decisions: readonly SuggestionDecision[];
  engine: SuggestEngine;
}): Promise<CorpusPlan> {
  const { matcher, snap, engine } = input;
  const placed = new Map<string, { tag: string; start: number; end: number }[]>();
  for (const a of input.annotations) {
    if (a.orphaned) continue;
    push(placed, `${a.documentPath}\n${a.contentSha256}`, { tag: a.tag, start: a.start, end: a.end });
  }
  const decisionsOf = new Map<string, SuggestionDecision[]>();
  for (const d of input.decisions) push(decisionsOf, d.documentPath, d);
  const texts = [...input.texts];
  const documents: CorpusPlanDocument[] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = texts.slice(i, i + BATCH);
    const columns = await engine.suggest([matcher], snap, [
      ...batch.map((t) => {
        let annotations = placed.get(`${t.path}\n${t.sha256}`) ?? [];
        const own = decisionsOf.get(t.path) ?? [];
        let answered: Iterable<string> = [];
        if (own.length) {
          const spans = new Set(annotations.map((a) => `${a.tag}\u0000${a.start}\u0000${a.end}`));
          const annotated = (tag: string, start: number, end: number): boolean =>
            spans.has(`${tag}\u0000${start}\u0000${end}`);
          answered = answeredKeys(own, t.path, annotated);
          // Spans accepted as another tag are answered for the proposed tag too, as in the open document.
          const also = answeredSpans(own, t.path, annotated);
          if (also.length) annotations = [...annotations, ...also];
        }
        return { sha: t.sha256, text: t.text, annotations, rejected: [...answered] };
      }),
    ]);
    batch.forEach((t, k) => {
      if (columns[k]!.start.length === 0) return;
      const index = codePointIndex(t.text);
      documents.push({
        path: t.path,
        sha: t.sha256,
        index,
        suggestions: fromColumns(columns[k]!, [matcher], index),
      });
    });
  }
  return {
    sourceKey: matcher.source.key,
    documents,
    count: documents.reduce((sum, d) => sum + d.suggestions.length, 0),
  };
}

/** Accept every suggestion of the plan, all or none; the group is what `undoCorpusAccept` takes back. */
export async function acceptCorpusPlan(
  db: TandaDB,
  plan: CorpusPlan,
  annotator: string,
  label: string,
): Promise<ChangeGroup> {
  const changes = await acceptSuggestions(
    db,
    plan.documents.flatMap((d) =>
      d.suggestions.map((s) => ({
        annotation: {
          documentPath: d.path,
          contentSha256: d.sha,
          annotator,
          tag: s.tag,
          start: s.start,
          end: s.end,
          ...describeSpan(d.index, s.start, s.end),
          attributes: s.attributes,
          note: '',
        },
        decision: {
          annotator,
          documentPath: d.path,
          start: s.start,
          end: s.end,
          tag: s.tag,
          sourceKey: s.source.key,
        },
      })),
    ),
  );
  return {
    kind: 'group',
    before: null,
    after: null,
    documentPath: plan.documents[0]?.path ?? '',
    annotator,
    label,
    changes,
    settings: [],
  };
}

/** Take back a corpus-wide accept: every annotation it created, or none if one changed since (then it throws). */
export async function undoCorpusAccept(db: TandaDB, group: ChangeGroup): Promise<void> {
  await applyChange(db, invertChange(group), { annotator: group.annotator });
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The last corpus-wide accept, while it can be undone: kept for the session
 * beside the documents, not in one of them, so it can be undone from any.
 */
export interface CorpusUndo {
  group: ChangeGroup;
  documents: number;
}

let lastCorpusAccept: CorpusUndo | null = null;
const listeners = new Set<() => void>();

export const corpusUndoStore = {
  get: (): CorpusUndo | null => lastCorpusAccept,
  set(value: CorpusUndo | null): void {
    lastCorpusAccept = value;
    for (const l of listeners) l();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
