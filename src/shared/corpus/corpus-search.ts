import {
  documentLines,
  documentLineStarts,
  PostingsIndex,
  tokenizeForIndex as tokenize,
  type IndexedDocument,
} from './corpus-index';
import { kwic, KWIC_CONTEXT, type Kwic } from '../text/kwic';
import { codePointLength } from '../text/text-normalize';
import { foldForSearch, foldWithMap } from '../text/text-fold';
import type { Span } from '../text/text-quote';

/**
 * Full-text search over the corpus, on an index of its own
 * (`corpus-index.ts`) that scores as MiniSearch 7 did (BM25+, k 1.2, b 0.7,
 * d 0.5; prefix and fuzzy weights 0.375 and 0.45), the engine it replaced:
 * MiniSearch's tree of small objects took seconds to restore.
 *
 * Unit of indexing: the paragraph. Each non-blank line of a document is one
 * indexed unit, so a hit already says where it is, snippets only fold one
 * line, and a phrase is checked on one line. Results are grouped back into
 * documents.
 *
 * Matching: terms are folded by `foldForSearch` (accents, case, punctuation),
 * both when indexing and when querying, so `viet nam` finds `Việt Nam` and
 * `VIỆT NAM`. It does not find `Vietnam`, one word: search `vietnam` (or
 * `viet*`) for that spelling.
 *
 * Query syntax (`parseQuery`):
 *  - plain words: every word must occur in the document (in any paragraph);
 *  - `"kerja sama"`: the words adjacent and in this order on one line
 *    (checked on the folded line, so `kerja-sama` counts, `kerja dan sama`
 *    does not); an unclosed quote is a phrase still being typed;
 *  - `kerj*`: any word starting with `kerj`;
 *  - as you type, the last word (of 3+ letters) is a prefix too (`kerj`
 *    finds `kerja`) unless the query ends with a space or a closing quote. Exact matches outrank
 *    prefix matches (prefix hits weigh 0.375, less as the word is longer);
 *  - a token that folds to several words (`ke-14`, `Vietnam-Tiongkok`) is a
 *    phrase.
 *
 * Fuzzy matching is off unless asked for (`fuzzy: true`, then one edit for
 * words of 5+ letters). Names in this corpus differ by one letter and are
 * different people or places (`Thang`/`Thanh`, `Trong`/`Truong`), and an
 * analyst counting mentions must be able to trust that a hit contains what
 * they typed.
 *
 * Ranking: a paragraph's score is the sum of the BM25+ scores
 * of the query parts it matches, times the share of query parts it matches,
 * so words found together outweigh the same words scattered; the paragraph
 * that is the document's title counts double. A document's score is the sum
 * of its paragraphs' scores: an article that keeps returning to a subject
 * ranks above one that mentions it once.
 */

/**
 * The index: paragraphs' postings in typed arrays and each document's text
 * (for snippets and phrase checks), see `corpus-index.ts`. Treat it as
 * opaque and go through the functions below. About 5 MB of heap per 1,000
 * articles of 3 KB beside their texts. It can be kept between launches
 * (`snapshotCorpusIndex` / `restoreCorpusIndex`): the snapshot is the index
 * itself, so restoring it costs a check of its numbers, not a rebuild.
 */
export interface CorpusIndex {
  readonly store: PostingsIndex;
}
export interface SearchOptions {
  /** Most documents returned; default 50. */
  limit?: number;
  /** Most snippets per document (best paragraphs first, one per paragraph); default 3. */
  snippets?: number;
  /** Allow one edit in words of 5+ letters; default false (see above). */
  fuzzy?: boolean;
}

export interface Snippet extends Kwic {
  /** Line (paragraph) of the match. */
  line: number;
  /** Code point offsets of `match` in the document. */
  start: number;
  end: number;
}

export interface SearchHit {
  path: string;
  title: string;
  score: number;
  /** Number of paragraphs with a hit. */
  paragraphs: number;
  snippets: Snippet[];
}

