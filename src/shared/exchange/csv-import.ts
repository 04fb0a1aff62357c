import { type Annotation, type AttributeValues } from '../annotation/annotation-types';
import { isUuid, parseBuiltAnnotation } from './annotation-fast-parse';
import { type Attribute, type Codebook, type Tag } from '../codebook/codebook';
import {
  ANNOTATION_COLUMNS,
  ATTRIBUTE_COLUMN_PREFIX,
  type AnnotationColumn,
  DOCUMENT_KEY_COLUMNS,
  REQUIRED_COLUMNS,
  naturalAnnotationId,
  rekeyedAnnotationId,
  naturalKey,
  parseTimestamp,
  unguardCell,
  BOM,
} from './csv-format';
import {
  MAX_PROBLEMS,
  headerNames,
  isBlank,
  parseAnnotationsCsv,
  type CsvProblem,
  type CsvTable,
} from './csv-read';
import { forEachCsvRecord } from './csv-records';
import { FirstOccurrences } from './repeated-keys';
import { reanchorAnnotations } from '../text/reanchor';
import { isGraphemeBoundary } from '../text/graphemes';
import { type CodePointIndex, codePointIndex, describeSpan } from '../text/text-quote';
import { errorMessage } from '../validation/error-message';
import { describeIssue } from '../validation/zod-issues';
import {
  annotatorProblem,
  show,
  spanProblem,
  timestampMessage,
  unknownAttributeMessage,
  unknownDocumentMessage,
  unknownTagMessage,
  unknownValuesMessage,
} from './record-checks';

/**
 * CSV cells → annotation records, all or nothing. `parseAnnotationsCsv`
 * (csv-read.ts) splits the text into cells; `planCsvImport` checks every row
 * against the corpus and the codebook and either returns the complete list
 * of records to write, or every problem found (then nothing is written).
 * The import dialog and `tanda csv-check` run this same code.
 *
 * Row numbers are those a spreadsheet shows: the header is row 1, the first
 * data row is row 2, a record with line breaks inside a quoted cell is one
 * row, and blank lines keep their number.
 */

// ---------------------------------------------------------------- cells → annotations

/** A document of the corpus as the import sees it (a DocumentMeta fits). */
export interface CsvImportDocument {
  path: string;
  /** Null when the document is not readable. */
  sha256: string | null;
  reason?: string;
}

export interface CsvImportContext {
  documents: readonly CsvImportDocument[];
  /** The normalized text of a listed, readable document; called once per document a row names. */
  getText(path: string): string | Promise<string>;
  codebook: Codebook;
  /** ISO timestamp for rows without `created_at`/`updated_at`. */
  now: string;
  /**
   * Already in the database: rows matching these are skipped (counted as
   * duplicates). With `annotators` (id → its annotator), an id held by
   * another annotator's annotation is a different annotation: the row is
   * re-keyed (`rekeyedAnnotationId`) and imported. With `updatedAt` (id →
   * its stored `updatedAt`), a row of the same id and annotator edited later
   * than the stored record is an update: planned, and counted in `updates`.
   */
  existing?: {
    ids?: ReadonlySet<string>;
    naturalKeys?: ReadonlySet<string>;
    annotators?: ReadonlyMap<string, string>;
    updatedAt?: ReadonlyMap<string, string>;
  };
}

export interface CsvImportPreview {
  /** Data rows in the file. */
  rows: number;
  annotators: string[];
  /** Corpus paths of the documents the rows matched. */
  documents: string[];
  /** Rows per tag id. */
  tags: Record<string, number>;
}

