import { z } from 'zod';
import { type Annotation, AnnotationSchema } from './annotation-types';
import { type Codebook, CodebookError, CodebookSchema, codebookToJson, validateCodebook } from './codebook';
import { DocumentPathSchema } from './corpus-types';
import { isDocumentDate } from './document-date';

/*
 * The Tanda bundle: one JSON file with everything needed to carry a piece of
 * work to another machine or back it up (codebook, document identities,
 * annotations, work statuses). Pure: the renderer's `db/bundle-io.ts` reads
 * and writes the database, the main process writes backups, and both parse
 * with this module, so a file is accepted by the same rules everywhere.
 *
 * `docs/bundle.schema.json` is generated from `BundleSchema`
 * (`npx tsx scripts/write-bundle-schema.ts`); a test keeps them equal. Rules a
 * JSON Schema can't express (unique ids, cross references, `end > start`)
 * are checked by `validateBundle` and listed in the schema's description.
 */

export const BUNDLE_FORMAT = 'tanda-bundle';
/** The bundle format version this Tanda writes and the newest it reads. */
export const BUNDLE_VERSION = 1;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const BundleDocumentSchema = z.object({
  path: DocumentPathSchema.meta({
    description: 'Path relative to the corpus folder, with / separators: the identity annotations refer to.',
  }),
  title: z.string(),
  sha256: Sha256Schema.nullable().meta({
    description:
      'SHA-256 (hex) of the normalized text at export time; null when the document was not readable or not in the corpus any more.',
  }),
});
export type BundleDocument = z.infer<typeof BundleDocumentSchema>;

export const WorkStatusSchema = z.enum(['not_started', 'in_progress', 'done']);

export const BundleDocumentStatusSchema = z.object({
  annotator: z.string().min(1).max(200),
  documentPath: DocumentPathSchema,
  status: WorkStatusSchema,
  /** ISO 8601 UTC. */
  updatedAt: z.string(),
});
export type BundleDocumentStatus = z.infer<typeof BundleDocumentStatusSchema>;

export const BundleDocumentDateSchema = z.object({
  documentPath: DocumentPathSchema,
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: 'must be yyyy, yyyy-mm or yyyy-mm-dd', abort: true })
    // The pattern is what the JSON Schema can say; that the day exists is checked here.
    .refine(isDocumentDate, 'is not a day that exists (years 1900–2099)')
    .meta({
      description:
        "The analyst's correction of the document's date (yyyy, yyyy-mm or yyyy-mm-dd); it overrides the detected one.",
    }),
});
export type BundleDocumentDate = z.infer<typeof BundleDocumentDateSchema>;

export const BundleRejectedUnitsSchema = z.object({
  annotator: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: 'The adjudication target whose decision this is.' }),
  documentPath: DocumentPathSchema,
  units: z
    .array(z.string().min(1))
    .min(1)
    .meta({
      description:
        'Keys of the disagreement units this target rejected (kept none of the proposals), sorted.',
    }),
});
export type BundleRejectedUnits = z.infer<typeof BundleRejectedUnitsSchema>;

