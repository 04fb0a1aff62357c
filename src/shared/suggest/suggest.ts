import type { AttributeValues } from '../annotation/annotation-types';
import type { Codebook } from '../codebook/codebook';
import { patternName, type PatternKind, type TagPattern } from '../codebook/tag-patterns';
import { foldForSearch } from '../text/text-fold';
import { snapToWords, trimSpan, type CodePointIndex, type Span } from '../text/text-quote';
import { matchableText, type MatchableText } from './pattern-match';
import { compileScanner, MatchList, type PatternScanner } from './pattern-scan';
import { suggestionKey, type SourceRecord, type Suggestion, type SuggestionSource } from './suggestion-types';

/**
 * Suggestions for one document: every codebook pattern and every learned
 * phrase matched against its text, snapped like a selection, minus what is
 * already annotated with the same tag and span and minus what the analyst
 * rejected. The CLI (`tanda suggest`), the renderer's worker and the bench
 * all call `suggestForText`, so they propose the same spans.
 */

/** A phrase the analyst tagged, proposed wherever else it occurs. */
export interface LearnedPhrase {
  readonly tag: string;
  /** Folded (`foldForSearch`), so *Kereta Api* and *kereta api* are one phrase. */
  readonly phrase: string;
  /** How many of the analyst's annotations of this tag have this phrase. */
  readonly count: number;
  /** Of the most recently updated of them. */
  readonly attributes: AttributeValues;
}

/**
 * A source of suggestions: plain data (it crosses to the worker), compiled
 * together with the others of its list once per list (`suggestForText`).
 */
export interface Matcher {
  readonly tag: string;
  readonly attributes: AttributeValues;
  readonly source: SuggestionSource;
  readonly kind: PatternKind;
  readonly text: string;
}

export interface SourceSwitches {
  /** Codebook patterns; default on. */
  patterns?: boolean;
  /** Learned phrases; default on. */
  learned?: boolean;
}

export function patternSourceKey(tag: string, pattern: Pick<TagPattern, 'kind' | 'text'>): string {
  return `pattern:${tag}:${pattern.kind}:${pattern.text}`;
}

export function learnedSourceKey(tag: string, phrase: string): string {
  return `learned:${tag}:${phrase}`;
}

/** Matchers for every pattern of every active tag, in codebook order. */
export function patternMatchers(codebook: Codebook): Matcher[] {
  const out: Matcher[] = [];
  for (const tag of codebook.tags) {
    if (tag.retired) continue;
    for (const p of tag.patterns ?? []) {
      out.push({
        tag: tag.id,
        attributes: p.attributes ?? {},
        source: { key: patternSourceKey(tag.id, p), kind: 'pattern', pattern: patternName(p) },
        kind: p.kind,
        text: p.text,
      });
    }
  }
  return out;
}

/**
 * What the analyst taught by tagging: one phrase per (tag, folded quote) of
 * `annotations` (pass only the current annotator's). A phrase rejected
 * more often than it was tagged stops being proposed: `records` holds the
 * rejections per source key.
 */
export function learnPhrases(
  annotations: readonly {
    tag: string;
    quote: string;
    attributes: AttributeValues;
    updatedAt: string;
    orphaned?: boolean;
  }[],
  records: ReadonlyMap<string, SourceRecord> = new Map(),
): LearnedPhrase[] {
  const byKey = new Map<
    string,
    { tag: string; phrase: string; count: number; latest: string; attributes: AttributeValues }
  >();
  for (const a of annotations) {
    if (a.orphaned) continue;
    const phrase = foldForSearch(a.quote);
    if (phrase === '') continue;
    const key = learnedSourceKey(a.tag, phrase);
    const seen = byKey.get(key);
    if (!seen)
      byKey.set(key, { tag: a.tag, phrase, count: 1, latest: a.updatedAt, attributes: a.attributes });
    else {
      seen.count++;
      if (a.updatedAt > seen.latest) {
        seen.latest = a.updatedAt;
        seen.attributes = a.attributes;
      }
    }
  }
  const out: LearnedPhrase[] = [];
  for (const [key, p] of byKey) {
    const rejected = records.get(key)?.rejected ?? 0;
    if (rejected > p.count) continue;
    out.push({ tag: p.tag, phrase: p.phrase, count: p.count, attributes: p.attributes });
  }
  return out;
}

