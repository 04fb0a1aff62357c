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
