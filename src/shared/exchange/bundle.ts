import { z } from 'zod';
import { type Annotation } from '../annotation/annotation-types';
import { type Codebook, validateCodebook } from '../codebook/codebook';
import { CodebookError } from '../codebook/codebook-error';
import { describeIssue } from '../validation/zod-issues';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleError,
  BundleSchema,
  type Bundle,
  type BundleAnnotation,
  type BundleDocument,
  type BundleDocumentDate,
  type BundleDocumentStatus,
  type BundleRejectedUnits,
} from './bundle-schema';
import { decisionId, type SuggestionDecision } from '../suggest/suggestion-types';
import { compareStrings, statusKey } from './record-order';
import { errorMessage } from '../validation/error-message';
import { checkAnnotationRecords, formatRecordProblem, type RecordCheckContext } from './record-checks';
import { annotationAsIs, fastAnnotation } from './annotation-fast-parse';
import { forEachRepeatedKey } from './repeated-keys';

/*
 * Writing and reading bundles (the format is `bundle-schema.ts`; what an
 * import changes is `bundle-merge.ts`). Pure: the renderer's `db/bundle-io.ts`
 * reads and writes the database, the main process writes backups, and both
 * parse with this module, so a file is accepted by the same rules everywhere.
 */

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
  /** Accepted and rejected suggestions; written as `suggestionDecisions` when given (filtered by `annotators`). */
  suggestionDecisions?: readonly SuggestionDecision[];
  /** Keep only these annotators' annotations, statuses and rejected units; absent: everyone. */
  annotators?: readonly string[];
  /** The page an annotation starts on (`page` of its record), for documents with pages. */
  pageOf?: (annotation: Annotation) => number | undefined;
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
  const pageOf = input.pageOf;
  const annotations = input.annotations
    .filter((a) => !keep || keep.has(a.annotator))
    .sort(byDocumentPosition)
    .map((a) => {
      const page = pageOf?.(a);
      return page === undefined ? a : { ...a, page };
    });
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
  const decisions = input.suggestionDecisions
    ?.filter((d) => !keep || keep.has(d.annotator))
    .map((d) => ({
      annotator: d.annotator,
      documentPath: d.documentPath,
      start: d.start,
      end: d.end,
      tag: d.tag,
      sourceKey: d.sourceKey,
      decision: d.decision,
      decidedAt: d.decidedAt,
    }))
    .sort((a, b) => compareStrings(decisionId(a), decisionId(b)));

  const documents = new Map<string, BundleDocument>();
  for (const d of input.documents) documents.set(d.path, { path: d.path, title: d.title, sha256: d.sha256 });
  for (const { documentPath } of [
    ...annotations,
    ...statuses,
    ...(dates ?? []),
    ...(rejected ?? []),
    ...(decisions ?? []),
  ]) {
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
    ...(decisions ? { suggestionDecisions: decisions } : {}),
  };
  return validateBundle(bundle);
}

/** A bundle record as the database stores it: the export-only `page` left behind. */
export function storedAnnotation(record: Annotation & { page?: number }): Annotation {
  if (record.page === undefined) return record;
  const copy = { ...record };
  delete copy.page;
  return copy;
}

/**
 * The bundle as JSON ending in a newline, keys in schema order (as
 * validation leaves them): indented as `JSON.stringify(bundle, null, 2)`
 * would, except that each annotation is one line of compact JSON. Any JSON
 * reader (and every Tanda) reads it as before; a line per record still
 * diffs well, and the file is a quarter smaller, which is a quarter less
 * for `JSON.parse` to read and for the stringifier to write (the indented
 * form was most of an export of 100,000 annotations).
 */
export function bundleToJson(bundle: Bundle): string {
  // Pieces joined once at the end: each join or concatenation of the 50 MB would copy it again.
  const out: string[] = ['{\n'];
  let first = true;
  for (const [key, value] of Object.entries(bundle)) {
    if (value === undefined) continue; // as JSON.stringify leaves an undefined property out
    out.push(first ? '  ' : ',\n  ', JSON.stringify(key), ': ');
    first = false;
    if (key === 'annotations') pushAnnotationLines(out, value as Bundle['annotations']);
    // One level deeper than on its own: raw line breaks are only ever indentation.
    else out.push(JSON.stringify(value, null, 2).replaceAll('\n', '\n  '));
  }
  out.push('\n}\n');
  return out.join('');
}

/** Records per `JSON.stringify` call: few calls, and no single string of the whole array. */
const LINES_PER_CHUNK = 1000;
const NEXT_RECORD = '},{"id":';