/** One part of a parsed query: a word (`terms.length === 1`) or a phrase. */
export interface QueryClause {
  terms: string[];
  /** The last term matches as a prefix. */
  prefix: boolean;
}

const AUTO_PREFIX_MIN = 3;

export function createCorpusIndex(): CorpusIndex {
  return { store: new PostingsIndex() };
}

/**
 * What a snapshot holds is only right for the indexing of the code that
 * wrote it: raise this whenever `tokenize`, `foldForSearch`, the unit of
 * indexing or the stored form changes, and older snapshots are ignored
 * (rebuilt from the texts). 1 was MiniSearch's JSON.
 */
export const CORPUS_INDEX_FORMAT = 2;

/**
 * A corpus index as a few strings and one buffer, to keep in a cache
 * between launches: they store and clone far faster than the objects they
 * stand for, and are searched as they are once restored.
 */
export interface CorpusIndexSnapshot {
  format: number;
  /** Named parts: text or binary (see `CorpusIndexParts`). */
  parts: Record<string, string | ArrayBuffer>;
}

export function snapshotCorpusIndex(index: CorpusIndex): CorpusIndexSnapshot {
  return { format: CORPUS_INDEX_FORMAT, parts: { ...index.store.toSnapshot() } };
}

/** The index a snapshot holds; null when it was written for another indexing (see `CORPUS_INDEX_FORMAT`) or cannot be read. */
export function restoreCorpusIndex(snapshot: CorpusIndexSnapshot): CorpusIndex | null {
  if (snapshot.format !== CORPUS_INDEX_FORMAT) return null;
  const { meta, terms, texts, numbers } = snapshot.parts;
  if (typeof meta !== 'string' || typeof terms !== 'string' || texts === undefined) return null;
  if (!(numbers instanceof ArrayBuffer)) return null;
  try {
    return { store: PostingsIndex.fromSnapshot({ meta, terms, texts, numbers }) };
  } catch {
    return null;
  }
}

/** Add a document, or replace it when its path is already indexed. */
export function indexDocument(index: CorpusIndex, doc: { path: string; title: string; text: string }): void {
  index.store.add(doc);
}

/** Drop a document from the index; false when it was not there. */
export function removeDocument(index: CorpusIndex, path: string): boolean {
  return index.store.remove(path);
}

export function documentCount(index: CorpusIndex): number {
  return index.store.documentCount;
}

/** The paths of the indexed documents. */
export function indexedPaths(index: CorpusIndex): string[] {
  return [...index.store.paths()];
}

/** Split a query into words and phrases (see the module comment for the syntax). */
export function parseQuery(query: string): QueryClause[] {
  const clauses: QueryClause[] = [];
  const token = /"([^"]*)("?)|(\S+)/g;
  let lastBare = -1;
  let lastEnd = 0;
  for (let m = token.exec(query); m !== null; m = token.exec(query)) {
    lastEnd = m.index + m[0].length;
    const quoted = m[1] !== undefined;
    const raw = (quoted ? m[1] : m[3])!.trim();
    const star = raw.endsWith('*');
    const terms = tokenize(raw);
    if (terms.length === 0) continue;
    const open = quoted && m[2] === '';
    const clause: QueryClause = { terms, prefix: star || open };
    if (clauses.some((c) => c.prefix === clause.prefix && c.terms.join(' ') === clause.terms.join(' ')))
      continue;
    clauses.push(clause);
    lastBare = quoted ? -1 : clauses.length - 1;
  }
  // Still typing the last word: let it match as a prefix, from three letters
  // on (`ke` alone would expand to a third of the vocabulary: about a second
  // on 10,000 articles, for results nobody wants).
  const last = clauses[lastBare];
  if (last !== undefined && lastBare === clauses.length - 1 && lastEnd === query.length) {
    if (last.terms[last.terms.length - 1]!.length >= AUTO_PREFIX_MIN) last.prefix = true;
  }
  return clauses;
}

