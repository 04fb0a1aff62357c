import { REGEX_PATTERN_FLAGS, type PatternKind } from '../../codebook/tag-patterns';
import { foldForSearch } from '../../text/text-fold';
import type { Span } from '../../text/text-quote';
import type { MatchableText } from '../pattern-match';
import { escapeRegex, wildcardWords } from '../pattern-scan';

/**
 * The plain way to match one pattern: `indexOf` for a phrase, one global
 * regex for a wildcard or a regex, each on its own pass over the text. It
 * is slow on a long article with hundreds of patterns, and obviously
 * right: the combined scan must give exactly its spans.
 */
export function referenceSpans(kind: PatternKind, pattern: string, t: MatchableText): Span[] {
  if (kind === 'phrase') {
    const needle = foldForSearch(pattern);
    const out: Span[] = [];
    if (needle === '') return out;
    const hay = t.fold.folded;
    for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      if ((i > 0 && hay[i - 1] !== ' ') || (end < hay.length && hay[end] !== ' ')) continue;
      push(out, t, t.fold.toOriginal(i), t.fold.toOriginalEnd(end));
    }
    return out;
  }
  if (kind === 'wildcard') {
    const words = wildcardWords(pattern);
    if (words === null) return [];
    const re = new RegExp(`(?<![^ ])${words.join(' ')}(?![^ ])`, 'g');
    const hay = t.fold.folded;
    const out: Span[] = [];
    for (let m = re.exec(hay); m !== null; m = re.exec(hay))
      push(out, t, t.fold.toOriginal(m.index), t.fold.toOriginalEnd(m.index + m[0].length));
    return out;
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, REGEX_PATTERN_FLAGS);
  } catch {
    return [];
  }
  const out: Span[] = [];
  for (let m = re.exec(t.text); m !== null; m = re.exec(t.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const [from, to] = m.indices?.[1] ?? [m.index, m.index + m[0].length];
    if (to > from) push(out, t, t.index.toCodePoint(from), t.index.toCodePoint(to));
  }
  return out;
}

function push(out: Span[], t: MatchableText, start: number, end: number): void {
  if (end > start && !t.text.slice(t.index.toUtf16(start), t.index.toUtf16(end)).includes('\n'))
    out.push({ start, end });
}

export { escapeRegex };