export interface CsvImportPlan {
  /**
   * Records to write, valid for AnnotationSchema, ids unique: write them all
   * or none. New ones, and `updates` of stored ones (replace a stored record
   * only when its `updatedAt` is older: `bulkUpsert`'s `newer-wins`).
   */
  annotations: Annotation[];
  /** How many of `annotations` replace a stored record edited earlier (same id, same annotator). */
  updates: number;
  preview: CsvImportPreview;
  /** Rows already in the database or repeated in the file: nothing to add for them. */
  duplicates: number;
  /** Rows whose document changed since the export, placed by re-anchoring. */
  reanchored: number;
  /** Rows given a new id: theirs was another annotator's in the database, or not a UUID. */
  rekeyed: number;
}

export type CsvImportResult = { ok: true; plan: CsvImportPlan } | { ok: false; problems: CsvProblem[] };

/**
 * Parse and plan in one go: what the import dialog and `tanda csv-check` run.
 * Rows are checked as they are read (`readRowsDirect`); a file that only
 * papaparse can word the problems of is read again through it, with the
 * same result as `planCsvImport(parseAnnotationsCsv(text), ctx)`.
 */
export function checkCsvImport(text: string, ctx: CsvImportContext): Promise<CsvImportResult> {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  return placeRows(readRowsDirect(body, ctx) ?? readTable(parseAnnotationsCsv(text), ctx), ctx);
}

/** `row 7, column end: …`, as the CLI and the import dialog list problems. */
export function formatCsvProblem(p: CsvProblem): string {
  if (p.row === 0) return p.message;
  return `row ${p.row}${p.column === undefined ? '' : `, column ${p.column}`}: ${p.message}`;
}

interface Draft {
  row: number;
  id: string | null;
  doc: CsvImportDocument & { sha256: string };
  rowSha: string | null;
  annotator: string;
  tag: string;
  start: number;
  end: number;
  quote: string;
  /** The row's context, for re-anchoring; '' for a row of the document's own text, which never is. */
  prefix: string;
  suffix: string;
  note: string;
  createdAt: string;
  updatedAt: string;
  attributes: AttributeValues;
  /** Where the row lands in the document's current text, once known (-1 until then): numbers, not an object per row. */
  placedStart: number;
  placedEnd: number;
}

const SHA256 = /^[0-9a-f]{64}$/;
const NO_SHA = '0'.repeat(64);

/**
 * Check every row and build the records. Documents are found by
 * `content_sha256` (preferring the row's `document_path` among identical
 * texts), else by `document_path`. Where the row's hash is the document's,
 * the quote must be exactly at `start`..`end`; where it differs or is
 * absent, the text may have changed and the row is re-anchored as stored
 * annotations are (`reanchorAnnotations`), an orphan being a problem.
 */
export function planCsvImport(table: CsvTable, ctx: CsvImportContext): Promise<CsvImportResult> {
  return placeRows(readTable(table, ctx), ctx);
}

/** The rows read and checked on their own, before any text is needed. */
interface RowsRead {
  problems: CsvProblem[];
  drafts: Draft[];
  /** Data rows that parsed (blank ones left out). */
  rows: number;
}

function readTable(table: CsvTable, ctx: CsvImportContext): RowsRead | CsvImportResult {
  if (table.header.length === 0) return failed(table.problems);
  const problems: CsvProblem[] = [...table.problems];
  const env = rowEnv(table.header, problems, ctx);
  if (!env) return failed(problems);
  const drafts: Draft[] = [];
  for (const { row, cells } of table.records) {
    const draft = readRow(row, cells, env, problems);
    if (draft) drafts.push(draft);
  }
  return { problems, drafts, rows: table.records.length };
}

/**
 * `readTable(parseAnnotationsCsv(text))` without the table: each record is
 * checked as `forEachCsvRecord` reads it, in its reused array. Null, for
 * `readTable` to do it all again, when the file has something only that
 * path reports as it always has: a problem papaparse finds, a row of the
 * wrong length, an empty or faulty header (whose problems are listed with
 * the other rows' parse problems).
 */
