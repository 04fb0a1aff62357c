import type {
  AttributeBreakdown,
  DateCounts,
  DocumentTagCounts,
} from '../../../shared/analysis/cooccurrence';
import type { CountMatrix, TagStyle } from './chart-options';
import { i18n } from '../i18n/i18n';

/**
 * The data behind each chart as a plain table (header row, then rows), shown
 * under the chart so its numbers can be read exactly, by anyone. Pure but for
 * the headers, which are in the interface language of the moment.
 */

export interface DataTable {
  columns: string[];
  rows: (string | number)[][];
}

/** Documents by path: exact and unique, where titles are often a whole lead paragraph. */
export function tagCountsTable(data: DocumentTagCounts, tags: (id: string) => TagStyle): DataTable {
  return {
    columns: [
      i18n.t('analysis:table.document'),
      ...data.tags.map((t) => tags(t).label),
      i18n.t('analysis:table.total'),
    ],
    rows: data.documents.map((path, d) => [path, ...data.counts[d]!, sum(data.counts[d]!)]),
  };
}

export function breakdownTable(data: AttributeBreakdown): DataTable {
  const rows: (string | number)[][] = data.rows.map((r) => [
    r.retired ? i18n.t('analysis:table.retired', { label: r.label }) : r.label,
    r.count,
  ]);
  rows.push([i18n.t('analysis:table.noValue'), data.unset]);
  return {
    columns: [data.attribute?.label ?? i18n.t('analysis:table.value'), i18n.t('analysis:table.segments')],
    rows,
  };
}

export function matrixTable(data: CountMatrix, corner: string): DataTable {
  return { columns: [corner, ...data.columns], rows: data.rows.map((row, r) => [row, ...data.counts[r]!]) };
}

export function datesTable(
  data: DateCounts,
  tags: (id: string) => TagStyle,
  tagOrder: readonly string[],
): DataTable {
  const present = [...new Set([...Object.keys(data.byTag), ...Object.keys(data.undatedByTag)])];
  const ordered = [
    ...tagOrder.filter((t) => present.includes(t)),
    ...present.filter((t) => !tagOrder.includes(t)).sort(),
  ];
  const rows: (string | number)[][] = data.buckets.map((bucket, b) => [
    bucket,
    ...ordered.map((t) => data.byTag[t]?.[b] ?? 0),
    data.total[b]!,
  ]);
  if (data.undated > 0)
    rows.push([
      i18n.t('analysis:table.undated'),
      ...ordered.map((t) => data.undatedByTag[t] ?? 0),
      data.undated,
    ]);
  return {
    columns: [
      i18n.t('analysis:table.date'),
      ...ordered.map((t) => tags(t).label),
      i18n.t('analysis:table.total'),
    ],
    rows,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