export const BundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION).meta({
      description: 'Format version. A Tanda refuses a bundle with a version newer than the one it writes.',
    }),
    exportedAt: z.iso.datetime({ offset: true }),
    app: z.object({ name: z.literal('Tanda'), version: z.string().optional() }),
    codebook: CodebookSchema,
    documents: z.array(BundleDocumentSchema),
    annotations: z.array(
      AnnotationSchema.meta({
        description:
          'start/end are Unicode code point offsets (end exclusive) into the normalized text whose SHA-256 is contentSha256.',
      }),
    ),
    documentStatuses: z.array(BundleDocumentStatusSchema),
    annotators: z.array(z.string().min(1).max(200)).optional().meta({
      description:
        'The annotators whose work the bundle holds; absent when it holds everyone (a whole-database export or backup).',
    }),
    documentDates: z.array(BundleDocumentDateSchema).optional().meta({
      description: 'Document dates corrected by an analyst (absent in bundles of Tanda before 2026-11-22).',
    }),
    rejectedUnits: z.array(BundleRejectedUnitsSchema).optional().meta({
      description:
        'Adjudication decisions that rejected a unit, per target annotator and document (absent in bundles of Tanda before 2026-11-22).',
    }),
  })
  .meta({
    title: 'Tanda bundle',
    description:
      'Codebook, documents, annotations and work statuses exported by Tanda. Tanda validates imports with the same ' +
      'zod schema this file is generated from, plus rules a JSON Schema cannot express: annotation end > start; ' +
      'unique document paths, annotation ids and (annotator, documentPath) statuses; every documentPath of an ' +
      'annotation, status, document date and rejected units listed in documents; one date per document and one ' +
      'rejected-units entry per (annotator, documentPath); when annotators is present, every annotation, status and ' +
      'rejected-units entry by one of them; the codebook rules (unique tag, attribute and value ids; unique active shortcuts). Unknown properties ' +
      'are ignored.',
  });
export type Bundle = z.infer<typeof BundleSchema>;

/** An unreadable or invalid bundle; `problems` lists each one, JSON path first. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- writing

export interface BundleInput {
  codebook: Codebook;
  /** Corpus documents; extra fields (chars, status…) are dropped. */
  documents: readonly BundleDocument[];
  annotations: readonly Annotation[];
  statuses: readonly BundleDocumentStatus[];
  /** Analysts' document dates; written as `documentDates` when given. */
  documentDates?: readonly BundleDocumentDate[];
  /** Rejected adjudication units; written as `rejectedUnits` when given (filtered by `annotators` like statuses). */
  rejectedUnits?: readonly BundleRejectedUnits[];
  /** Keep only these annotators' annotations, statuses and rejected units; absent: everyone. */
  annotators?: readonly string[];
  now: Date;
  appVersion?: string;
}

/**
 * Assemble a bundle, sorted so two exports of the same data are identical
 * (documents by path, annotations by document, start, end, id; statuses by
 * annotator, path). A document an annotation or status refers to but the
 * caller did not list (deleted or renamed since) is added with its file name
 * as title and `sha256: null`. The result is validated like an import, so
 * Tanda never writes a bundle it would refuse to read (throws BundleError).
 */
export function buildBundle(input: BundleInput): Bundle {
  const keep = input.annotators ? new Set(input.annotators) : null;
  const annotations = input.annotations
    .filter((a) => !keep || keep.has(a.annotator))
    .sort(byDocumentPosition);
  const statuses = input.statuses.filter((s) => !keep || keep.has(s.annotator)).sort(byStatusKey);
  const dates = input.documentDates
    ? [...input.documentDates].sort((a, b) => compareStrings(a.documentPath, b.documentPath))
    : undefined;
  const rejected = input.rejectedUnits
    ?.filter((r) => !keep || keep.has(r.annotator))
    .map((r) => ({
      annotator: r.annotator,
      documentPath: r.documentPath,
      units: [...new Set(r.units)].sort(compareStrings),
    }))
    .sort(byStatusKey);

  const documents = new Map<string, BundleDocument>();
  for (const d of input.documents) documents.set(d.path, { path: d.path, title: d.title, sha256: d.sha256 });
  for (const { documentPath } of [...annotations, ...statuses, ...(dates ?? []), ...(rejected ?? [])]) {
    if (!documents.has(documentPath)) {
      documents.set(documentPath, {
        path: documentPath,
        title: documentPath.split('/').pop() ?? documentPath,
        sha256: null,
      });
    }
  }

  const bundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: input.now.toISOString(),
    app: { name: 'Tanda', ...(input.appVersion === undefined ? {} : { version: input.appVersion }) },
    codebook: input.codebook,
    documents: [...documents.values()].sort((a, b) => compareStrings(a.path, b.path)),
    annotations,
    documentStatuses: statuses,
    ...(input.annotators ? { annotators: [...new Set(input.annotators)].sort(compareStrings) } : {}),
    ...(dates ? { documentDates: dates.map((d) => ({ documentPath: d.documentPath, date: d.date })) } : {}),
    ...(rejected ? { rejectedUnits: rejected } : {}),
  };
  return validateBundle(bundle);
}