/**
 * One matcher per phrase of an active tag, in the order of their source
 * keys (tag, then phrase): an order that tagging again never changes. The
 * order says which source wins a span, so an order taken from the
 * annotations (their ids, or when each was made) would re-sort the list
 * at an accept, and the open document would have to be matched afresh.
 */
export function learnedMatchers(phrases: readonly LearnedPhrase[], codebook: Codebook): Matcher[] {
  const active = new Set(codebook.tags.filter((t) => !t.retired).map((t) => t.id));
  return phrases
    .filter((p) => active.has(p.tag))
    .map((p) => ({ p, key: learnedSourceKey(p.tag, p.phrase) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ p, key }) => ({
      tag: p.tag,
      attributes: p.attributes,
      source: { key, kind: 'learned' as const, count: p.count },
      kind: 'phrase' as const,
      text: p.phrase,
    }));
}

export interface SuggestInput {
  text: string | MatchableText;
  /** Learned phrases first (the analyst's own choices), then patterns: the first source of a span wins. */
  matchers: readonly Matcher[];
  /** Annotations in this document; a suggestion with the same tag and span as one of them is left out. */
  annotations: readonly { tag: string; start: number; end: number }[];
  /** Keys (`suggestionKey`) of this document's rejected suggestions. */
  rejected?: ReadonlySet<string>;
  /** Snap to whole words, as selections are by default. */
  snap?: boolean;
  /**
   * When given, receives the suggestions left out only because an earlier
   * source proposed the same tag and span: what to propose there should
   * that one be rejected, without matching the text again.
   */
  shadowed?: Suggestion[];
}

/** Suggestions in text order (start, then end, then tag), one per tag and span. */
export function suggestForText(input: SuggestInput): Suggestion[] {
  const t = typeof input.text === 'string' ? matchableText(input.text) : input.text;
  const found = new MatchList();
  scannerFor(input.matchers).scanInto(t, found);
  const taken = new SpanSet(input.annotations.length + found.length);
  for (const a of input.annotations) taken.add(a.tag, a.start, a.end);
  const annotated = input.shadowed ? new SpanSet(input.annotations.length, taken) : null;
  const rejected = input.rejected ?? new Set<string>();
  // A key is looked up only when something was rejected: hashing it flattens the string it was built as.
  const anyRejected = rejected.size > 0;
  const out: Suggestion[] = [];
  const snap = input.snap ?? true;
  // Matcher by matcher, each in the order its matches were found: the first source of a span wins.
  for (const i of found.byPattern(input.matchers.length)) {
    const m = input.matchers[found.pattern(i)]!;
    let start = found.start(i);
    let end = found.end(i);
    if (!alreadyClean(t.text, t.index.toUtf16(start), t.index.toUtf16(end), snap)) {
      const span = cleanSpan(t, start, end, snap);
      if (span === null) continue;
      ({ start, end } = span);
    }
    const held = taken.has(m.tag, start, end);
    if (held && !annotated) continue;
    const key = suggestionKey(start, end, m.source.key);
    if (anyRejected && rejected.has(key)) continue;
    if (held) {
      if (!annotated!.has(m.tag, start, end))
        input.shadowed!.push(makeSuggestion(m, start, end, t.index, key));
      continue;
    }
    taken.add(m.tag, start, end);
    out.push(makeSuggestion(m, start, end, t.index, key));
  }
  return out.sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  );
}

/** The suggestion `matcher` makes of a span of the text `index` was built for. */
export function makeSuggestion(
  m: Matcher,
  start: number,
  end: number,
  index: CodePointIndex,
  key = suggestionKey(start, end, m.source.key),
): Suggestion {
  return {
    key,
    tag: m.tag,
    start,
    end,
    quote: index.text.slice(index.toUtf16(start), index.toUtf16(end)),
    attributes: m.attributes,
    source: m.source,
  };
}

/**
 * Tag and span pairs in an open-addressed hash table of integers: a long
 * article has tens of thousands of them, and Maps of them (a Map per tag,
 * a start to its end or set of ends) grew, rehashed and were garbage at
 * every call. A slot is three numbers (tag + 1, start, end); tag 0 is empty.
 */
