import type { Annotation } from '../annotation/annotation-types';
import { foldForSearch } from '../text/text-fold';

/**
 * The coded-segments list as a pure function: which annotations a filter
 * keeps, and in which order. Built for 100,000 annotations per keystroke:
 * every filter is turned into sets and bounds once, the text query is folded
 * once, and each annotation's folded quote and note are cached (keyed by the
 * annotation object, so an edited annotation, a new object, is folded anew).
 *
 * Rules:
 *  - each filter left out (or given as an empty list) keeps everything;
 *    filters combine with AND;
 *  - `tags`, `annotators`, `documents`, `statuses`: any of the listed;
 *  - `attributes`: AND across different attributes, OR within one
 *    (`sector = rail or port`, and `stance = positive`). A multiple-choice
 *    value matches when any of its choices is listed. The attribute is
 *    matched by id whatever the tag, so pair it with `tags` when two tags
 *    reuse an id;
 *  - dates: a document dated `2024-10` stands for the whole month, and is
 *    kept when that month overlaps `dateFrom`..`dateTo` (both inclusive,
 *    each `yyyy`, `yyyy-mm` or `yyyy-mm-dd`). Undated documents are dropped
 *    by a date filter unless `includeUndated`;
 *  - `text`: every word of the folded query occurs in the folded quote or
 *    the folded note (as a substring, so `kerj` finds `kerja sama`;
 *    accents and case never matter);
 *  - `pages`: the page the segment starts on (from `pageOf`) is in the
 *    range, both ends inclusive; a segment without a page (a document
 *    without pages, or a text not loaded) is dropped by a page filter.
 */

/** The fields the filter and sort read; any annotation record fits. */
export type Segment = Pick<
  Annotation,
  'id' | 'documentPath' | 'annotator' | 'tag' | 'start' | 'end' | 'quote' | 'note' | 'attributes'
> & {
  orphaned?: boolean | undefined;
  contentSha256?: string;
};

export interface SegmentFilter {
  tags?: readonly string[];
  /** AND across attributes, OR within one attribute. */
  attributes?: readonly { attributeId: string; valueId: string }[];
  annotators?: readonly string[];
  documents?: readonly string[];
  /** Keep documents whose status (from `statusOf`) is listed. */
  statuses?: readonly string[];
  statusOf?: (path: string) => string | null | undefined;
  dateFrom?: string | null;
  dateTo?: string | null;
  /** Document dates (`yyyy`, `yyyy-mm` or `yyyy-mm-dd`), for the date filter and sort. */
  dates?: ReadonlyMap<string, string | null>;
  includeUndated?: boolean;
  /** Keep only orphaned (true) or only anchored (false) annotations. */
  orphaned?: boolean;
  text?: string;
  /** Keep segments that start on these pages (inclusive; `to` may be Infinity). */
  pages?: { from: number; to: number } | null;
  /** The page a segment starts on, for the page filter. */
  pageOf?: (segment: Segment) => number | undefined;
}

export type SegmentOrder = 'document' | 'date' | 'tag';

export function filterSegments<T extends Segment>(segments: readonly T[], filter: SegmentFilter): T[] {
  const tests: ((s: T) => boolean)[] = [];
  const tags = setOf(filter.tags);
  if (tags !== null) tests.push((s) => tags.has(s.tag));
  const annotators = setOf(filter.annotators);
  if (annotators !== null) tests.push((s) => annotators.has(s.annotator));
  const documents = setOf(filter.documents);
  if (documents !== null) tests.push((s) => documents.has(s.documentPath));
  if (filter.orphaned !== undefined) tests.push((s) => (s.orphaned === true) === filter.orphaned);

  const statuses = setOf(filter.statuses);
  if (statuses !== null) {
    const statusOf = filter.statusOf ?? (() => undefined);
    const cache = new Map<string, boolean>();
    tests.push((s) => {
      let keep = cache.get(s.documentPath);
      if (keep === undefined) {
        const status = statusOf(s.documentPath);
        keep = status !== null && status !== undefined && statuses.has(status);
        cache.set(s.documentPath, keep);
      }
      return keep;
    });
  }

  if (filter.attributes !== undefined && filter.attributes.length > 0) {
    const wanted = new Map<string, Set<string>>();
    for (const { attributeId, valueId } of filter.attributes) {
      let values = wanted.get(attributeId);
      if (values === undefined) wanted.set(attributeId, (values = new Set()));
      values.add(valueId);
    }
    const groups = [...wanted];
    tests.push((s) =>
      groups.every(([attributeId, values]) => {
        const raw = s.attributes[attributeId];
        if (raw === undefined) return false;
        return typeof raw === 'string' ? values.has(raw) : raw.some((v) => values.has(v));
      }),
    );
  }

  const from = emptyToNull(filter.dateFrom);
  const to = emptyToNull(filter.dateTo);
  if (from !== null || to !== null) {
    const low = from === null ? '' : lowerBound(from);
    const high = to === null ? '\uffff' : upperBound(to);
    const dates = filter.dates ?? new Map<string, string | null>();
    const includeUndated = filter.includeUndated === true;
    const cache = new Map<string, boolean>();
    tests.push((s) => {
      let keep = cache.get(s.documentPath);
      if (keep === undefined) {
        const date = dates.get(s.documentPath);
        keep =
          date === undefined || date === null || date === ''
            ? includeUndated
            : upperBound(date) >= low && lowerBound(date) <= high;
        cache.set(s.documentPath, keep);
      }
      return keep;
    });
  }

  const words =
    filter.text === undefined
      ? []
      : foldForSearch(filter.text)
          .split(' ')
          .filter((w) => w !== '');
  if (words.length > 0) {
    tests.push((s) => {
      const folded = foldedTextOf(s);
      return words.every((w) => folded.includes(w));
    });
  }

  const pages = filter.pages;
  if (pages) {
    const pageOf = filter.pageOf ?? (() => undefined);
    tests.push((s) => {
      const page = pageOf(s);
      return page !== undefined && page >= pages.from && page <= pages.to;
    });
  }

  if (tests.length === 0) return segments.slice();
  return segments.filter((s) => tests.every((test) => test(s)));
}

