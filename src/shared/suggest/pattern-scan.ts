import { REGEX_PATTERN_FLAGS, type PatternKind } from '../codebook/tag-patterns';
import { foldForSearch } from '../text/text-fold';
import type { Span } from '../text/text-quote';
import type { MatchableText } from './pattern-match';

/**
 * Every pattern of a codebook matched against one text in one combined
 * scan, with the same spans, in the same order, as matching each pattern
 * on its own (`test/pattern-scan.test.ts` holds the two together):
 *
 *  - phrases (and learned phrases) and wildcards are matched word by word:
 *    the folded text is words separated by single spaces, and a pattern
 *    must start and end on a word boundary, so one pass over the words
 *    with a hash of first words finds every phrase (Aho–Corasick at word
 *    granularity, with no in-word hits to filter out afterwards);
 *  - regular expressions that begin with the same lookbehind (as the
 *    built-in cue patterns do: `(?<![\p{L}\p{N}])(?:sepakat|…)`) share one
 *    scanner regex, `lookbehind(?:(?:rest₁)|(?:rest₂)|…)`, so the costly
 *    Unicode assertion runs once per position instead of once per pattern.
 *    The scanner only says where some member may match; each member is then
 *    confirmed by its own regex, sticky, at that position, so captures, the
 *    non-overlapping order and every corner of regex semantics are its own.
 */

export interface PatternSpec {
  readonly kind: PatternKind;
  readonly text: string;
}

/** Compiled once per set of patterns; `scan` gives one span list per pattern, in the order given. */
export interface PatternScanner {
  scan(text: MatchableText): Span[][];
  /** The same spans as numbers in one list (no object per match): what a long article's suggestions read. */
  scanInto(text: MatchableText, found: MatchList): void;
}

/**
 * Matches as they are found, three numbers each (pattern, start, end in
 * code points) in one growing typed array: a long article has tens of
 * thousands, and an object for each would only be garbage to collect.
 */
export class MatchList {
  private data = new Int32Array(3 * 4096);
  length = 0;

  push(pattern: number, start: number, end: number): void {
    if (3 * this.length + 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const at = 3 * this.length++;
    this.data[at] = pattern;
    this.data[at + 1] = start;
    this.data[at + 2] = end;
  }

  pattern(i: number): number {
    return this.data[3 * i]!;
  }

  start(i: number): number {
    return this.data[3 * i + 1]!;
  }

  end(i: number): number {
    return this.data[3 * i + 2]!;
  }

  /** Every entry's index, by pattern (0 to `patterns` - 1), each pattern's in the order found. */
  byPattern(patterns: number): Int32Array {
    const first = new Int32Array(patterns + 1);
    for (let i = 0; i < this.length; i++) first[this.pattern(i) + 1]!++;
    for (let p = 0; p < patterns; p++) first[p + 1]! += first[p]!;
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) order[first[this.pattern(i)]!++] = i;
    return order;
  }
}

export function compileScanner(patterns: readonly PatternSpec[]): PatternScanner {
  const words = new WordMatcher();
  const regexes: RegexMember[] = [];
  patterns.forEach((p, i) => {
    if (p.kind === 'phrase') words.addPhrase(i, foldForSearch(p.text));
    else if (p.kind === 'wildcard') words.addWildcard(i, wildcardWords(p.text));
    else {
      const member = regexMember(i, p.text);
      if (member) regexes.push(member);
    }
  });
  const groups = groupRegexes(regexes);
  const scanInto = (t: MatchableText, found: MatchList): void => {
    words.scan(t, found);
    for (const group of groups) scanGroup(group, t, found);
  };
  return {
    scanInto,
    scan(t) {
      const found = new MatchList();
      scanInto(t, found);
      const out: Span[][] = patterns.map(() => []);
      for (let i = 0; i < found.length; i++)
        out[found.pattern(i)]!.push({ start: found.start(i), end: found.end(i) });
      return out;
    },
  };
}

/**
 * A wildcard as one regex source per folded word (`[^ ]` never matches a
 * space, so each matches one whole word), or null when no word has a
 * letter or digit. `*` alone is one whole word, `*` inside a word any
 * letters (none too), `?` exactly one letter; the literal pieces between
 * wildcards are folded as search folds them, so punctuation in them splits words.
 */
