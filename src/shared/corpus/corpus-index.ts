import { z } from 'zod';
import { codePointLength } from '../text/text-normalize';
import { foldForSearch } from '../text/text-fold';
import { boundedEditDistance } from './edit-distance';
import { readUints, UintWriter } from './uint-stream';

/**
 * The corpus search index's storage: an inverted index of paragraphs whose
 * postings live in typed arrays, so that the form kept between launches is
 * the form searched (`toSnapshot` / `fromSnapshot` copy no posting and build
 * no tree: restoring 10,000 articles is a few tens of milliseconds, where
 * MiniSearch's `loadJSON` took seconds).
 *
 * Statistics follow MiniSearch 7 exactly (the engine this replaced, whose
 * scores the search keeps): a paragraph's length is its number of distinct
 * terms, the average length is updated one paragraph at a time with
 * MiniSearch's arithmetic, and a term's document frequency counts live
 * paragraphs. Scoring itself is in `corpus-search.ts`.
 *
 * Postings are appended to a log as paragraphs are indexed and sorted into
 * per-term runs (`freeze`) when a search needs them: indexing a paragraph
 * costs its folding and a map lookup per word, nothing per posting list.
 * Removing a document only marks its paragraphs dead and adjusts the
 * statistics; dead postings go at the next freeze.
 */

export interface IndexedDocument {
  readonly path: string;
  readonly title: string;
  /** First paragraph number; the document's paragraphs are numbered consecutively. */
  readonly firstParagraph: number;
  readonly paragraphs: number;
  /** Line that is the title, or -1. */
  readonly titleLine: number;
  /**
   * The text, kept whole: lines and their offsets are worked out when a
   * search first needs them. A restored document holds its UTF-8 bytes
   * instead until then (`documentText`): decoding 10,000 texts up front
   * was a third of restoring an index.
   */
  text?: string;
  utf8?: Uint8Array;
  lines?: string[];
  lineStarts?: number[];
}

/** A term that matched a query term, and the weight of its postings' scores. */
export interface TermMatch {
  term: string;
  id: number;
  weight: number;
}

/** `foldForSearch` split into words. */
const tokenize = (text: string): string[] => {
  const folded = foldForSearch(text);
  return folded === '' ? [] : folded.split(' ');
};

/** How the index cuts text into terms (also for queries). */
export { tokenize as tokenizeForIndex };