function readRowsDirect(body: string, ctx: CsvImportContext): RowsRead | null {
  if (body === '') return null;
  const problems: CsvProblem[] = [];
  const drafts: Draft[] = [];
  const read = { env: null as RowEnv | null, width: 0, rows: 0 };
  const complete = forEachCsvRecord(body, (cells, row) => {
    const env = read.env;
    if (env === null) {
      const header = headerNames(cells);
      if (header.every((h) => h === '')) return false;
      read.width = header.length;
      read.env = rowEnv(header, problems, ctx);
      return read.env !== null;
    }
    if (isBlank(cells[0]!) && cells.every(isBlank)) return true;
    if (cells.length !== read.width) return false;
    read.rows += 1;
    const draft = readRow(row, cells, env, problems);
    if (draft) drafts.push(draft);
    return true;
  });
  return complete ? { problems, drafts, rows: read.rows } : null;
}

/** The header's checks; null when they found problems (added to `problems`). */
function rowEnv(header: readonly string[], problems: CsvProblem[], ctx: CsvImportContext): RowEnv | null {
  const col = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') return;
    if (col.has(name)) problems.push({ row: 1, column: name, message: `column "${name}" appears twice` });
    else col.set(name, i);
  });
  const other = otherDelimiter(header);
  if (other) {
    problems.push({ row: 1, message: `this file uses ${other} between fields; export it with commas` });
    return null;
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!col.has(name))
      problems.push({ row: 1, column: name, message: `required column "${name}" is missing` });
  }
  if (!DOCUMENT_KEY_COLUMNS.some((name) => col.has(name))) {
    problems.push({
      row: 1,
      message: 'a "document_path" or a "content_sha256" column is required to find the documents',
    });
  }
  if (problems.some((p) => p.row === 1)) return null;

  const env: RowEnv = {
    col,
    tags: new Map(ctx.codebook.tags.map((t) => [t.id, t])),
    codebook: ctx.codebook,
    bySha: new Map(),
    byPath: new Map(),
    attrColumns: [...col.entries()]
      .filter(([name]) => name.startsWith(ATTRIBUTE_COLUMN_PREFIX))
      .map(([name, index]) => ({ name, index, id: name.slice(ATTRIBUTE_COLUMN_PREFIX.length) })),
    valueIds: new Map(),
    seenIds: new FirstOccurrences(),
    annotators: [],
    lastDocument: null,
    now: ctx.now,
    at: Object.fromEntries(ANNOTATION_COLUMNS.map((name) => [name, col.get(name) ?? -1])) as ColumnAt,
    row: 0,
    report: (column, message) => {
      problems.push(column === undefined ? { row: env.row, message } : { row: env.row, column, message });
    },
  };
  for (const d of ctx.documents) {
    env.byPath.set(d.path, d);
    if (d.sha256 === null) continue;
    const same = env.bySha.get(d.sha256);
    if (same) same.push(d);
    else env.bySha.set(d.sha256, [d]);
  }
  return env;
}

/**
 * The rows' places in their documents' current texts, then the records:
 * all of them, or every problem found.
 */
