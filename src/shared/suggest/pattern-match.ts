import { REGEX_PATTERN_FLAGS, type PatternKind } from '../codebook/tag-patterns';
import { foldForSearch, foldWithMap, type FoldedText } from '../text/text-fold';
import { codePointIndex, type CodePointIndex, type Span } from '../text/text-quote';

/**
 * Where one pattern occurs in one text, as code point spans of the
 * normalized text. Phrases and wildcards are matched in the folded text
 * (the corpus search's folding, `text-fold.ts`), so they ignore accents,
 * case and punctuation exactly as search does; regular expressions run on
 * the text itself. No match crosses a line break: a paragraph is the
 * largest thing an analyst tags.
 */

/** A text prepared once for every pattern matched against it. */
export interface MatchableText {
  readonly text: string;
  readonly index: CodePointIndex;
  readonly fold: FoldedText;
}

export function matchableText(text: string): MatchableText {
  return { text, index: codePointIndex(text), fold: foldWithMap(text) };
}

/** A compiled pattern: call `spans` for each text. */
export interface CompiledPattern {
  spans(text: MatchableText): Span[];
}

/** Compile a pattern. The caller has validated it (`TagPatternSchema`); a bad one matches nothing. */
export function compilePattern(kind: PatternKind, text: string): CompiledPattern {
  if (kind === 'regex') {
    let re: RegExp | null = null;
    try {
      re = new RegExp(text, REGEX_PATTERN_FLAGS);
    } catch {
      re = null;
    }
    return { spans: (t) => (re === null ? [] : regexSpans(re, t)) };
  }
  if (kind === 'phrase') {
    const needle = foldForSearch(text);
    return { spans: (t) => (needle === '' ? [] : phraseIndexSpans(needle, t)) };
  }
  const folded = foldedWildcardSource(text);
  if (folded === null) return { spans: () => [] };
  // Folded text is words of letters and digits separated by single spaces,
  // so a word boundary is the start, the end, or a space.
  const re = new RegExp(`(?<![^ ])${folded}(?![^ ])`, 'g');
  return { spans: (t) => foldedSpans(re, t) };
}

/** Occurrences of a literal phrase (already folded or not) on word boundaries. */
export function phraseSpans(phrase: string, text: MatchableText): Span[] {
  return compilePattern('phrase', phrase).spans(text);
}

// ------------------------------------------------------------- internals

/** A plain phrase needs no regex: `indexOf` in the folded text, kept where both ends are word boundaries. */
function phraseIndexSpans(needle: string, t: MatchableText): Span[] {
  const out: Span[] = [];
  const hay = t.fold.folded;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    if ((i > 0 && hay.charCodeAt(i - 1) !== 0x20) || (end < hay.length && hay.charCodeAt(end) !== 0x20))
      continue;
    pushSpan(out, t, t.fold.toOriginal(i), t.fold.toOriginalEnd(end));
  }
  return out;
}

function pushSpan(out: Span[], t: MatchableText, start: number, end: number): void {
  if (end > start && !crossesLine(t, start, end)) out.push({ start, end });
}

/**
 * A wildcard pattern as a regex over folded text. Each word is folded on
 * its own with the wildcards kept: `*` alone is one whole word, `*` inside
 * a word any letters (none too), `?` exactly one letter.
 */
function foldedWildcardSource(text: string): string | null {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const parts: string[] = [];
  for (const word of words) {
    if (/^\*+$/.test(word)) {
      parts.push('[^ ]+');
      continue;
    }
    // Fold the literal pieces between wildcards; punctuation inside them splits words as in search.
    const pieces = word.split(/([*?])/);
    let source = '';
    for (const piece of pieces) {
      if (piece === '*') source += '[^ ]*';
      else if (piece === '?') source += '[^ ]';
      else source += escapeRegex(foldForSearch(piece));
    }
    if (source !== '') parts.push(source);
  }
  if (!parts.some((p) => /[\p{L}\p{N}]/u.test(p))) return null;
  return parts.join(' ');
}

function foldedSpans(re: RegExp, t: MatchableText): Span[] {
  const out: Span[] = [];
  const hay = t.fold.folded;
  re.lastIndex = 0;
  for (let m = re.exec(hay); m !== null; m = re.exec(hay)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const start = t.fold.toOriginal(m.index);
    const end = t.fold.toOriginalEnd(m.index + m[0].length);
    if (end > start && !crossesLine(t, start, end)) out.push({ start, end });
  }
  return out;
}

function regexSpans(re: RegExp, t: MatchableText): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(t.text); m !== null; m = re.exec(t.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    // With a capture group that took part, the group is the span.
    const [from, to] = m.indices?.[1] ?? [m.index, m.index + m[0].length];
    if (to <= from) continue;
    const start = t.index.toCodePoint(from);
    const end = t.index.toCodePoint(to);
    if (!crossesLine(t, start, end)) out.push({ start, end });
  }
  return out;
}

function crossesLine(t: MatchableText, start: number, end: number): boolean {
  return t.text.slice(t.index.toUtf16(start), t.index.toUtf16(end)).includes('\n');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