/** A growable Int32Array. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  static of(values: Int32Array): IntList {
    const list = new IntList(Math.max(1024, values.length));
    list.data.set(values);
    list.length = values.length;
    return list;
  }
}

export class PostingsIndex {
  /** Documents by slot; null once removed (slots are not reused until a snapshot compacts them). */
  private readonly slots: (IndexedDocument | null)[] = [];
  private readonly bySlot = new Map<string, number>();
  /** Per paragraph number: its document's slot, its line, its length (distinct terms). */
  private readonly paragraphDoc: IntList;
  private readonly paragraphLine: IntList;
  private readonly paragraphLength: IntList;
  /** Live paragraphs (MiniSearch's document count) and their average length. */
  private live = 0;
  private averageLength = 0;

  private readonly terms: string[];
  /** Term → id; built on first need when restored (a restored term list is sorted: lookups bisect it). */
  private termIds: Map<string, number> | null;
  /** `terms[0, sortedTerms)` is in code unit order (what a snapshot stores); later terms were appended. */
  private sortedTerms: number;
  /** Live paragraphs per term. */
  private readonly frequency: IntList;

  /** Frozen postings: term t's paragraphs and term frequencies are `[offsets[t], offsets[t + 1])`. */
  private offsets: Int32Array;
  private postingParagraph: Int32Array;
  private postingCount: Int32Array;
  /** Postings not frozen yet, in order of indexing. */
  private logTerm = new IntList();
  private logParagraph = new IntList();
  private logCount = new IntList();
  /** Some frozen posting belongs to a removed document. */
  private deadPostings = false;

  constructor(state?: RestoredState) {
    this.paragraphDoc = state ? IntList.of(state.paragraphDoc) : new IntList();
    this.paragraphLine = state ? IntList.of(state.paragraphLine) : new IntList();
    this.paragraphLength = state ? IntList.of(state.paragraphLength) : new IntList();
    this.live = state?.live ?? 0;
    this.averageLength = state?.averageLength ?? 0;
    this.terms = state?.terms ?? [];
    this.termIds = state ? null : new Map();
    this.sortedTerms = this.terms.length;
    this.frequency = new IntList(Math.max(1024, this.terms.length));
    this.offsets = state?.offsets ?? new Int32Array(1);
    this.postingParagraph = state?.postingParagraph ?? new Int32Array(0);
    this.postingCount = state?.postingCount ?? new Int32Array(0);
    for (let t = 0; t < this.terms.length; t++) this.frequency.push(this.offsets[t + 1]! - this.offsets[t]!);
    for (const doc of state?.documents ?? []) {
      this.bySlot.set(doc.path, this.slots.length);
      this.slots.push(doc);
    }
  }

  get documentCount(): number {
    return this.bySlot.size;
  }

  /** Live paragraphs: the N of BM25. */
  get paragraphCount(): number {
    return this.live;
  }

  get averageParagraphLength(): number {
    return this.averageLength;
  }

  paths(): IterableIterator<string> {
    return this.bySlot.keys();
  }

  document(path: string): IndexedDocument | undefined {
    const slot = this.bySlot.get(path);
    return slot === undefined ? undefined : this.slots[slot]!;
  }

  /** The document a paragraph belongs to, and its line there. */
  paragraph(p: number): { doc: IndexedDocument; line: number; length: number } {
    return {
      doc: this.slots[this.paragraphDoc.data[p]!]!,
      line: this.paragraphLine.data[p]!,
      length: this.paragraphLength.data[p]!,
    };
  }

  /** A paragraph's length: its distinct terms. */
  lengthOf(p: number): number {
    return this.paragraphLength.data[p]!;
  }

  isLive(p: number): boolean {
    return this.slots[this.paragraphDoc.data[p]!] !== null;
  }

  /** Add a document, or replace it when its path is already indexed. */
  add(doc: { path: string; title: string; text: string }): void {
    this.remove(doc.path);
    const lines = doc.text.split('\n');
    const title = doc.title.trim();
    const slot = this.slots.length;
    const firstParagraph = this.paragraphDoc.length;
    let titleLine = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      if (titleLine === -1 && line.trim() === title) titleLine = i;
      this.addParagraph(slot, i, tokenize(line));
    }
    this.slots.push({
      path: doc.path,
      title: doc.title,
      firstParagraph,
      paragraphs: this.paragraphDoc.length - firstParagraph,
      titleLine,
      text: doc.text,
      lines,
    });
    this.bySlot.set(doc.path, slot);
  }

  /** Drop a document; false when it was not there. */
  remove(path: string): boolean {
    const slot = this.bySlot.get(path);
    if (slot === undefined) return false;
    const doc = this.slots[slot]!;
    const termIds = this.ensureTermIds();
    for (let p = doc.firstParagraph; p < doc.firstParagraph + doc.paragraphs; p++) {
      const line = documentLines(doc)[this.paragraphLine.data[p]!]!;
      for (const term of new Set(tokenize(line))) this.frequency.data[termIds.get(term)!]!--;
      const length = this.paragraphLength.data[p]!;
      this.averageLength = this.live === 1 ? 0 : (this.averageLength * this.live - length) / (this.live - 1);
      this.live--;
    }
    this.slots[slot] = null;
    this.bySlot.delete(path);
    this.deadPostings = true;
    return true;
  }

  /** Live paragraphs containing the term (0 for an unknown id). */
  frequencyOf(id: number): number {
    return this.frequency.data[id] ?? 0;
  }

  /** Calls `visit` for each live paragraph holding term `id`, with the term's count there. */
  forEachPosting(id: number, visit: (paragraph: number, count: number) => void): void {
    this.freeze();
    const end = this.offsets[id + 1]!;
    for (let i = this.offsets[id]!; i < end; i++) visit(this.postingParagraph[i]!, this.postingCount[i]!);
  }

  /** The id of a term, or undefined. */
  termId(term: string): number | undefined {
    if (this.termIds !== null) return this.termIds.get(term);
    const at = this.lowerBound(term);
    return at < this.sortedTerms && this.terms[at] === term ? at : undefined;
  }

  /** Every live term starting with `prefix`, in code unit order. */
  termsWithPrefix(prefix: string): { term: string; id: number }[] {
    const found: { term: string; id: number }[] = [];
    for (let i = this.lowerBound(prefix); i < this.sortedTerms && this.terms[i]!.startsWith(prefix); i++)
      if (this.frequency.data[i]! > 0) found.push({ term: this.terms[i]!, id: i });
    for (let i = this.sortedTerms; i < this.terms.length; i++)
      if (this.frequency.data[i]! > 0 && this.terms[i]!.startsWith(prefix))
        found.push({ term: this.terms[i]!, id: i });
    return found.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  }

  /** Every live term within `maxDistance` edits (Levenshtein) of `term`, in code unit order. */
  termsNear(term: string, maxDistance: number): { term: string; id: number; distance: number }[] {
    const found: { term: string; id: number; distance: number }[] = [];
    for (let i = 0; i < this.terms.length; i++) {
      const candidate = this.terms[i]!;
      if (Math.abs(candidate.length - term.length) > maxDistance || this.frequency.data[i]! === 0) continue;
      const distance = boundedEditDistance(term, candidate, maxDistance);
      if (distance <= maxDistance) found.push({ term: candidate, id: i, distance });
    }
    return found.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  }

  /**
   * The index as a few strings and one buffer, compacted: live documents
   * only, terms sorted, postings by term. `fromSnapshot` searches it as it is.
   */
  toSnapshot(): CorpusIndexParts {
    this.freeze();
    const live = this.slots.filter((d): d is IndexedDocument => d !== null);
    const paragraphs = live.reduce((n, d) => n + d.paragraphs, 0);
    // Old paragraph number → new one (-1: dead).
    const renumber = new Int32Array(this.paragraphDoc.length).fill(-1);
    const paragraphLine = new Int32Array(paragraphs);
    const paragraphLength = new Int32Array(paragraphs);
    let next = 0;
    for (const doc of live)
      for (let p = doc.firstParagraph; p < doc.firstParagraph + doc.paragraphs; p++) {
        renumber[p] = next;
        paragraphLine[next] = this.paragraphLine.data[p]!;
        paragraphLength[next++] = this.paragraphLength.data[p]!;
      }
    const kept: number[] = [];
    for (let t = 0; t < this.terms.length; t++) if (this.frequency.data[t]! > 0) kept.push(t);
    kept.sort((a, b) => (this.terms[a]! < this.terms[b]! ? -1 : 1));
    const offsets = new Int32Array(kept.length + 1);
    let postings = 0;
    kept.forEach((t, i) => {
      postings += this.offsets[t + 1]! - this.offsets[t]!;
      offsets[i + 1] = postings;
    });
    const postingParagraph = new Int32Array(postings);
    const postingCount = new Int32Array(postings);
    let at = 0;
    for (const t of kept)
      for (let i = this.offsets[t]!; i < this.offsets[t + 1]!; i++) {
        postingParagraph[at] = renumber[this.postingParagraph[i]!]!;
        postingCount[at++] = this.postingCount[i]!;
      }
    const numbers = new UintWriter();
    numbers.writeAll(paragraphLine);
    numbers.writeAll(paragraphLength);
    for (let t = 0; t < kept.length; t++) numbers.write(offsets[t + 1]! - offsets[t]!);
    // Each term's paragraphs ascend (they are numbered as indexed): the gaps are small.
    for (let t = 0; t < kept.length; t++) {
      let previous = -1;
      for (let i = offsets[t]!; i < offsets[t + 1]!; i++) {
        const gap = postingParagraph[i]! - previous - 1;
        if (gap < 0) throw new Error('postings out of order');
        numbers.write(gap);
        previous = postingParagraph[i]!;
      }
    }
    numbers.writeAll(postingCount);
    // UTF-8 is half the bytes of most texts' in-memory form; a lone surrogate would not survive it.
    const bytes = live.every((d) => d.text === undefined || isWellFormed(d.text))
      ? live.map((d) => d.utf8 ?? utf8.encode(d.text!))
      : null;
    const meta: SnapshotMeta = {
      documents: live.map((d, i) => [
        d.path,
        d.title,
        d.titleLine,
        d.paragraphs,
        bytes ? bytes[i]!.length : documentText(d).length,
      ]),
      live: this.live,
      averageLength: this.averageLength,
      terms: kept.length,
      postings,
    };
    let texts: string | ArrayBuffer;
    if (bytes === null) texts = live.map(documentText).join('');
    else {
      const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of bytes) {
        all.set(b, at);
        at += b.length;
      }
      texts = all.buffer;
    }
    return {
      meta: JSON.stringify(meta),
      terms: kept.map((t) => this.terms[t]).join('\n'),
      texts,
      numbers: numbers.finish(),
    };
  }

  /**
   * The index a snapshot's parts hold; throws when they do not fit together.
   * Every posting is checked to point at a paragraph, so a damaged entry
   * fails here rather than in a search. (The term list's order is not
   * checked: out of order, lookups miss terms, they cannot fail.)
   */
  static fromSnapshot(parts: CorpusIndexParts): PostingsIndex {
    const meta = SNAPSHOT_META.parse(JSON.parse(parts.meta));
    const paragraphs = meta.documents.reduce((n, d) => n + d[3], 0);
    const numbers = readUints(parts.numbers, paragraphs * 2 + meta.terms + meta.postings * 2);
    let at = 0;
    const take = (n: number): Int32Array => numbers.subarray(at, (at += n));
    const paragraphLine = take(paragraphs);
    const paragraphLength = take(paragraphs);
    const frequencies = take(meta.terms);
    const postingParagraph = take(meta.postings);
    const postingCount = take(meta.postings);
    const offsets = new Int32Array(meta.terms + 1);
    for (let t = 0; t < meta.terms; t++) {
      if (frequencies[t] === 0) throw new Error('a term without postings');
      offsets[t + 1] = offsets[t]! + frequencies[t]!;
    }
    if (offsets[meta.terms] !== meta.postings) throw new Error('the postings do not match the listing');
    // Gaps back to paragraph numbers, in place.
    for (let t = 0; t < meta.terms; t++) {
      let previous = -1;
      for (let i = offsets[t]!; i < offsets[t + 1]!; i++) {
        previous += postingParagraph[i]! + 1;
        if (previous >= paragraphs || previous < 0) throw new Error('a posting is out of range');
        postingParagraph[i] = previous;
      }
    }
    for (let i = 0; i < meta.postings; i++)
      if (!(postingCount[i]! > 0)) throw new Error('a posting is out of range');
    const terms = meta.terms === 0 ? [] : parts.terms.split('\n');
    if (terms.length !== meta.terms) throw new Error('the term list does not match the listing');
    const texts = typeof parts.texts === 'string' ? parts.texts : new Uint8Array(parts.texts);
    const paragraphDoc = new Int32Array(paragraphs);
    const documents: IndexedDocument[] = [];
    let textAt = 0;
    let firstParagraph = 0;
    for (const [path, title, titleLine, count, textLength] of meta.documents) {
      paragraphDoc.fill(documents.length, firstParagraph, firstParagraph + count);
      documents.push({
        path,
        title,
        titleLine,
        firstParagraph,
        paragraphs: count,
        ...(typeof texts === 'string'
          ? { text: texts.slice(textAt, textAt + textLength) }
          : { utf8: texts.subarray(textAt, textAt + textLength) }),
      });
      firstParagraph += count;
      textAt += textLength;
    }
    if (textAt !== texts.length) throw new Error('the texts do not match the listing');
    return new PostingsIndex({
      documents,
      paragraphDoc,
      paragraphLine,
      paragraphLength,
      live: meta.live,
      averageLength: meta.averageLength,
      terms,
      offsets,
      postingParagraph,
      postingCount,
    });
  }

  // ----------------------------------------------------------- internals

  /** Per term id: the paragraph that last counted it (+1) and its count there; scratch for `addParagraph`. */
  private seenIn = new Int32Array(1024);
  private seenCount = new Int32Array(1024);
  private readonly seenIds = new IntList();

  private addParagraph(slot: number, line: number, tokens: string[]): void {
    const termIds = this.ensureTermIds();
    const p = this.paragraphDoc.length;
    const stamp = p + 1;
    const ids = this.seenIds;
    ids.length = 0;
    for (const term of tokens) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        termIds.set(term, id);
        this.terms.push(term);
        this.frequency.push(0);
      }
      if (id >= this.seenIn.length) this.growScratch(id);
      if (this.seenIn[id] !== stamp) {
        this.seenIn[id] = stamp;
        this.seenCount[id] = 1;
        ids.push(id);
      } else this.seenCount[id]!++;
    }
    const distinct = ids.length;
    // MiniSearch's running average: the count before this paragraph, then the new mean.
    this.averageLength = (this.averageLength * this.live + distinct) / (this.live + 1);
    this.live++;
    this.paragraphDoc.push(slot);
    this.paragraphLine.push(line);
    this.paragraphLength.push(distinct);
    for (let k = 0; k < distinct; k++) {
      const id = ids.data[k]!;
      this.frequency.data[id]!++;
      this.logTerm.push(id);
      this.logParagraph.push(p);
      this.logCount.push(this.seenCount[id]!);
    }
  }

  private growScratch(id: number): void {
    let size = this.seenIn.length;
    while (size <= id) size *= 2;
    const seenIn = new Int32Array(size);
    seenIn.set(this.seenIn);
    const seenCount = new Int32Array(size);
    seenCount.set(this.seenCount);
    this.seenIn = seenIn;
    this.seenCount = seenCount;
  }

  private ensureTermIds(): Map<string, number> {
    if (this.termIds === null) this.termIds = new Map(this.terms.map((t, i) => [t, i]));
    return this.termIds;
  }

  /** First index of the sorted terms not below `term`. */
  private lowerBound(term: string): number {
    let lo = 0;
    let hi = this.sortedTerms;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Merges the log into the frozen postings, dropping those of removed documents. */
  private freeze(): void {
    if (this.logTerm.length === 0 && !this.deadPostings) return;
    const termCount = this.terms.length;
    const frozenTerms = this.offsets.length - 1;
    const sizes = new Int32Array(termCount + 1);
    for (let t = 0; t < frozenTerms; t++) sizes[t + 1] = this.offsets[t + 1]! - this.offsets[t]!;
    const logTerm = this.logTerm.data;
    for (let i = 0; i < this.logTerm.length; i++) sizes[logTerm[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) sizes[t + 1]! += sizes[t]!;
    const total = sizes[termCount]!;
    const paragraph = new Int32Array(total);
    const count = new Int32Array(total);
    const fill = sizes.slice(0, termCount);
    const put = (t: number, p: number, c: number): void => {
      const at = fill[t]!++;
      paragraph[at] = p;
      count[at] = c;
    };
    for (let t = 0; t < frozenTerms; t++)
      for (let i = this.offsets[t]!; i < this.offsets[t + 1]!; i++)
        put(t, this.postingParagraph[i]!, this.postingCount[i]!);
    for (let i = 0; i < this.logTerm.length; i++)
      put(logTerm[i]!, this.logParagraph.data[i]!, this.logCount.data[i]!);
    this.logTerm = new IntList();
    this.logParagraph = new IntList();
    this.logCount = new IntList();
    if (!this.deadPostings) {
      this.offsets = sizes;
      this.postingParagraph = paragraph;
      this.postingCount = count;
      return;
    }
    // Drop dead postings, term by term.
    const offsets = new Int32Array(termCount + 1);
    let kept = 0;
    for (let t = 0; t < termCount; t++) {
      for (let i = sizes[t]!; i < sizes[t + 1]!; i++)
        if (this.isLive(paragraph[i]!)) {
          paragraph[kept] = paragraph[i]!;
          count[kept++] = count[i]!;
        }
      offsets[t + 1] = kept;
    }
    this.offsets = offsets;
    this.postingParagraph = paragraph.slice(0, kept);
    this.postingCount = count.slice(0, kept);
    this.deadPostings = false;
  }
}

/** A document's text, decoded on first use when it was restored. */
export function documentText(doc: IndexedDocument): string {
  if (doc.text === undefined) {
    // Not fatal: the lengths were checked on restore, and a search must not fail on one damaged byte.
    doc.text = utf8Decoder.decode(doc.utf8!);
    delete doc.utf8;
  }
  return doc.text;
}

/** A document's lines and where each starts (code points), worked out once. */
export function documentLines(doc: IndexedDocument): string[] {
  return (doc.lines ??= documentText(doc).split('\n'));
}

export function documentLineStarts(doc: IndexedDocument): number[] {
  if (doc.lineStarts === undefined) {
    const starts: number[] = [];
    let offset = 0;
    for (const line of documentLines(doc)) {
      starts.push(offset);
      offset += codePointLength(line) + 1;
    }
    doc.lineStarts = starts;
  }
  return doc.lineStarts;
}

/**
 * The stored form: a listing (JSON), the sorted terms, the texts end to end
 * (UTF-8, or a string when they cannot be UTF-8), and the numbers as varints
 * (`uint-stream.ts`): paragraphs' lines and lengths, each term's posting
 * count, then the postings' paragraph gaps and term counts.
 */
export interface CorpusIndexParts {
  meta: string;
  terms: string;
  texts: string | ArrayBuffer;
  numbers: ArrayBuffer;
}

// TextEncoder and TextDecoder exist in browsers and Node but not in the ES library this folder is typed with.
interface Utf8Codec {
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}
const codecs = globalThis as unknown as {
  TextEncoder: new () => Pick<Utf8Codec, 'encode'>;
  TextDecoder: new (label: string, options: { fatal: boolean }) => Pick<Utf8Codec, 'decode'>;
};
const utf8 = new codecs.TextEncoder();
const utf8Decoder = new codecs.TextDecoder('utf-8', { fatal: false });

/** No lone surrogate (which UTF-8 cannot carry). */
function isWellFormed(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}

interface RestoredState {
  documents: IndexedDocument[];
  paragraphDoc: Int32Array;
  paragraphLine: Int32Array;
  paragraphLength: Int32Array;
  live: number;
  averageLength: number;
  terms: string[];
  offsets: Int32Array;
  postingParagraph: Int32Array;
  postingCount: Int32Array;
}

const count = z.number().int().nonnegative();
const SNAPSHOT_META = z.object({
  /** path, title, title line, paragraphs, text length (UTF-16). */
  documents: z.array(z.tuple([z.string(), z.string(), z.number().int().min(-1), count, count])),
  live: count,
  averageLength: z.number().nonnegative(),
  terms: count,
  postings: count,
});
type SnapshotMeta = z.infer<typeof SNAPSHOT_META>;
