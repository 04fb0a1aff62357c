import { type Annotation } from '../annotation/annotation-types';
import { type Codebook, codebookToJson } from '../codebook/codebook';
import {
  type Bundle,
  type BundleDocumentDate,
  type BundleDocumentStatus,
  type BundleRejectedUnits,
} from './bundle-schema';
import { rekeyedAnnotationId } from './csv-format';
import { storedAnnotation } from './bundle';
import { canonicalJson, compareInstants, compareStrings, statusKey } from './record-order';

/*
 * What importing a bundle changes, decided before anything is written, and
 * how to say it to a person.
 */

/** What merging one kind of record does; `added`/`updated` are the records to write. */
export interface MergePart<T> {
  added: T[];
  updated: T[];
  unchanged: number;
  /**
   * Bundle records that differ from the stored one but are not newer (an
   * older `updatedAt`, or the same instant): the stored record is kept.
   */
  olderIgnored: number;
}

/**
 * `added`: the database had no codebook and takes the bundle's; `same`: equal
 * content; `different`: the database keeps its own (the bundle's is not applied).
 */
export type CodebookOutcome = 'same' | 'different' | 'added';

/**
 * Document dates: a date is taken for a document that has none; where the
 * database has its own, different one, that one is kept (`keptYours`).
 */
export interface DatesMergePart {
  added: BundleDocumentDate[];
  unchanged: number;
  keptYours: number;
}

/**
 * Rejected units: the union of the bundle's and the stored ones (a merge
 * never deletes). `write` are the entries whose set grew, with the whole
 * new set; `addedUnits` counts the unit keys that were not stored.
 */
export interface RejectedMergePart {
  write: BundleRejectedUnits[];
  addedUnits: number;
}

export interface BundleMergePlan {
  annotations: MergePart<Annotation>;
  /**
   * Bundle annotations whose id the database holds for another annotator:
   * a different annotation, given the id `rekeyedAnnotationId(annotator, id)`.
   */
  rekeyed: number;
  statuses: MergePart<BundleDocumentStatus>;
  codebook: CodebookOutcome;
  documentDates: DatesMergePart;
  rejectedUnits: RejectedMergePart;
}

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
  olderIgnored: number;
}

/** What an import did, in numbers (for the UI, logs and tests). */
export interface BundleMergeReport {
  annotations: MergeCounts;
  /** Present when some annotations were re-keyed (see `BundleMergePlan.rekeyed`). */
  rekeyed?: number;
  statuses: MergeCounts;
  codebook: CodebookOutcome;
  documentDates: { added: number; unchanged: number; keptYours: number };
  rejectedUnits: { added: number };
}

/**
 * Decide what importing `bundle` changes, given the stored records with the
 * same keys, and with the re-keyed ids of the bundle's annotations (records
 * absent from the bundle may be passed; they are ignored and never deleted). Annotations match by id, statuses by annotator +
 * document path; a bundle record replaces the stored one only when its
 * `updatedAt` is strictly later (a tie keeps the stored one), so importing
 * the same bundle twice changes nothing the second time.
 * `existing.codebook` is the stored codebook, or null when there is none.
 */
export function planBundleMerge(
  bundle: Bundle,
  existing: {
    annotations: readonly Annotation[];
    statuses: readonly BundleDocumentStatus[];
    codebook: Codebook | null;
    /** Stored document dates (those of the bundle's documents will do). */
    documentDates?: readonly BundleDocumentDate[];
    /** Stored rejected units (those of the bundle's entries will do). */
    rejectedUnits?: readonly BundleRejectedUnits[];
  },
): BundleMergePlan {
  const codebook: CodebookOutcome =
    existing.codebook === null
      ? 'added'
      : codebookToJson(existing.codebook) === codebookToJson(bundle.codebook)
        ? 'same'
        : 'different';
  const storedAnnotator = new Map(existing.annotations.map((a) => [a.id, a.annotator]));
  let rekeyed = 0;
  const incoming = bundle.annotations.map((record) => {
    const a = storedAnnotation(record);
    // Into an empty database (a first import, a restore) no id is held: no lookup of 100,000 ids.
    const holder = storedAnnotator.size === 0 ? undefined : storedAnnotator.get(a.id);
    if (holder === undefined || holder === a.annotator) return a;
    rekeyed += 1;
    return { ...a, id: rekeyedAnnotationId(a.annotator, a.id) };
  });
  return {
    annotations: mergeByKey(incoming, existing.annotations, (a) => a.id),
    rekeyed,
    statuses: mergeByKey(bundle.documentStatuses, existing.statuses, statusKey),
    codebook,
    documentDates: mergeDates(bundle.documentDates ?? [], existing.documentDates ?? []),
    rejectedUnits: mergeRejected(bundle.rejectedUnits ?? [], existing.rejectedUnits ?? []),
  };
}

function mergeDates(
  incoming: readonly BundleDocumentDate[],
  stored: readonly BundleDocumentDate[],
): DatesMergePart {
  const byPath = new Map(stored.map((d) => [d.documentPath, d.date]));
  const part: DatesMergePart = { added: [], unchanged: 0, keptYours: 0 };
  for (const d of incoming) {
    const current = byPath.get(d.documentPath);
    if (current === undefined) part.added.push(d);
    else if (current === d.date) part.unchanged += 1;
    else part.keptYours += 1;
  }
  return part;
}