async function placeRows(read: RowsRead | CsvImportResult, ctx: CsvImportContext): Promise<CsvImportResult> {
  if ('ok' in read) return read;
  const { problems, drafts } = read;
  // Place each row in its document's current text: one text and one index per document.
  let reanchored = 0;
  const byDoc = new Map<string, Draft[]>();
  for (const d of drafts) {
    const list = byDoc.get(d.doc.path);
    if (list) list.push(d);
    else byDoc.set(d.doc.path, [d]);
  }
  const indexes = new Map<string, CodePointIndex>();
  for (const [path, docDrafts] of byDoc) {
    let text: string;
    try {
      text = await ctx.getText(path);
    } catch (error) {
      const reason = errorMessage(error);
      problems.push({
        row: docDrafts[0]!.row,
        column: 'document_path',
        message: `document "${path}" cannot be read: ${reason}`,
      });
      continue;
    }
    const index = codePointIndex(text);
    indexes.set(path, index);
    const stale: Draft[] = [];
    for (const d of docDrafts) {
      if (d.rowSha !== null && d.rowSha !== d.doc.sha256) {
        stale.push(d); // the text changed since the row was written: re-anchor
        continue;
      }
      // Same text as the row's (or unknown): the quote must be at its offsets,
      // except that a row without a hash may be from an older text too.
      const problem = spanProblem(index, d);
      if (!problem) place(d, d.start, d.end);
      else if (d.rowSha === null && problem.field === 'quote') stale.push(d);
      else problems.push({ row: d.row, column: problem.field, message: problem.message });
    }
    if (stale.length === 0) continue;
    const result = reanchorAnnotations(
      stale.map((d, i) => provisional(d, i)),
      text,
      stale[0]!.doc.sha256,
    );
    result.annotations.forEach((a, i) => {
      const d = stale[i]!;
      if (result.outcomes[i] === 'orphaned') {
        const why =
          d.rowSha === null
            ? `is not at ${d.start}..${d.end} nor anywhere else in "${path}"`
            : `is not in the current text of "${path}", which changed since the file was written`;
        problems.push({
          row: d.row,
          column: 'quote',
          message: `the quote cannot be placed: ${show(d.quote)} ${why}`,
        });
      } else {
        place(d, a.start, a.end);
        reanchored += 1;
      }
    });
  }
  for (const d of drafts) {
    const index = indexes.get(d.doc.path);
    if (!index || d.placedStart < 0) continue;
    checkBoundary(index, d.row, 'start', d.placedStart, problems);
    checkBoundary(index, d.row, 'end', d.placedEnd, problems);
  }
  if (problems.length > 0) return failed(problems);

  const annotations: Annotation[] = [];
  // The ids planned so far. A file's own ids are already unique (`seenIds`): the set, and a hash
  // of every id, is needed only once an id is made (natural or re-keyed), which may equal any.
  const planned: string[] = [];
  let newIds: Set<string> | null = null;
  const existingIds = ctx.existing?.ids?.size ? ctx.existing.ids : undefined;
  let duplicates = 0;
  let rekeyed = 0;
  let updates = 0;
  for (const d of drafts) {
    const start = d.placedStart;
    const end = d.placedEnd;
    const key =
      d.id === null ? { documentPath: d.doc.path, annotator: d.annotator, tag: d.tag, start, end } : null;
    let id = d.id ?? naturalAnnotationId(key!);
    const holder = ctx.existing?.annotators?.get(id);
    const rekey = (d.id !== null && !isUuid(d.id)) || (holder !== undefined && holder !== d.annotator);
    if (rekey) id = rekeyedAnnotationId(d.annotator, d.id!);
    if (newIds === null && (rekey || d.id === null)) newIds = new Set(planned);
    const stored = ctx.existing?.updatedAt?.get(id);
    // Only the same annotation edited later here than there is "already there"; edited later there, it is an update.
    const update =
      !rekey &&
      stored !== undefined &&
      holder === d.annotator &&
      Date.parse(d.updatedAt) > Date.parse(stored);
    if (
      newIds?.has(id) ||
      (!update && existingIds?.has(id)) ||
      (key !== null && ctx.existing?.naturalKeys?.has(naturalKey(key)))
    ) {
      duplicates += 1;
      continue;
    }
    if (newIds) newIds.add(id);
    else planned.push(id);
    if (rekey) rekeyed += 1;
    if (update) updates += 1;
    const { quote, prefix, suffix } = describeSpan(indexes.get(d.doc.path)!, start, end);
    // Built in the schema's key order, and checked without another copy.
    const record: Annotation = {
      id,
      documentPath: d.doc.path,
      contentSha256: d.doc.sha256,
      annotator: d.annotator,
      tag: d.tag,
      start,
      end,
      quote,
      prefix,
      suffix,
      attributes: d.attributes,
      note: d.note,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    };
    const checked = parseBuiltAnnotation(record);
    if (checked.success) annotations.push(checked.data);
    else
      for (const issue of checked.issues)
        problems.push({ row: d.row, message: describeIssue(issue, { path: 'dotted', root: '' }) });
  }
  if (problems.length > 0) return failed(problems);

  const tagCounts: Record<string, number> = {};
  for (const d of drafts) tagCounts[d.tag] = (tagCounts[d.tag] ?? 0) + 1;
  const preview: CsvImportPreview = {
    rows: read.rows,
    annotators: [...new Set(drafts.map((d) => d.annotator))].sort(),
    documents: [...byDoc.keys()].sort(),
    tags: tagCounts,
  };
  return { ok: true, plan: { annotations, updates, preview, duplicates, reanchored, rekeyed } };
}

