import { snapToWords, trimSpan } from '../../text/text-quote';
import { matchableText } from '../pattern-match';
import { makeSuggestion, type SuggestInput } from '../suggest';
import { suggestionKey, type Suggestion } from '../suggestion-types';
import { referenceSpans } from './reference-match';

/**
 * `suggestForText` the plain way: each matcher on its own pass
 * (`referenceSpans`), every span trimmed and snapped by the general rules,
 * taken spans as strings in a set. Slow on a long article, and obviously
 * right: the fast path (one combined scan, matches as numbers, the ASCII
 * shortcut past trimming) must give exactly its list.
 */
export function referenceSuggest(input: SuggestInput): Suggestion[] {
  const t = typeof input.text === 'string' ? matchableText(input.text) : input.text;
  const taken = new Set(input.annotations.map((a) => `${a.tag}\u0000${a.start}:${a.end}`));
  const rejected = input.rejected ?? new Set<string>();
  const out: Suggestion[] = [];
  for (const m of input.matchers) {
    for (const raw of referenceSpans(m.kind, m.text, t)) {
      const trimmed = trimSpan(t.index, raw.start, raw.end);
      if (trimmed === null) continue;
      const span = (input.snap ?? true) ? snapToWords(t.index, trimmed.start, trimmed.end) : trimmed;
      const spanKey = `${m.tag}\u0000${span.start}:${span.end}`;
      if (taken.has(spanKey)) continue;
      const key = suggestionKey(span.start, span.end, m.source.key);
      if (rejected.has(key)) continue;
      taken.add(spanKey);
      out.push(makeSuggestion(m, span.start, span.end, t.index, key));
    }
  }
  return out.sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  );
}