/** Pretty JSON (keys in schema order, as validation leaves them) ending in a newline. */
export function bundleToJson(bundle: Bundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

// ---------------------------------------------------------------- reading

/** Parse a bundle file. Throws BundleError naming the JSON path of each problem. */
export function parseBundleJson(text: string): Bundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BundleError(`the file is not valid JSON: ${(error as Error).message}`);
  }
  return validateBundle(value);
}

/** How many problems the error message spells out; `problems` has them all. */
const MESSAGE_PROBLEMS = 8;

/** Validate a parsed value: format and version first, then the schema, then cross references. */
export function validateBundle(value: unknown): Bundle {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BundleError('not a Tanda bundle: expected a JSON object');
  }
  const { format, version, tags } = value as { format?: unknown; version?: unknown; tags?: unknown };
  if (format !== BUNDLE_FORMAT) {
    const hint =
      format === undefined && Array.isArray(tags)
        ? ' (this looks like a codebook file: import it in the codebook editor)'
        : '';
    throw new BundleError(`not a Tanda bundle: "format" must be "${BUNDLE_FORMAT}"${hint}`);
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > BUNDLE_VERSION) {
    throw new BundleError(
      `this bundle was made by a newer Tanda (bundle version ${version}; this Tanda reads version ${BUNDLE_VERSION}). ` +
        'Update Tanda to import it.',
    );
  }
  const result = BundleSchema.safeParse(value);
  const problems = result.success
    ? checkReferences(result.data)
    : result.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  if (problems.length > 0 || !result.success) {
    const shown = problems.slice(0, MESSAGE_PROBLEMS).join('; ');
    const more =
      problems.length > MESSAGE_PROBLEMS ? ` (and ${problems.length - MESSAGE_PROBLEMS} more)` : '';
    throw new BundleError(`invalid Tanda bundle: ${shown}${more}`, problems);
  }
  return result.data;
}

/** The rules the schema can't express; one message per problem, JSON path first. */
function checkReferences(bundle: Bundle): string[] {
  const problems: string[] = [];
  const documentAt = new Map<string, number>();
  bundle.documents.forEach((d, i) => {
    const seen = documentAt.get(d.path);
    if (seen !== undefined)
      problems.push(`documents[${i}].path: "${d.path}" is listed twice (also documents[${seen}])`);
    else documentAt.set(d.path, i);
  });
  const annotators = bundle.annotators ? new Set(bundle.annotators) : null;
  const annotationAt = new Map<string, number>();
  bundle.annotations.forEach((a, i) => {
    const seen = annotationAt.get(a.id);
    if (seen !== undefined) problems.push(`annotations[${i}].id: ${a.id} repeats annotations[${seen}].id`);
    else annotationAt.set(a.id, i);
    if (!documentAt.has(a.documentPath)) {
      problems.push(`annotations[${i}].documentPath: "${a.documentPath}" is not listed in documents`);
    }
    if (annotators && !annotators.has(a.annotator)) {
      problems.push(`annotations[${i}].annotator: "${a.annotator}" is not listed in annotators`);
    }
  });
  const statusAt = new Map<string, number>();
  bundle.documentStatuses.forEach((s, i) => {
    const key = statusKey(s);
    const seen = statusAt.get(key);
    if (seen !== undefined) {
      problems.push(
        `documentStatuses[${i}]: a second status of "${s.annotator}" for "${s.documentPath}" (also documentStatuses[${seen}])`,
      );
    } else statusAt.set(key, i);
    if (!documentAt.has(s.documentPath)) {
      problems.push(`documentStatuses[${i}].documentPath: "${s.documentPath}" is not listed in documents`);
    }
    if (annotators && !annotators.has(s.annotator)) {
      problems.push(`documentStatuses[${i}].annotator: "${s.annotator}" is not listed in annotators`);
    }
  });
  const dateAt = new Map<string, number>();
  (bundle.documentDates ?? []).forEach((d, i) => {
    const seen = dateAt.get(d.documentPath);
    if (seen !== undefined)
      problems.push(
        `documentDates[${i}]: a second date for "${d.documentPath}" (also documentDates[${seen}])`,
      );
    else dateAt.set(d.documentPath, i);
    if (!documentAt.has(d.documentPath))
      problems.push(`documentDates[${i}].documentPath: "${d.documentPath}" is not listed in documents`);
  });
  const rejectedAt = new Map<string, number>();
  (bundle.rejectedUnits ?? []).forEach((r, i) => {
    const key = statusKey(r);
    const seen = rejectedAt.get(key);
    if (seen !== undefined) {
      problems.push(
        `rejectedUnits[${i}]: a second entry of "${r.annotator}" for "${r.documentPath}" (also rejectedUnits[${seen}])`,
      );
    } else rejectedAt.set(key, i);
    if (!documentAt.has(r.documentPath))
      problems.push(`rejectedUnits[${i}].documentPath: "${r.documentPath}" is not listed in documents`);
    if (annotators && !annotators.has(r.annotator))
      problems.push(`rejectedUnits[${i}].annotator: "${r.annotator}" is not listed in annotators`);
  });
  try {
    validateCodebook(bundle.codebook); // unique ids and shortcuts: the codebook module's rules
  } catch (error) {
    if (!(error instanceof CodebookError)) throw error;
    problems.push(`codebook.${error.message}`);
  }
  return problems;
}