/** Search the corpus; documents best first. */
export function search(index: CorpusIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const clauses = parseQuery(query).slice(0, 30);
  if (clauses.length === 0) return [];
  const all = 2 ** clauses.length - 1;
  interface ParagraphHit {
    line: number;
    score: number;
    clauses: number;
    terms: string[] | null;
  }
  const byDocument = new Map<IndexedDocument, { mask: number; paragraphs: Map<number, ParagraphHit> }>();
  clauses.forEach((clause, c) => {
    for (const [p, result] of runClause(index, clause, options.fuzzy === true)) {
      const { doc: path, line } = index.store.paragraph(p);
      let doc = byDocument.get(path);
      if (doc === undefined) byDocument.set(path, (doc = { mask: 0, paragraphs: new Map() }));
      doc.mask |= 1 << c;
      let hit = doc.paragraphs.get(line);
      if (hit === undefined) doc.paragraphs.set(line, (hit = { line, score: 0, clauses: 0, terms: null }));
      hit.score += result.score;
      hit.clauses++;
      // Words of a phrase are highlighted as the phrase, not wherever they occur.
      if (clause.terms.length === 1)
        hit.terms = hit.terms === null ? result.terms : hit.terms.concat(result.terms);
    }
  });
  const ranked: { info: IndexedDocument; score: number; paragraphs: ParagraphHit[] }[] = [];
  for (const [info, doc] of byDocument) {
    if (doc.mask !== all) continue;
    let score = 0;
    const paragraphs = [...doc.paragraphs.values()];
    for (const p of paragraphs) {
      p.score *= (p.clauses / clauses.length) * (p.line === info.titleLine ? 2 : 1);
      score += p.score;
    }
    ranked.push({ info, score, paragraphs });
  }
  ranked.sort(
    (a, b) => b.score - a.score || (a.info.path < b.info.path ? -1 : a.info.path > b.info.path ? 1 : 0),
  );
  const limit = options.limit ?? 50;
  const perDocument = options.snippets ?? 3;
  return ranked.slice(0, limit).map(({ info, score, paragraphs }) => {
    const lines = documentLines(info);
    const lineStarts = documentLineStarts(info);
    paragraphs.sort((a, b) => b.score - a.score || a.line - b.line);
    const snippets: Snippet[] = [];
    for (const p of paragraphs) {
      if (snippets.length >= perDocument) break;
      const text = lines[p.line]!;
      const range = paragraphMatches(text, clauses, new Set(p.terms))[0];
      if (range === undefined) continue;
      const at = lineStarts[p.line]!;
      snippets.push({
        line: p.line,
        start: at + range.start,
        end: at + range.end,
        ...kwic(text, range.start, range.end, { maxContext: KWIC_CONTEXT }),
      });
    }
    return { path: info.path, title: info.title, score, paragraphs: paragraphs.length, snippets };
  });
}

/**
 * Find in one article: every match of the whole query, read as a phrase
 * (folded like search; the query's own quotes and `*` are ignored), as code
 * point ranges, in order and never overlapping. A match never crosses a line
 * break. By default a match may sit inside a word, as in a browser's find
 * (`kerj` finds `kerja`); `wholeWords` keeps only matches that start and end
 * on word boundaries, for "Tag all matches".
 */
export function findInText(text: string, query: string, options: { wholeWords?: boolean } = {}): Span[] {
  const needle = foldForSearch(query);
  if (needle === '') return [];
  const spans: Span[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const length = codePointLength(line);
    if (line.trim() !== '') {
      const map = foldWithMap(line);
      const hay = map.folded;
      for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i)) {
        const end = i + needle.length;
        if (options.wholeWords && !(isBoundary(hay, i) && isBoundary(hay, end))) {
          i++;
          continue;
        }
        spans.push({ start: lineStart + map.toOriginal(i), end: lineStart + map.toOriginalEnd(end) });
        i = end;
      }
    }
    lineStart += length + 1;
  }
  return spans;
}