function checkBoundary(
  index: CodePointIndex,
  row: number,
  column: 'start' | 'end',
  at: number,
  problems: CsvProblem[],
): void {
  if (isGraphemeBoundary(index.text, index.toUtf16(at))) return;
  problems.push({
    row,
    column,
    message: `${column} ${at} splits a character (a grapheme cluster such as a flag or a letter with its accent); a span must start and end between characters`,
  });
}

interface RowEnv {
  col: Map<string, number>;
  tags: Map<string, Tag>;
  codebook: Codebook;
  bySha: Map<string, CsvImportDocument[]>;
  byPath: Map<string, CsvImportDocument>;
  attrColumns: { name: string; index: number; id: string }[];
  /** Value ids per choice attribute, built on first use. */
  valueIds: Map<Attribute, Set<string>>;
  /** The previous row's document cells and what they named, when that was a readable document. */
  lastDocument: { shaRaw: string; path: string; rowSha: string | null; doc: CsvImportDocument } | null;
  /** annotation_id → the row it was first seen on. */
  seenIds: FirstOccurrences;
  /** The distinct annotator names read so far (a few): every row's draft shares one string per name. */
  annotators: string[];
  now: string;
  /** The cell index of each export column (-1: the file has no such column). */
  at: ColumnAt;
  /** The row being read, for `report`. */
  row: number;
  /** Adds a problem of the row being read to the import's list. */
  report: Report;
}

type ColumnAt = Record<AnnotationColumn, number>;

function cellOf(cells: readonly string[], i: number): string {
  return i < 0 ? '' : unguardCell(cells[i] ?? '');
}

/** No character at or above U+0300: every one is NFC-stable and none combines, so the text is already NFC. */
function belowCombiningMarks(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x300) return false;
  return true;
}