function mergeRejected(
  incoming: readonly BundleRejectedUnits[],
  stored: readonly BundleRejectedUnits[],
): RejectedMergePart {
  const byKey = new Map(stored.map((r) => [statusKey(r), r.units]));
  const part: RejectedMergePart = { write: [], addedUnits: 0 };
  for (const r of incoming) {
    const units = new Set(byKey.get(statusKey(r)) ?? []);
    const before = units.size;
    for (const unit of r.units) units.add(unit);
    if (units.size === before) continue;
    part.addedUnits += units.size - before;
    part.write.push({
      annotator: r.annotator,
      documentPath: r.documentPath,
      units: [...units].sort(compareStrings),
    });
  }
  return part;
}

export function mergeReport(plan: BundleMergePlan): BundleMergeReport {
  const count = <T>(part: MergePart<T>): MergeCounts => ({
    added: part.added.length,
    updated: part.updated.length,
    unchanged: part.unchanged,
    olderIgnored: part.olderIgnored,
  });
  const { added, unchanged, keptYours } = plan.documentDates;
  return {
    annotations: count(plan.annotations),
    ...(plan.rekeyed > 0 ? { rekeyed: plan.rekeyed } : {}),
    statuses: count(plan.statuses),
    codebook: plan.codebook,
    documentDates: { added: added.length, unchanged, keptYours },
    rejectedUnits: { added: plan.rejectedUnits.addedUnits },
  };
}

/**
 * One line per kind for a person: "Annotations: 3 added, 1 updated,
 * 5 unchanged, 2 older versions ignored."
 */
export function describeMergeReport(report: BundleMergeReport): string {
  const codebook = {
    same: 'Codebook: same as yours.',
    added: 'Codebook: taken from the bundle (you had none saved).',
    different: "Codebook: the bundle's differs from yours; yours was kept.",
  }[report.codebook];
  const rekeyed = report.rekeyed
    ? ` (${report.rekeyed} re-keyed: their id was another annotator's here)`
    : '';
  const lines = [
    `Annotations: ${describeCounts(report.annotations)}${rekeyed}.`,
    `Document statuses: ${describeCounts(report.statuses)}.`,
  ];
  const dates = report.documentDates;
  if (dates.added + dates.unchanged + dates.keptYours > 0) {
    const kept = dates.keptYours > 0 ? `, ${dates.keptYours} different from yours (yours kept)` : '';
    lines.push(`Document dates: ${dates.added} added, ${dates.unchanged} unchanged${kept}.`);
  }
  if (report.rejectedUnits.added > 0) {
    const n = report.rejectedUnits.added;
    lines.push(`Adjudication: ${n} rejected ${n === 1 ? 'unit' : 'units'} added.`);
  }
  return [...lines, codebook].join('\n');
}

/** What a bundle holds, in numbers: what a restore would bring back. */
export interface BundleContents {
  annotations: number;
  /** Names with at least one annotation, sorted. */
  annotators: string[];
  /** Documents with at least one annotation. */
  documents: number;
  documentStatuses: number;
  documentDates: number;
  tags: number;
}

export function bundleContents(bundle: Bundle): BundleContents {
  return {
    annotations: bundle.annotations.length,
    annotators: [...new Set(bundle.annotations.map((a) => a.annotator))].sort(),
    documents: new Set(bundle.annotations.map((a) => a.documentPath)).size,
    documentStatuses: bundle.documentStatuses.length,
    documentDates: bundle.documentDates?.length ?? 0,
    tags: bundle.codebook.tags.length,
  };
}

/** One sentence for a person, e.g. "12 annotations by Ana and Budi in 3 documents, 2 document statuses, a codebook of 3 tags." */
export function describeBundleContents(c: BundleContents): string {
  const plural = (n: number, one: string, many: string): string =>
    `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const names =
    c.annotators.length <= 3
      ? joinNames(c.annotators)
      : `${c.annotators.slice(0, 3).join(', ')} and ${plural(c.annotators.length - 3, 'other', 'others')}`;
  const parts = [
    c.annotations === 0
      ? 'no annotations'
      : `${plural(c.annotations, 'annotation', 'annotations')} by ${names} in ${plural(c.documents, 'document', 'documents')}`,
    plural(c.documentStatuses, 'document status', 'document statuses'),
  ];
  if (c.documentDates > 0) parts.push(plural(c.documentDates, 'corrected date', 'corrected dates'));
  parts.push(`a codebook of ${plural(c.tags, 'tag', 'tags')}`);
  return `${parts.join(', ')}.`;
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function describeCounts(c: MergeCounts): string {
  const parts = [`${c.added} added`, `${c.updated} updated`, `${c.unchanged} unchanged`];
  if (c.olderIgnored > 0)
    parts.push(`${c.olderIgnored} older ${c.olderIgnored === 1 ? 'version' : 'versions'} ignored`);
  return parts.join(', ');
}

function mergeByKey<T extends { updatedAt: string }>(
  incoming: readonly T[],
  stored: readonly T[],
  key: (record: T) => string,
): MergePart<T> {
  const part: MergePart<T> = { added: [], updated: [], unchanged: 0, olderIgnored: 0 };
  // Nothing stored: every record is new, and no key need be made or looked up.
  if (stored.length === 0) return { ...part, added: [...incoming] };
  const byKey = new Map(stored.map((r) => [key(r), r]));
  for (const record of incoming) {
    const current = byKey.get(key(record));
    if (!current) part.added.push(record);
    else if (canonicalJson(current) === canonicalJson(record)) part.unchanged += 1;
    else if (compareInstants(record.updatedAt, current.updatedAt) > 0) part.updated.push(record);
    else part.olderIgnored += 1;
  }
  return part;
}