// ------------------------------------------------------------- internals

/** What one paragraph scored for a clause, and the indexed terms that matched there. */
interface ClauseHit {
  score: number;
  terms: string[];
}

/** BM25+ as MiniSearch 7 computes it. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** Fuzzy search allows one edit per five letters, as MiniSearch's `fuzzy: 0.2`, at most six. */
const FUZZY_SHARE = 0.2;
const MAX_FUZZY = 6;

/**
 * Paragraphs with every term of the clause (the last one as a prefix when
 * asked); for a phrase, only those where the terms are adjacent. Scores as
 * MiniSearch's `search(terms, { combineWith: 'AND' })`: per query term, the
 * exact term, then longer terms it starts (prefix) and terms an edit or two
 * away (fuzzy), each weighted; summed over the query terms and multiplied
 * by how many distinct query terms there are.
 */
function runClause(index: CorpusIndex, clause: QueryClause, fuzzy: boolean): Map<number, ClauseHit> {
  const { terms, prefix } = clause;
  const last = terms.length - 1;
  let combined: Map<number, ClauseHit> | null = null;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    const maxDistance =
      fuzzy && terms.length === 1 && term.length >= 5
        ? Math.min(MAX_FUZZY, Math.round(term.length * FUZZY_SHARE))
        : 0;
    const results = termResults(index.store, term, prefix && i === last, maxDistance);
    if (combined === null) {
      combined = results;
      continue;
    }
    const next = new Map<number, ClauseHit>();
    for (const [p, hit] of results) {
      const before = combined.get(p);
      if (before !== undefined)
        next.set(p, { score: before.score + hit.score, terms: union(before.terms, hit.terms) });
    }
    combined = next;
  }
  const hits = combined ?? new Map<number, ClauseHit>();
  const quality = new Set(terms).size;
  for (const hit of hits.values()) hit.score *= quality;
  if (terms.length === 1) return hits;
  // A phrase: the paragraphs have all its words; keep those where they are adjacent.
  const phrase = terms.join(' ');
  const onAsciiLine = asciiPhrasePattern(terms, prefix);
  for (const p of [...hits.keys()]) {
    const { doc, line } = index.store.paragraph(p);
    const text = documentLines(doc)[line]!;
    // Most lines of Indonesian news have no letter beyond ASCII: one regex
    // then says it all. Other lines are folded first, which costs far more.
    const adjacent =
      !NON_ASCII.test(text) || !NON_ASCII_WORDISH.test(text)
        ? onAsciiLine.test(text)
        : phraseAt(foldForSearch(text), phrase, prefix, 0) !== -1;
    if (!adjacent) hits.delete(p);
  }
  return hits;
}

/** One query term's paragraphs, with the score each gets from it and the indexed terms that matched. */
function termResults(
  store: PostingsIndex,
  term: string,
  prefix: boolean,
  maxDistance: number,
): Map<number, ClauseHit> {
  const results = new Map<number, ClauseHit>();
  const n = store.paragraphCount;
  const average = store.averageParagraphLength;
  const add = (derived: string, id: number, weight: number): void => {
    const frequency = store.frequencyOf(id);
    if (frequency === 0) return;
    const idf = Math.log(1 + (n - frequency + 0.5) / (frequency + 0.5));
    store.forEachPosting(id, (p, count) => {
      const length = store.lengthOf(p);
      const score =
        weight *
        idf *
        (BM25.d + (count * (BM25.k + 1)) / (count + BM25.k * (1 - BM25.b + (BM25.b * length) / average)));
      const hit = results.get(p);
      if (hit === undefined) results.set(p, { score, terms: [derived] });
      else {
        hit.score += score;
        if (!hit.terms.includes(derived)) hit.terms.push(derived);
      }
    });
  };
  const exact = store.termId(term);
  if (exact !== undefined) add(term, exact, 1);
  const near = maxDistance > 0 ? store.termsNear(term, maxDistance) : [];
  const prefixed = new Set<string>();
  if (prefix)
    for (const match of store.termsWithPrefix(term)) {
      const distance = match.term.length - term.length;
      if (distance === 0) continue;
      prefixed.add(match.term);
      add(match.term, match.id, (PREFIX_WEIGHT * match.term.length) / (match.term.length + 0.3 * distance));
    }
  for (const match of near) {
    // A word both started by the term and near it counts as a prefix hit only.
    if (match.distance === 0 || prefixed.has(match.term)) continue;
    add(match.term, match.id, (FUZZY_WEIGHT * match.term.length) / (match.term.length + match.distance));
  }
  return results;
}