/** Check one row on its own (no text needed yet); null when it has problems, which are added to `problems`. */
function readRow(row: number, cells: readonly string[], env: RowEnv, problems: CsvProblem[]): Draft | null {
  const before = problems.length;
  // One reporter for every row (env.report) and cells read by index (env.at): closures made per
  // row were a tenth of a 100,000-row import, in their allocation and collection.
  env.row = row;
  const report = env.report;
  const at = env.at;

  const idCell = cellOf(cells, at.annotation_id).trim();
  let id: string | null = null;
  if (idCell !== '') {
    // An id that is not a UUID (another tool's) is kept as the name of a new one (re-keyed below).
    if (idCell.length > 200)
      report('annotation_id', `annotation_id is ${idCell.length} characters long; at most 200 are allowed`);
    else {
      const seen = env.seenIds.firstOrAdd(idCell, row);
      if (seen !== undefined) report('annotation_id', `annotation ${idCell} is also on row ${seen}`);
    }
    id = idCell;
  }
  const annotator = sharedName(env.annotators, cellOf(cells, at.annotator).trim());
  const annotatorIssue = annotatorProblem(annotator);
  if (annotatorIssue) report('annotator', annotatorIssue);
  const tagId = cellOf(cells, at.tag).trim();
  const tag = env.tags.get(tagId);
  if (!tag) report('tag', unknownTagMessage(tagId, env.codebook));
  const start = wholeNumber(cellOf(cells, at.start), 'start', report);
  const end = wholeNumber(cellOf(cells, at.end), 'end', report);
  if (start !== null && end !== null && end <= start)
    report('end', `end ${end} must be greater than start ${start}`);
  // Tanda's texts are NFC; a spreadsheet or a Mac may have written the quote decomposed (NFD).
  const quoteCell = cellOf(cells, at.quote);
  const quote = belowCombiningMarks(quoteCell) ? quoteCell : quoteCell.normalize('NFC');
  if (quote === '') report('quote', 'quote is empty');

  const shaRaw = cellOf(cells, at.content_sha256).trim();
  const path = cellOf(cells, at.document_path);
  const last = env.lastDocument;
  let rowSha: string | null;
  let doc: CsvImportDocument | undefined;
  if (last !== null && shaRaw === last.shaRaw && path === last.path) {
    // Rows come grouped by document: the previous row's answer, and its hash string, which all
    // its drafts then share (a lower-cased copy per row was 14 MB at 100,000 rows).
    rowSha = last.rowSha;
    doc = last.doc;
  } else {
    const shaCell = shaRaw.toLowerCase();
    rowSha = shaCell === '' ? null : shaCell;
    const badSha = rowSha !== null && !SHA256.test(rowSha);
    if (badSha) report('content_sha256', `"${shaCell}" is not a SHA-256 (64 hex digits)`);
    doc =
      (rowSha === null ? undefined : pick(env.bySha.get(rowSha), path)) ??
      (path === '' ? undefined : env.byPath.get(path));
    if (!doc) {
      const named = [path && `path "${path}"`, rowSha && `content_sha256 ${rowSha}`]
        .filter(Boolean)
        .join(' or ');
      report(path ? 'document_path' : 'content_sha256', unknownDocumentMessage(named));
    } else if (doc.sha256 === null) {
      report('document_path', `document "${doc.path}" cannot be read${doc.reason ? ` (${doc.reason})` : ''}`);
    }
    env.lastDocument = !badSha && doc && doc.sha256 !== null ? { shaRaw, path, rowSha, doc } : null;
  }

  const attributes: AttributeValues = {};
  for (const { name, index, id: attributeId } of env.attrColumns) {
    const value = unguardCell(cells[index] ?? '');
    if (value === '' || !tag) continue;
    const attribute = tag.attributes.find((a) => a.id === attributeId);
    if (!attribute) {
      report(name, unknownAttributeMessage(tag, attributeId));
      continue;
    }
    const parsed = attributeValue(attribute, value, tag, env.valueIds);
    if (typeof parsed === 'object' && 'problem' in parsed) report(name, parsed.problem);
    else attributes[attribute.id] = parsed;
  }

  const createdCell = cellOf(cells, at.created_at);
  const updatedCell = cellOf(cells, at.updated_at);
  const createdAt = timestamp(createdCell, 'created_at', env.now, report);
  // Most rows were never edited after they were made: the same cell, checked once.
  const updatedAt =
    updatedCell === createdCell && createdAt !== null && createdCell.trim() !== ''
      ? createdAt
      : timestamp(updatedCell, 'updated_at', createdAt ?? env.now, report);
  if (problems.length > before) return null;
  return {
    row,
    id,
    doc: doc as Draft['doc'],
    rowSha,
    annotator,
    tag: tag!.id, // the codebook's string, one for every row of the tag
    start: start!,
    end: end!,
    quote,
    // Only a row that may be re-anchored (no hash, or another text's) needs its context: the
    // others are checked at their offsets, and 200,000 strings fewer outlive the read.
    prefix: rowSha === doc!.sha256 ? '' : cellOf(cells, at.prefix),
    suffix: rowSha === doc!.sha256 ? '' : cellOf(cells, at.suffix),
    note: cellOf(cells, at.note),
    createdAt: createdAt!,
    updatedAt: updatedAt!,
    attributes,
    placedStart: -1,
    placedEnd: -1,
  };
}