// ---------------------------------------------------------------- merging

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
  statuses: MergeCounts;
  codebook: CodebookOutcome;
  documentDates: { added: number; unchanged: number; keptYours: number };
  rejectedUnits: { added: number };
}

/**
 * Decide what importing `bundle` changes, given the stored records with the
 * same keys (records absent from the bundle may be passed; they are ignored
 * and never deleted). Annotations match by id, statuses by annotator +
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
  return {
    annotations: mergeByKey(bundle.annotations, existing.annotations, (a) => a.id),
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
  const lines = [
    `Annotations: ${describeCounts(report.annotations)}.`,
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

export function describeCounts(c: MergeCounts): string {
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
  const byKey = new Map(stored.map((r) => [key(r), r]));
  const part: MergePart<T> = { added: [], updated: [], unchanged: 0, olderIgnored: 0 };
  for (const record of incoming) {
    const current = byKey.get(key(record));
    if (!current) part.added.push(record);
    else if (canonicalJson(current) === canonicalJson(record)) part.unchanged += 1;
    else if (compareInstants(record.updatedAt, current.updatedAt) > 0) part.updated.push(record);
    else part.olderIgnored += 1;
  }
  return part;
}

// ---------------------------------------------------------------- helpers

/** Order two ISO timestamps by instant; string order when either is unparsable. */
export function compareInstants(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  return compareStrings(a, b);
}

export function statusKey(s: { annotator: string; documentPath: string }): string {
  return JSON.stringify([s.annotator, s.documentPath]);
}

/** JSON with sorted keys, so equal records compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareStrings(a, b)))
      : v,
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byDocumentPosition(a: Annotation, b: Annotation): number {
  return (
    compareStrings(a.documentPath, b.documentPath) ||
    a.start - b.start ||
    a.end - b.end ||
    compareStrings(a.id, b.id)
  );
}

function byStatusKey(
  a: { annotator: string; documentPath: string },
  b: { annotator: string; documentPath: string },
): number {
  return compareStrings(a.annotator, b.annotator) || compareStrings(a.documentPath, b.documentPath);
}

function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(root)' : out;
}

/** The JSON Schema of `BundleSchema` as committed in `docs/bundle.schema.json`. */
export function bundleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(BundleSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}

/** `docs/bundle.schema.json`, byte for byte. */
export function bundleJsonSchemaText(): string {
  return `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`;
}