/**
 * A sorted copy. `document`: by path, then position. `date`: by document
 * date (undated last), then path and position. `tag`: by tag (in `tagOrder`
 * when given, then by id), then path and position. Ties end on the id, so
 * the order is stable across reloads.
 */
export function sortSegments<T extends Segment>(
  segments: readonly T[],
  order: SegmentOrder,
  context: { dates?: ReadonlyMap<string, string | null>; tagOrder?: readonly string[] } = {},
): T[] {
  // Strings are ranked once (a few thousand paths, tags or dates), so the
  // sort itself compares numbers: 100,000 rows sort in tens of milliseconds.
  const pathRank = rankOf(segments.map((s) => s.documentPath));
  let primary: (s: T) => number = () => 0;
  if (order === 'date') {
    const dates = context.dates ?? new Map<string, string | null>();
    // '\uffff' sorts undated documents last.
    const dateOf = (s: T): string => dates.get(s.documentPath) || '\uffff';
    const dateRank = rankOf(segments.map(dateOf));
    primary = (s) => dateRank.get(dateOf(s))!;
  } else if (order === 'tag') {
    const listed = new Map((context.tagOrder ?? []).map((t, i) => [t, i]));
    const others = rankOf(segments.map((s) => s.tag).filter((t) => !listed.has(t)));
    primary = (s) => listed.get(s.tag) ?? listed.size + others.get(s.tag)!;
  }
  const keyed = segments.map((s) => ({ s, primary: primary(s), path: pathRank.get(s.documentPath)! }));
  keyed.sort(
    (a, b) =>
      a.primary - b.primary ||
      a.path - b.path ||
      a.s.start - b.s.start ||
      a.s.end - b.s.end ||
      compare(a.s.id, b.s.id),
  );
  return keyed.map((k) => k.s);
}

/** Quote and note of a segment, folded, cached per annotation object. */
function foldedTextOf(segment: Pick<Segment, 'quote' | 'note'>): string {
  let folded = foldedCache.get(segment);
  if (folded === undefined) {
    folded =
      segment.note === ''
        ? foldForSearch(segment.quote)
        : `${foldForSearch(segment.quote)}\n${foldForSearch(segment.note)}`;
    foldedCache.set(segment, folded);
  }
  return folded;
}

// ------------------------------------------------------------- internals

const foldedCache = new WeakMap<object, string>();

function setOf(list: readonly string[] | undefined): Set<string> | null {
  return list === undefined || list.length === 0 ? null : new Set(list);
}

function emptyToNull(s: string | null | undefined): string | null {
  return s === undefined || s === null || s.trim() === '' ? null : s.trim();
}

/** `2024` → `2024-00-00`, `2024-10` → `2024-10-00`: sorts before every day of the period. */
function lowerBound(date: string): string {
  return date.length >= 10 ? date.slice(0, 10) : `${date}-00-00`.slice(0, 10);
}

/** `2024` → `2024-99-99`, `2024-10` → `2024-10-99`: sorts after every day of the period. */
function upperBound(date: string): string {
  return date.length >= 10 ? date.slice(0, 10) : `${date}-99-99`.slice(0, 10);
}

/** Each distinct string → its position in code unit order. */
function rankOf(values: readonly string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort(compare);
  return new Map(distinct.map((v, i) => [v, i]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