export function wildcardWords(text: string): string[] | null {
  const out: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (/^\*+$/.test(word)) {
      out.push('[^ ]+');
      continue;
    }
    let current = '';
    for (const piece of word.split(/([*?])/)) {
      if (piece === '*') current += '[^ ]*';
      else if (piece === '?') current += '[^ ]';
      else {
        const folded = foldForSearch(piece).split(' ');
        // A folded piece of several words ends the word being built at each of its spaces.
        folded.forEach((part, k) => {
          if (k > 0) {
            if (current !== '') out.push(current);
            current = '';
          }
          current += escapeRegex(part);
        });
      }
    }
    if (current !== '') out.push(current);
  }
  return out.some((w) => /[\p{L}\p{N}]/u.test(w)) ? out : null;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Adds code point span [start, end) of the original unless it is empty or crosses a line break. */
function pushSpan(found: MatchList, pattern: number, t: MatchableText, start: number, end: number): void {
  if (end <= start) return;
  const breaks = lineBreaks(t);
  const from = t.index.toUtf16(start);
  // The first line break at or after `from`: the span crosses it when it starts before `to`.
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  if (lo === breaks.length || breaks[lo]! >= t.index.toUtf16(end)) found.push(pattern, start, end);
}

const lineBreakIndexes = new WeakMap<MatchableText, Int32Array>();

/** UTF-16 indexes of the text's line breaks, ascending. */
function lineBreaks(t: MatchableText): Int32Array {
  let breaks = lineBreakIndexes.get(t);
  if (!breaks) {
    const at: number[] = [];
    for (let i = t.text.indexOf('\n'); i !== -1; i = t.text.indexOf('\n', i + 1)) at.push(i);
    lineBreakIndexes.set(t, (breaks = Int32Array.from(at)));
  }
  return breaks;
}

// ------------------------------------------------------------- words

interface PhraseEntry {
  readonly pattern: number;
  readonly needle: string;
}

interface WildcardEntry {
  readonly pattern: number;
  /** A literal word, or a whole-word regex. */
  readonly words: readonly (string | RegExp)[];
  /** Letters the first word must start with (may be empty). */
  readonly prefix: string;
  /** Its place among the matcher's wildcards. */
  readonly slot: number;
}

/**
 * Where the words of a folded text are: built once per text, kept beside
 * it. Words are separated by single spaces, so word k ends one before
 * word k + 1 starts; `starts[count]` is one past the end of the text.
 */
interface WordIndex {
  readonly starts: Int32Array;
  readonly count: number;
}

const wordIndexes = new WeakMap<MatchableText, WordIndex>();

function wordIndex(t: MatchableText): WordIndex {
  let index = wordIndexes.get(t);
  if (!index) {
    const hay = t.fold.folded;
    let count = hay === '' ? 0 : 1;
    for (let i = hay.indexOf(' '); i !== -1; i = hay.indexOf(' ', i + 1)) count++;
    const starts = new Int32Array(count + 1);
    for (let k = 1, i = hay.indexOf(' '); i !== -1; i = hay.indexOf(' ', i + 1)) starts[k++] = i + 1;
    starts[count] = hay.length + 1;
    index = { starts, count };
    wordIndexes.set(t, index);
  }
  return index;
}

/**
 * A word's key in the first-word table: from its length and first and last
 * UTF-16 units, so no word of the text is sliced out to be looked up. It is
 * a small integer (V8 keys a Map by it without boxing a number for each of
 * the text's words); words that share a key are told apart by comparing the
 * text itself.
 */
function wordKey(s: string, start: number, end: number): number {
  return (
    (((end - start) & 0xff) << 20) | ((s.charCodeAt(start) & 0x3ff) << 10) | (s.charCodeAt(end - 1) & 0x3ff)
  );
}

function keyHash(key: number): number {
  return (key ^ (key >>> 13)) & 0xffff;
}

class WordMatcher {
  private readonly phrases = new Map<number, PhraseEntry[]>();
  /** Which hashes of first-word keys some phrase has: most words of a text are looked up no further. */
  private readonly phraseHashes = new Uint8Array(1 << 16);
  private readonly wildcardsByFirst = new Map<number, WildcardEntry[]>();
  /** Which ASCII letters some wildcard starts with: a word starting otherwise is not looked up. */
  private readonly wildcardFirsts = new Uint8Array(0x80);
  private readonly wildcardsAnywhere: WildcardEntry[] = [];
  private readonly wildcards: WildcardEntry[] = [];
  private empty = true;

  addPhrase(pattern: number, needle: string): void {
    if (needle === '') return;
    const space = needle.indexOf(' ');
    const key = wordKey(needle, 0, space === -1 ? needle.length : space);
    const list = this.phrases.get(key) ?? [];
    list.push({ pattern, needle });
    this.phrases.set(key, list);
    this.phraseHashes[keyHash(key)] = 1;
    this.empty = false;
  }