class SpanSet {
  private readonly tags = new Map<string, number>();
  private slots: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected: number, copy?: SpanSet) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(3 * capacity);
    this.mask = capacity - 1;
    if (!copy) return;
    for (const [tag, id] of copy.tags) this.tags.set(tag, id);
    const from = copy.slots;
    for (let at = 0; at < from.length; at += 3)
      if (from[at] !== 0) this.insert(from[at]!, from[at + 1]!, from[at + 2]!);
  }

  add(tag: string, start: number, end: number): void {
    let id = this.tags.get(tag);
    if (id === undefined) this.tags.set(tag, (id = this.tags.size + 1));
    this.insert(id, start, end);
  }

  has(tag: string, start: number, end: number): boolean {
    const id = this.tags.get(tag);
    if (id === undefined) return false;
    const slots = this.slots;
    for (let i = hashSpan(id, start, end) & this.mask; ; i = (i + 1) & this.mask) {
      const at = 3 * i;
      const t = slots[at]!;
      if (t === 0) return false;
      if (t === id && slots[at + 1] === start && slots[at + 2] === end) return true;
    }
  }

  private insert(id: number, start: number, end: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const slots = this.slots;
    for (let i = hashSpan(id, start, end) & this.mask; ; i = (i + 1) & this.mask) {
      const at = 3 * i;
      const t = slots[at]!;
      if (t === 0) {
        slots[at] = id;
        slots[at + 1] = start;
        slots[at + 2] = end;
        this.size++;
        return;
      }
      if (t === id && slots[at + 1] === start && slots[at + 2] === end) return;
    }
  }

  private grow(): void {
    const from = this.slots;
    this.slots = new Int32Array(2 * from.length);
    this.mask = 2 * (this.mask + 1) - 1;
    this.size = 0;
    for (let at = 0; at < from.length; at += 3)
      if (from[at] !== 0) this.insert(from[at]!, from[at + 1]!, from[at + 2]!);
  }
}

function hashSpan(id: number, start: number, end: number): number {
  let h = Math.imul(start, 0x9e3779b1) ^ Math.imul(end, 0x85ebca77) ^ Math.imul(id, 0xc2b2ae3d);
  h ^= h >>> 15;
  return h >>> 0;
}

// A list of matchers is compiled once, however many documents it is matched against.
const scanners = new WeakMap<readonly Matcher[], PatternScanner>();

function scannerFor(matchers: readonly Matcher[]): PatternScanner {
  let scanner = scanners.get(matchers);
  if (!scanner) scanners.set(matchers, (scanner = compileScanner(matchers)));
  return scanner;
}

/** The span trimmed of white space (and snapped to words), as a selection is; null when nothing is left. */
function cleanSpan(t: MatchableText, start: number, end: number, snap: boolean): Span | null {
  const trimmed = trimSpan(t.index, start, end);
  if (trimmed === null) return null;
  return snap ? snapToWords(t.index, trimmed.start, trimmed.end) : trimmed;
}

/**
 * True when trimming and snapping would leave UTF-16 range [a, b) as it
 * is, told from ASCII neighbours alone: most spans of a long article, which
 * then skip the general (Unicode) rules of `trimSpan` and `snapToWords`.
 * Anything else (a non-ASCII end or neighbour) answers false and takes them.
 */
export function alreadyClean(s: string, a: number, b: number, snap: boolean): boolean {
  if (b <= a || !asciiVisible(s.charCodeAt(a)) || !asciiVisible(s.charCodeAt(b - 1))) return false;
  return !snap || (asciiBoundary(s, a - 1) && asciiBoundary(s, b));
}

/** An ASCII character that is not white space. */
function asciiVisible(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** No word can continue across the ASCII character at `u` (nor past either end of the text). */
function asciiBoundary(s: string, u: number): boolean {
  if (u < 0 || u >= s.length) return true;
  const c = s.charCodeAt(u);
  if (c >= 0x80) return false;
  const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  // An apostrophe or hyphen joins two words (`snapToWords`).
  return !alnum && c !== 0x27 && c !== 0x2d;
}
