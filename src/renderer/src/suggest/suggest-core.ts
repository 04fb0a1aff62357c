import { matchableText, type MatchableText } from '../../../shared/suggest/pattern-match';
import { makeSuggestion, suggestForText, type Matcher } from '../../../shared/suggest/suggest';
import type { Suggestion } from '../../../shared/suggest/suggestion-types';
import type { CodePointIndex } from '../../../shared/text/text-quote';
import { describeIssue } from '../../../shared/validation/zod-issues';
import { errorMessage } from '../../../shared/validation/error-message';
import { SuggestRequestSchema, type SpanColumns, type SuggestReply } from './suggest-protocol';

/**
 * What the suggestion worker does, callable on the page too (tests, and
 * where no worker starts): check the request, match each document, answer
 * with columns of numbers (cheap to send back and to turn into suggestions).
 */
export class SuggestCore {
  // The open document is matched again after every accept or reject: its folding is kept.
  private readonly folded = new Map<string, MatchableText>();

  handle(message: unknown): SuggestReply {
    const parsed = SuggestRequestSchema.safeParse(message);
    const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
    if (!parsed.success)
      return { type: 'failed', id, message: `Suggestion request: ${describeIssue(parsed.error.issues[0]!)}` };
    try {
      const { matchers, snap, documents, shadows } = parsed.data;
      return {
        type: 'spans',
        id,
        documents: documents.map((d) => {
          const shadowed: Suggestion[] | undefined = shadows ? [] : undefined;
          const list = suggestForText({
            text: this.fold(d.sha, d.text),
            matchers,
            annotations: d.annotations,
            rejected: new Set(d.rejected),
            snap,
            shadowed,
          });
          const columns = toColumns(list, matchers);
          return shadowed ? { ...columns, shadowed: toColumns(shadowed, matchers) } : columns;
        }),
      };
    } catch (error) {
      return { type: 'failed', id, message: `Suggestions could not be computed: ${errorMessage(error)}` };
    }
  }

  private fold(sha: string, text: string): MatchableText {
    const cached = this.folded.get(sha);
    if (cached?.text === text) return cached;
    const t = matchableText(text);
    if (this.folded.size >= 4) this.folded.delete(this.folded.keys().next().value!);
    this.folded.set(sha, t);
    return t;
  }
}

function toColumns(list: readonly Suggestion[], matchers: readonly Matcher[]): SpanColumns {
  // Each matcher's source object is its own, so it names the matcher.
  const index = new Map(matchers.map((m, i) => [m.source, i]));
  const columns = {
    matcher: new Int32Array(list.length),
    start: new Int32Array(list.length),
    end: new Int32Array(list.length),
  };
  list.forEach((s, i) => {
    columns.matcher[i] = index.get(s.source)!;
    columns.start[i] = s.start;
    columns.end[i] = s.end;
  });
  return columns;
}

/** The suggestions the columns stand for, against the matchers and text they were computed with. */
export function fromColumns(
  columns: SpanColumns,
  matchers: readonly Matcher[],
  index: CodePointIndex,
): Suggestion[] {
  const out: Suggestion[] = new Array<Suggestion>(columns.matcher.length);
  for (let i = 0; i < out.length; i++)
    out[i] = makeSuggestion(matchers[columns.matcher[i]!]!, columns.start[i]!, columns.end[i]!, index);
  return out;
}

/** Time one slice of `fromColumnsInSlices` may take: the rest of the frame is the page's. */
const SLICE_BUDGET_MS = 8;
/** Suggestions made between two looks at the clock. */
const SLICE_CHECK = 512;

/**
 * `fromColumns` a slice at a time, the page's thread free between slices:
 * a long article's tens of thousands of suggestions made in one go hold
 * the page past 50 ms. Null when `stop` answers true between two slices
 * (the list was no longer wanted).
 */
export async function fromColumnsInSlices(
  columns: SpanColumns,
  matchers: readonly Matcher[],
  index: CodePointIndex,
  options: { stop?: () => boolean; pause?: () => Promise<void>; budgetMs?: number } = {},
): Promise<Suggestion[] | null> {
  const { stop = () => false, pause = nextTask, budgetMs = SLICE_BUDGET_MS } = options;
  const n = columns.matcher.length;
  const out: Suggestion[] = new Array<Suggestion>(n);
  let began = performance.now();
  for (let i = 0; i < n; i++) {
    if (i % SLICE_CHECK === 0 && i > 0 && performance.now() - began >= budgetMs) {
      await pause();
      if (stop()) return null;
      began = performance.now();
    }
    out[i] = makeSuggestion(matchers[columns.matcher[i]!]!, columns.start[i]!, columns.end[i]!, index);
  }
  return out;
}

/** The part of a `MessageChannel` `nextTask` uses (Node's types and the DOM's differ). */
interface Channel {
  port1: { onmessage: (() => void) | null; close(): void };
  port2: { postMessage(message: null): void };
}

/**
 * Resolves on a new task, once what is queued (input, a frame) has had its
 * turn: a message, as a timer nested this deep waits 4 ms or more.
 */
function nextTask(): Promise<void> {
  const Channel = (globalThis as unknown as { MessageChannel?: new () => Channel }).MessageChannel;
  if (!Channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new Channel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