/** How many distinct annotator names `sharedName` keeps (a file usually has a handful). */
const SHARED_NAMES = 16;

/** The string already read for `name`, if any: a draft per row then holds no copy of its own. */
function sharedName(names: string[], name: string): string {
  for (const known of names) if (known === name) return known;
  if (names.length < SHARED_NAMES) names.push(name);
  return name;
}

function place(d: Draft, start: number, end: number): void {
  d.placedStart = start;
  d.placedEnd = end;
}

/** `;` or tab when the header is one cell holding the required columns joined by it (a European Excel export). */
function otherDelimiter(header: readonly string[]): string | null {
  if (header.length !== 1) return null;
  const [only] = header as [string];
  for (const [char, name] of [
    [';', '`;`'],
    ['\t', 'tabs'],
    ['|', '`|`'],
  ] as const) {
    const cells = only.split(char).map((c) => c.trim());
    if (cells.length > 1 && REQUIRED_COLUMNS.some((c) => cells.includes(c))) return name;
  }
  return null;
}

/** Among documents with the row's hash, the one at the row's path, else the first by path. */
function pick(docs: CsvImportDocument[] | undefined, path: string): CsvImportDocument | undefined {
  return docs?.find((d) => d.path === path) ?? docs?.[0];
}

function provisional(d: Draft, i: number): Annotation {
  return {
    id: String(i),
    documentPath: d.doc.path,
    contentSha256: d.rowSha ?? NO_SHA,
    annotator: d.annotator,
    tag: d.tag,
    start: d.start,
    end: d.end,
    quote: d.quote,
    prefix: d.prefix,
    suffix: d.suffix,
    attributes: {},
    note: '',
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

type Report = (column: string | undefined, message: string) => void;

function wholeNumber(cell: string, column: string, report: Report): number | null {
  const s = cell.trim();
  if (s === '') report(column, `${column} is empty`);
  else if (!/^\d+$/.test(s)) report(column, `${column} must be a whole number ≥ 0, not "${s}"`);
  else if (!Number.isSafeInteger(Number(s))) report(column, `${column} ${s} is too large`);
  else return Number(s);
  return null;
}

function timestamp(cell: string, column: string, fallback: string, report: Report): string | null {
  if (cell.trim() === '') return fallback;
  const iso = parseTimestamp(cell);
  if (iso === null) report(column, timestampMessage(cell));
  return iso;
}

/** A cell of an `attr:` column as the attribute's kind stores it: value ids for choices. */
function attributeValue(
  attribute: Attribute,
  value: string,
  tag: Tag,
  cache: Map<Attribute, Set<string>>,
): string | string[] | { problem: string } {
  if (attribute.kind === 'text') return value;
  let known = cache.get(attribute);
  if (!known) cache.set(attribute, (known = new Set(attribute.values.map((v) => v.id))));
  const ids =
    attribute.kind === 'multiple'
      ? value
          .split(';')
          .map((v) => v.trim())
          .filter((v) => v !== '')
      : [value.trim()];
  const unknown = ids.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    return { problem: unknownValuesMessage(attribute, tag, unknown) };
  }
  return attribute.kind === 'multiple' ? ids : ids[0]!;
}

function failed(problems: CsvProblem[]): CsvImportResult {
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.row - b.p.row || a.i - b.i)
    .map(({ p }) => p);
  if (sorted.length <= MAX_PROBLEMS) return { ok: false, problems: sorted };
  const more = sorted.length - MAX_PROBLEMS;
  return {
    ok: false,
    problems: [
      ...sorted.slice(0, MAX_PROBLEMS),
      { row: 0, message: `… and ${more} more problem${more === 1 ? '' : 's'}` },
    ],
  };
}
