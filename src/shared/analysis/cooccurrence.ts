import type { Annotation } from '../annotation/annotation-types';
import { type Attribute, type Codebook } from '../codebook/codebook';
import { buildLineIndex, type LineIndex } from '../text/offsets';

/**
 * Counts behind the charts: tag × tag and tag × attribute-value
 * co-occurrence within a paragraph, tags per document, one attribute's
 * values, and counts over document dates.
 *
 * Paragraph rules:
 *  - a paragraph is a line of the normalized text (as in the editor);
 *  - an annotation belongs to every paragraph it touches (a span over two
 *    lines is in both; a span that ends with a line's newline is not in the
 *    next line);
 *  - in each paragraph, each unordered pair of two different annotations
 *    counts once. Two annotations that share two paragraphs therefore count
 *    twice: the unit is "pairs per paragraph", which is what a heat map of
 *    "how often do these codes meet" reads as;
 *  - the diagonal (tag × same tag) counts pairs of two different annotations
 *    with that tag in one paragraph, never an annotation with itself: three
 *    `commitment` spans in one paragraph add 3 to commitment × commitment,
 *    a lone one adds nothing;
 *  - orphaned annotations (re-anchoring lost their place) and annotations of
 *    documents missing from `texts` are left out of the paragraph counts:
 *    their offsets mean nothing. They still count in the per-document,
 *    attribute and date counts, which don't use offsets.
 */

/** The fields these counts read; any annotation record fits. */
export type CountableAnnotation = Pick<
  Annotation,
  'documentPath' | 'tag' | 'start' | 'end' | 'attributes'
> & {
  orphaned?: boolean | undefined;
};

export interface TagMatrix {
  tags: string[];
  /** `counts[i][j]` for `tags[i]` × `tags[j]`; symmetric. */
  counts: number[][];
}

export interface AttributeValueColumn {
  /** The tag that owns the attribute. */
  tag: string;
  attribute: string;
  value: string;
  /** `Tag · Attribute = Value`, from the codebook labels (ids when unknown). */
  label: string;
  /** False for a value the codebook does not list (kept so no count is lost). */
  known: boolean;
}

export interface TagAttributeMatrix {
  tags: string[];
  columns: AttributeValueColumn[];
  /** `counts[i][k]`: pairs of a `tags[i]` annotation and a different annotation holding `columns[k]`. */
  counts: number[][];
}

export interface CountOptions {
  /** Tag ids in display order (usually the codebook's); other tags follow, sorted. */
  tagOrder?: readonly string[];
}

export function tagCooccurrence(
  annotations: readonly CountableAnnotation[],
  texts: ReadonlyMap<string, LineIndex | string>,
  options: CountOptions = {},
): TagMatrix {
  const paragraphs = groupByParagraph(annotations, texts);
  const tags = orderTags(
    paragraphs.flat().map((a) => a.tag),
    options.tagOrder,
  );
  const row = new Map(tags.map((t, i) => [t, i]));
  const counts = tags.map(() => tags.map(() => 0));
  for (const members of paragraphs) {
    const perTag = countBy(members, (a) => a.tag);
    const present = [...perTag.entries()].map(([tag, n]) => [row.get(tag)!, n] as const);
    for (const [i, n] of present) {
      for (const [j, m] of present) {
        counts[i]![j]! += i === j ? (n * (n - 1)) / 2 : n * m;
      }
    }
  }
  return { tags, counts };
}