  addWildcard(pattern: number, words: string[] | null): void {
    if (words === null) return;
    const literal = /^[^\\[\]()*+?{}.^$|]*/;
    const prefix = literal.exec(words[0]!)![0];
    const entry: WildcardEntry = {
      pattern,
      words: words.map((w) => (literal.exec(w)![0] === w ? w : new RegExp(`^(?:${w})$`))),
      prefix,
      slot: this.wildcards.length,
    };
    if (prefix === '') this.wildcardsAnywhere.push(entry);
    else {
      const list = this.wildcardsByFirst.get(prefix.charCodeAt(0)) ?? [];
      list.push(entry);
      this.wildcardsByFirst.set(prefix.charCodeAt(0), list);
      if (prefix.charCodeAt(0) < 0x80) this.wildcardFirsts[prefix.charCodeAt(0)] = 1;
    }
    this.wildcards.push(entry);
    this.empty = false;
  }

  scan(t: MatchableText, out: MatchList): void {
    if (this.empty) return;
    const hay = t.fold.folded;
    const { starts, count } = wordIndex(t);
    const end = (k: number): number => starts[k + 1]! - 1;
    // A wildcard's matches never overlap (as a global regex's): the next may start at this word.
    const nextAllowed = new Int32Array(this.wildcards.length);
    const found = (pattern: number, from: number, to: number): void =>
      pushSpan(out, pattern, t, t.fold.toOriginal(from), t.fold.toOriginalEnd(to));
    const wildcard = (w: WildcardEntry, k: number): void => {
      if (nextAllowed[w.slot]! > k || !hay.startsWith(w.prefix, starts[k]!)) return;
      const last = k + w.words.length - 1;
      if (last >= count || !w.words.every((pw, j) => wordMatches(pw, hay, starts[k + j]!, end(k + j))))
        return;
      nextAllowed[w.slot] = last + 1;
      found(w.pattern, starts[k]!, end(last));
    };
    const anyWildcard = this.wildcards.length > 0;
    const hashes = this.phraseHashes;
    const table = this.phrases;
    // The loop over every word of the text (150,000 in a long article) calls nothing but on a hit:
    // a closure per word, or a Map look-up of its first letter, was most of a cold scan's time.
    for (let k = 0; k < count; k++) {
      const start = starts[k]!;
      const stop = starts[k + 1]! - 1;
      // `wordKey` and `keyHash`, written out.
      const key =
        (((stop - start) & 0xff) << 20) |
        ((hay.charCodeAt(start) & 0x3ff) << 10) |
        (hay.charCodeAt(stop - 1) & 0x3ff);
      if (hashes[(key ^ (key >>> 13)) & 0xffff] === 1) {
        const phrases = table.get(key);
        if (phrases !== undefined)
          for (const p of phrases) {
            const to = start + p.needle.length;
            if ((to === hay.length || hay.charCodeAt(to) === 0x20) && hay.startsWith(p.needle, start))
              found(p.pattern, start, to);
          }
      }
      if (!anyWildcard) continue;
      const first = hay.charCodeAt(start);
      if (first < 0x80 ? this.wildcardFirsts[first] === 1 : this.wildcardsByFirst.has(first))
        for (const w of this.wildcardsByFirst.get(first)!) wildcard(w, k);
      for (const w of this.wildcardsAnywhere) wildcard(w, k);
    }
  }
}

function wordMatches(pattern: string | RegExp, hay: string, start: number, end: number): boolean {
  if (typeof pattern === 'string') return end - start === pattern.length && hay.startsWith(pattern, start);
  return pattern.test(hay.slice(start, end));
}

// ------------------------------------------------------------- regexes

interface RegexMember {
  readonly pattern: number;
  readonly source: string;
  /** Sticky, with match indices when the source has a group: confirms a match at one position. */
  readonly sticky: RegExp;
  readonly hasGroup: boolean;
  /** The leading lookbehind it can share a scanner by, and what follows it; null when it cannot share. */
  readonly lookbehind: string | null;
  readonly rest: string;
}

interface RegexGroup {
  /** Finds every position where some member may match (global, no indices). */
  readonly scanner: RegExp;
  /** The members' shared lookbehind alone, sticky: where it fails, no member can match. */
  readonly guard?: RegExp;
  readonly members: readonly RegexMember[];
}

const SCAN_FLAGS = REGEX_PATTERN_FLAGS.replace('d', '');