/**
 * `[`, a line per record, `]`, at the indentation of a top-level field.
 * Records are written a chunk at a time and split at `},{"id":`, which
 * only ever occurs between two records: inside a string every `"` is
 * escaped, and no record holds a list of objects.
 */
function pushAnnotationLines(out: string[], records: readonly BundleAnnotation[]): void {
  if (records.length === 0) {
    out.push('[]');
    return;
  }
  out.push('[\n    ');
  for (let i = 0; i < records.length; i += LINES_PER_CHUNK) {
    if (i > 0) out.push(',\n    ');
    const json = JSON.stringify(records.slice(i, i + LINES_PER_CHUNK));
    out.push(json.slice(1, -1).replaceAll(NEXT_RECORD, '},\n    {"id":'));
  }
  out.push('\n  ]');
}

// ---------------------------------------------------------------- reading

/** Parse a bundle file. Throws BundleError naming the JSON path of each problem. */
export function parseBundleJson(text: string): Bundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BundleError(`the file is not valid JSON: ${errorMessage(error)}`);
  }
  return validateBundle(value);
}

/** How many problems the error message spells out; `problems` has them all. */
const MESSAGE_PROBLEMS = 8;

/**
 * The annotations through `fastAnnotation`, without zod's generic walk over
 * the 100,000 records that pass (a transform per element cost as much as the
 * checks). A record it cannot vouch for, or a value that is not an array, goes
 * to zod's own schema, whose issues are reported where `BundleSchema` would
 * report them: same place in the list, same path (`annotations[3].end`), same words.
 */
const CheckedBundleAnnotations = z.unknown().transform((value, ctx) => {
  const whole = (): never => {
    const checked = BundleAnnotationsSchema.safeParse(value);
    if (checked.success) return checked.data as never; // unreachable: fastAnnotation refused one
    for (const issue of checked.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: value });
    return z.NEVER;
  };
  if (!Array.isArray(value)) return whole();
  const out: BundleAnnotation[] = new Array<BundleAnnotation>(value.length);
  for (let i = 0; i < value.length; i++) {
    const record = annotationAsIs(value[i]) ?? fastAnnotation(value[i], true);
    if (record === null) return whole();
    out[i] = record;
  }
  return out;
});
const BundleAnnotationsSchema = BundleSchema.shape.annotations;
/** What `validateBundle` runs: `BundleSchema` (the documented format), annotations checked as above. */
const CheckedBundleSchema = BundleSchema.extend({ annotations: CheckedBundleAnnotations });

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
  const result = CheckedBundleSchema.safeParse(value);
  const problems = result.success
    ? checkReferences(result.data)
    : result.error.issues.map((issue) => describeIssue(issue));
  if (problems.length > 0 || !result.success) throw problemsError(problems);
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
  const { annotations } = bundle;
  const repeats = new Map<number, number>();
  forEachRepeatedKey(
    annotations.length,
    (i) => annotations[i]!.id,
    (i, first) => repeats.set(i, first),
  );
  // Records come grouped by document: a path equal to the previous record's was listed.
  let listedPath: string | null = null;
  annotations.forEach((a, i) => {
    const seen = repeats.size === 0 ? undefined : repeats.get(i);
    if (seen !== undefined) problems.push(`annotations[${i}].id: ${a.id} repeats annotations[${seen}].id`);
    if (a.documentPath !== listedPath) {
      if (documentAt.has(a.documentPath)) listedPath = a.documentPath;
      else problems.push(`annotations[${i}].documentPath: "${a.documentPath}" is not listed in documents`);
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

// ---------------------------------------------------------------- against the corpus

/**
 * The checks of `record-checks.ts` over a bundle's annotations, with the
 * codebook the records will live under (the bundle's own unless given).
 * Returns the bundle with the records of changed texts re-anchored; throws
 * BundleError listing every problem as `annotations[i].field: …`.
 */
export async function checkBundleRecords(
  bundle: Bundle,
  ctx: Omit<RecordCheckContext, 'codebook'> & { codebook?: Codebook },
): Promise<Bundle> {
  const result = await checkAnnotationRecords(bundle.annotations, {
    ...ctx,
    codebook: ctx.codebook ?? bundle.codebook,
  });
  if (result.ok) return { ...bundle, annotations: result.annotations };
  throw problemsError(result.problems.map((p) => formatRecordProblem(p)));
}

function problemsError(problems: string[]): BundleError {
  const shown = problems.slice(0, MESSAGE_PROBLEMS).join('; ');
  const more = problems.length > MESSAGE_PROBLEMS ? ` (and ${problems.length - MESSAGE_PROBLEMS} more)` : '';
  return new BundleError(`invalid Tanda bundle: ${shown}${more}`, problems);
}