export function tagAttributeCooccurrence(
  annotations: readonly CountableAnnotation[],
  texts: ReadonlyMap<string, LineIndex | string>,
  codebook: Codebook,
  options: CountOptions = {},
): TagAttributeMatrix {
  const paragraphs = groupByParagraph(annotations, texts);
  const tags = orderTags(
    paragraphs.flat().map((a) => a.tag),
    options.tagOrder ?? codebook.tags.map((t) => t.id),
  );
  const row = new Map(tags.map((t, i) => [t, i]));
  const columns: AttributeValueColumn[] = [];
  const columnAt = new Map<string, number>();
  const addColumn = (column: AttributeValueColumn): number => {
    const key = `${column.tag}\u0000${column.attribute}\u0000${column.value}`;
    let k = columnAt.get(key);
    if (k === undefined) columnAt.set(key, (k = columns.push(column) - 1));
    return k;
  };
  for (const tag of codebook.tags) {
    for (const attribute of tag.attributes) {
      if (attribute.kind === 'text') continue;
      for (const value of attribute.values) {
        addColumn({
          tag: tag.id,
          attribute: attribute.id,
          value: value.id,
          label: `${tag.label} · ${attribute.label} = ${value.label}`,
          known: true,
        });
      }
    }
  }
  const tagsById = new Map(codebook.tags.map((t) => [t.id, t]));
  const valueColumns = (a: CountableAnnotation): number[] => {
    const tag = tagsById.get(a.tag);
    if (tag === undefined) return [];
    const found: number[] = [];
    for (const [attributeId, raw] of Object.entries(a.attributes)) {
      const attribute = tag.attributes.find((x) => x.id === attributeId);
      if (attribute === undefined || attribute.kind === 'text') continue;
      for (const value of typeof raw === 'string' ? [raw] : raw) {
        if (value === '') continue;
        const known = attribute.values.find((v) => v.id === value);
        const label = `${tag.label} · ${attribute.label} = ${known?.label ?? value}`;
        found.push(
          addColumn({ tag: a.tag, attribute: attributeId, value, label, known: known !== undefined }),
        );
      }
    }
    return [...new Set(found)];
  };
  const cells = new Map<number, Map<number, number>>(); // row → column → count, grown as columns appear
  for (const members of paragraphs) {
    const perTag = countBy(members, (a) => a.tag);
    const perValue = new Map<number, number>();
    for (const a of members) for (const k of valueColumns(a)) perValue.set(k, (perValue.get(k) ?? 0) + 1);
    for (const [tag, n] of perTag) {
      const i = row.get(tag)!;
      let line = cells.get(i);
      if (line === undefined) cells.set(i, (line = new Map()));
      for (const [k, v] of perValue) {
        // Pairs of a `tag` annotation with a different annotation holding value k.
        const pairs = n * v - (columns[k]!.tag === tag ? v : 0);
        if (pairs > 0) line.set(k, (line.get(k) ?? 0) + pairs);
      }
    }
  }
  const counts = tags.map((_, i) => columns.map((_, k) => cells.get(i)?.get(k) ?? 0));
  return { tags, columns, counts };
}

export interface DocumentTagCounts {
  /** Document paths, sorted. */
  documents: string[];
  tags: string[];
  /** `counts[d][t]`: annotations with `tags[t]` in `documents[d]`. */
  counts: number[][];
}

export function tagCountsPerDocument(
  annotations: readonly Pick<Annotation, 'documentPath' | 'tag'>[],
  options: CountOptions = {},
): DocumentTagCounts {
  const documents = [...new Set(annotations.map((a) => a.documentPath))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const tags = orderTags(
    annotations.map((a) => a.tag),
    options.tagOrder,
  );
  const d = new Map(documents.map((p, i) => [p, i]));
  const t = new Map(tags.map((x, i) => [x, i]));
  const counts = documents.map(() => tags.map(() => 0));
  for (const a of annotations) counts[d.get(a.documentPath)!]![t.get(a.tag)!]!++;
  return { documents, tags, counts };
}

export interface AttributeBreakdownRow {
  /** Value id; for a free-text attribute, the text itself (trimmed). */
  value: string;
  label: string;
  count: number;
  /** Retired in the codebook. */
  retired: boolean;
  /** False for a value the codebook does not list. */
  known: boolean;
}

export interface AttributeBreakdown {
  attribute: Attribute | null;
  /** Codebook values in codebook order (zeros included), then unknown values; free text by count. */
  rows: AttributeBreakdownRow[];
  /** Annotations of the tag with no value for the attribute. */
  unset: number;
  /** Annotations of the tag. A multiple choice counts once per chosen value, so rows may sum to more. */
  total: number;
}

export function attributeBreakdown(
  annotations: readonly Pick<Annotation, 'tag' | 'attributes'>[],
  codebook: Codebook,
  tagId: string,
  attributeId: string,
): AttributeBreakdown {
  const attribute =
    codebook.tags.find((t) => t.id === tagId)?.attributes.find((a) => a.id === attributeId) ?? null;
  const rows: AttributeBreakdownRow[] = (attribute?.values ?? []).map((v) => ({
    value: v.id,
    label: v.label,
    count: 0,
    retired: v.retired === true,
    known: true,
  }));
  const at = new Map(rows.map((r, i) => [r.value, i]));
  let unset = 0;
  let total = 0;
  for (const a of annotations) {
    if (a.tag !== tagId) continue;
    total++;
    const raw = a.attributes[attributeId];
    const values = (raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw)
      .map((v) => (attribute?.kind === 'text' ? v.trim() : v))
      .filter((v) => v !== '');
    if (values.length === 0) unset++;
    for (const value of new Set(values)) {
      let i = at.get(value);
      if (i === undefined)
        at.set(value, (i = rows.push({ value, label: value, count: 0, retired: false, known: false }) - 1));
      rows[i]!.count++;
    }
  }
  if (attribute?.kind === 'text') rows.sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : 1));
  return { attribute, rows, unset, total };
}