function regexMember(pattern: number, source: string): RegexMember | null {
  let groups: number;
  try {
    // Captures of `(?:source)|` on the empty string: one entry per group of the source.
    groups = new RegExp(`(?:${source})|`, SCAN_FLAGS).exec('')!.length - 1;
  } catch {
    return null; // validated patterns compile; a bad one matches nothing, as before
  }
  const hasGroup = groups > 0;
  const sticky = new RegExp(source, `${hasGroup ? REGEX_PATTERN_FLAGS : SCAN_FLAGS}y`);
  const split = shareableLookbehind(source);
  return { pattern, source, sticky, hasGroup, lookbehind: split?.[0] ?? null, rest: split?.[1] ?? source };
}

/**
 * `[lookbehind, rest]` when `source` starts with a lookbehind, has no
 * alternation at its top level (`(?<!x)a|b` does not put `b` behind the
 * lookbehind) and no backreference (numbering changes inside a combined
 * regex); else null.
 */
export function shareableLookbehind(source: string): [string, string] | null {
  if (!source.startsWith('(?<!') && !source.startsWith('(?<=')) return null;
  if (/\\[1-9]|\\k</.test(source)) return null;
  let depth = 0;
  let inClass = false;
  let close = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0 && close === -1) close = i;
    } else if (c === '|' && depth === 0) return null;
  }
  if (close === -1 || depth !== 0) return null;
  return [source.slice(0, close + 1), source.slice(close + 1)];
}

function groupRegexes(members: readonly RegexMember[]): RegexGroup[] {
  const byLookbehind = new Map<string, RegexMember[]>();
  const groups: RegexGroup[] = [];
  const alone = (m: RegexMember): RegexGroup => ({
    scanner: new RegExp(m.source, m.hasGroup ? REGEX_PATTERN_FLAGS : SCAN_FLAGS),
    members: [m],
  });
  for (const m of members) {
    if (m.lookbehind === null) groups.push(alone(m));
    else byLookbehind.set(m.lookbehind, [...(byLookbehind.get(m.lookbehind) ?? []), m]);
  }
  for (const [lookbehind, list] of byLookbehind) {
    if (list.length === 1) {
      groups.push(alone(list[0]!));
      continue;
    }
    try {
      // The scanner leaves the lookbehind out: a regex that starts with one is tried at every
      // position of the text, one that starts with its words can skip ahead. The guard then
      // answers the lookbehind at the (few) positions the scanner stops at.
      const source = `(?:${list.map((m) => `(?:${m.rest})`).join('|')})`;
      groups.push({
        scanner: new RegExp(source, SCAN_FLAGS),
        guard: new RegExp(lookbehind, `${SCAN_FLAGS}y`),
        members: list,
      });
    } catch {
      // Members that cannot live in one regex (the same group name twice) scan alone.
      groups.push(...list.map(alone));
    }
  }
  return groups;
}

/**
 * Each member's matches, as `exec` in a loop would give them: from where
 * its previous match ended, the first position where it matches. The
 * scanner visits every position where some member matches, in order, so a
 * member's first match at or after its resume point is the first such
 * position it is confirmed at.
 */
function scanGroup(group: RegexGroup, t: MatchableText, out: MatchList): void {
  const text = t.text;
  const { scanner, members } = group;
  if (members.length === 1) return scanAlone(scanner, members[0]!, t, out);
  const resume = new Array<number>(members.length).fill(0);
  scanner.lastIndex = 0;
  for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
    const at = m.index;
    if (group.guard) group.guard.lastIndex = at;
    if (!group.guard || group.guard.test(text))
      members.forEach((member, k) => {
        if (resume[k]! > at) return;
        member.sticky.lastIndex = at;
        const hit = member.sticky.exec(text);
        if (hit === null) return;
        resume[k] = at + Math.max(hit[0].length, 1);
        pushRegexSpan(member, hit, t, out);
      });
    // On from the next code point: another member may start inside this one's match.
    const code = text.charCodeAt(at);
    scanner.lastIndex = at + (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1);
  }
}

/** One regex on its own: its own global `exec` loop is the scan. */
function scanAlone(re: RegExp, member: RegexMember, t: MatchableText, out: MatchList): void {
  re.lastIndex = 0;
  for (let m = re.exec(t.text); m !== null; m = re.exec(t.text)) {
    if (m[0].length === 0) re.lastIndex++;
    else pushRegexSpan(member, m, t, out);
  }
}

function pushRegexSpan(member: RegexMember, hit: RegExpExecArray, t: MatchableText, out: MatchList): void {
  if (hit[0].length === 0) return;
  // With a capture group that took part, the group is the span.
  const [from, to] = (member.hasGroup ? hit.indices?.[1] : undefined) ?? [
    hit.index,
    hit.index + hit[0].length,
  ];
  if (to <= from) return;
  pushSpan(out, member.pattern, t, t.index.toCodePoint(from), t.index.toCodePoint(to));
}