function union(a: string[], b: string[]): string[] {
  const out = a.slice();
  for (const t of b) if (!out.includes(t)) out.push(t);
  return out;
}

const NON_ASCII = /\P{ASCII}/u;
/** A non-ASCII character that may fold to a letter or digit (`ả`, `ﬁ`, `½`, `™`), or a mark. */
const NON_ASCII_WORDISH = /(?!\p{ASCII})[\p{L}\p{N}\p{M}\p{S}]/u;

/**
 * On a line whose only non-ASCII characters are punctuation or spaces
 * (curly quotes, dashes, no-break spaces), folding only lowercases and
 * turns each run of other characters into one space, so "the folded line
 * holds the phrase on word boundaries" is exactly this case-insensitive
 * regex on the raw line.
 */
function asciiPhrasePattern(terms: string[], prefix: boolean): RegExp {
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(
    `(?<![A-Za-z0-9])${escaped.join('[^A-Za-z0-9]+')}${prefix ? '' : '(?![A-Za-z0-9])'}`,
    'i',
  );
}

/** First folded index ≥ `from` where `phrase` starts on a word boundary (and ends on one unless `prefix`). */
function phraseAt(folded: string, phrase: string, prefix: boolean, from: number): number {
  for (let i = folded.indexOf(phrase, from); i !== -1; i = folded.indexOf(phrase, i + 1)) {
    if (isBoundary(folded, i) && (prefix || isBoundary(folded, i + phrase.length))) return i;
  }
  return -1;
}

/**
 * True when folded index `i` is the start or end of a word. Folded words are
 * separated by single spaces, so the start of a match (never a space) is a
 * boundary when a space precedes it, and its end when a space follows it.
 */
function isBoundary(folded: string, i: number): boolean {
  return i <= 0 || i >= folded.length || folded[i - 1] === ' ' || folded[i] === ' ';
}

/**
 * Where the query matched in one line, as code point ranges of the line:
 * words whose folded form the index reported as matching (so prefix and
 * fuzzy hits are found too) and phrase occurrences; ranges that touch or are
 * only a space apart merge (`kereta` + `api` → `kereta api`).
 */
function paragraphMatches(line: string, clauses: QueryClause[], terms: Set<string>): Span[] {
  const map = foldWithMap(line);
  const folded = map.folded;
  const found: Span[] = [];
  for (let i = 0; i < folded.length;) {
    let j = folded.indexOf(' ', i);
    if (j === -1) j = folded.length;
    if (terms.has(folded.slice(i, j))) found.push({ start: i, end: j });
    i = j + 1;
  }
  for (const clause of clauses) {
    if (clause.terms.length < 2) continue;
    const phrase = clause.terms.join(' ');
    for (
      let i = phraseAt(folded, phrase, clause.prefix, 0);
      i !== -1;
      i = phraseAt(folded, phrase, clause.prefix, i + 1)
    ) {
      let end = i + phrase.length;
      while (clause.prefix && end < folded.length && folded[end] !== ' ') end++;
      found.push({ start: i, end });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of found) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && span.start <= prev.end + 1) prev.end = Math.max(prev.end, span.end);
    else merged.push({ ...span });
  }
  return merged.map((s) => ({ start: map.toOriginal(s.start), end: map.toOriginalEnd(s.end) }));
}