export type DateGranularity = 'year' | 'month' | 'day';

export interface DateCounts {
  /**
   * Bucket keys, ascending: `yyyy`, `yyyy-mm` or `yyyy-mm-dd`. A document
   * dated less precisely than the granularity keeps its own precision (a
   * `2024-10` document in a day chart is bucket `2024-10`, sorted before
   * `2024-10-01`), rather than being put on a made-up day. Empty buckets
   * between the first and last are filled in, up to 5,000 buckets.
   */
  buckets: string[];
  /** Annotations per bucket. */
  total: number[];
  /** Per tag, annotations per bucket (aligned with `buckets`). */
  byTag: Record<string, number[]>;
  /** Annotations whose document has no (valid) date. */
  undated: number;
  undatedByTag: Record<string, number>;
}

const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const MAX_FILLED_BUCKETS = 5000;

export function countsByDate(
  annotations: readonly Pick<Annotation, 'documentPath' | 'tag'>[],
  documentDates: ReadonlyMap<string, string | null>,
  granularity: DateGranularity,
): DateCounts {
  const length = granularity === 'year' ? 4 : granularity === 'month' ? 7 : 10;
  const perBucket = new Map<string, Map<string, number>>();
  const undatedByTag: Record<string, number> = {};
  let undated = 0;
  for (const a of annotations) {
    const date = documentDates.get(a.documentPath);
    if (date === undefined || date === null || !ISO_DATE.test(date)) {
      undated++;
      undatedByTag[a.tag] = (undatedByTag[a.tag] ?? 0) + 1;
      continue;
    }
    const key = date.slice(0, length);
    let tags = perBucket.get(key);
    if (tags === undefined) perBucket.set(key, (tags = new Map()));
    tags.set(a.tag, (tags.get(a.tag) ?? 0) + 1);
  }
  const buckets = fillGaps([...perBucket.keys()], granularity, length);
  const tagIds = [...new Set([...perBucket.values()].flatMap((m) => [...m.keys()]))].sort();
  const byTag: Record<string, number[]> = {};
  for (const tag of tagIds) byTag[tag] = buckets.map((b) => perBucket.get(b)?.get(tag) ?? 0);
  const total = buckets.map((b) => [...(perBucket.get(b)?.values() ?? [])].reduce((x, y) => x + y, 0));
  return { buckets, total, byTag, undated, undatedByTag };
}

// ------------------------------------------------------------- internals

/** The annotations of each paragraph that has any (one array per paragraph). */
function groupByParagraph<A extends CountableAnnotation>(
  annotations: readonly A[],
  texts: ReadonlyMap<string, LineIndex | string>,
): A[][] {
  const lineIndexes = new Map<string, LineIndex>();
  const groups = new Map<string, A[]>();
  for (const a of annotations) {
    if (a.orphaned === true || a.end <= a.start) continue;
    let index = lineIndexes.get(a.documentPath);
    if (index === undefined) {
      const text = texts.get(a.documentPath);
      if (text === undefined) continue;
      index = typeof text === 'string' ? buildLineIndex(text) : text;
      lineIndexes.set(a.documentPath, index);
    }
    if (a.end > index.chars) continue;
    const first = index.lineAt(a.start);
    const last = index.lineAt(a.end - 1);
    for (let line = first; line <= last; line++) {
      const key = `${line}\u0000${a.documentPath}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [a]);
      else group.push(a);
    }
  }
  return [...groups.values()];
}

function orderTags(found: readonly string[], order: readonly string[] = []): string[] {
  const present = new Set(found);
  const ordered = order.filter((t) => present.has(t));
  const listed = new Set(ordered);
  return [...ordered, ...[...present].filter((t) => !listed.has(t)).sort()];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function fillGaps(keys: string[], granularity: DateGranularity, length: number): string[] {
  const full = keys.filter((k) => k.length === length).sort();
  const first = full[0];
  const last = full[full.length - 1];
  const filled = new Set(keys);
  if (first !== undefined && last !== undefined) {
    const sequence: string[] = [];
    for (let k = first; k <= last && sequence.length <= MAX_FILLED_BUCKETS; k = nextKey(k, granularity))
      sequence.push(k);
    if (sequence.length <= MAX_FILLED_BUCKETS) for (const k of sequence) filled.add(k);
  }
  return [...filled].sort();
}

function nextKey(key: string, granularity: DateGranularity): string {
  const year = Number(key.slice(0, 4));
  if (granularity === 'year') return String(year + 1);
  const month = Number(key.slice(5, 7));
  if (granularity === 'month')
    return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const next = new Date(Date.UTC(year, month - 1, Number(key.slice(8, 10)) + 1));
  return next.toISOString().slice(0, 10);
}
