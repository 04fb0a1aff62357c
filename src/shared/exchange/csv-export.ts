import type { Annotation, AttributeValues } from '../annotation/annotation-types';
import { type Codebook } from '../codebook/codebook';
import {
  ANNOTATION_COLUMNS,
  CSV_NEWLINE,
  MATRIX_COLUMNS,
  MULTI_VALUE_SEPARATOR,
  attributeColumn,
  documentId,
  formatInteger,
  formatTimestamp,
  csvText,
  formatCsvRecord,
} from './csv-format';

/**
 * Annotations → CSV text, in the format of `csv-format.ts`. Pure: the
 * caller picks the annotations (`filterAnnotations` for the scopes) and
 * writes the string wherever it goes. One pass over the annotations, no
 * work proportional to a document's text.
 */

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads UTF-8. Default true. */
  bom?: boolean;
}

export interface ExportAnnotationsInput extends CsvOptions {
  annotations: readonly Annotation[];
  /** Titles by document path; a document not in it gets an empty title. */
  documents: ReadonlyMap<string, { title: string }>;
  codebook: Codebook;
}

/**
 * One row per annotation, sorted by document path, start, end, annotator,
 * id (code unit order). Multiple-choice attributes are written as their
 * value ids joined with `; ` — ids, not labels, because ids survive a
 * label being renamed and are what an import reads back.
 */
export function exportAnnotationsCsv(input: ExportAnnotationsInput): string {
  // Lines are joined a few hundred at a time: a 100,000-line array kept to the end made the
  // collector copy every line out of the young generation, over half the export's time, where a
  // chunk of a few hundred lines is one large string that is never moved.
  const chunks: string[] = [];
  let lines: string[] = [];
  const header = forEachAnnotationRow(input, (row) => {
    lines.push(formatCsvRecord(row));
    if (lines.length === LINES_PER_CHUNK) {
      chunks.push(lines.join(CSV_NEWLINE));
      lines = [];
    }
  });
  if (lines.length > 0) chunks.push(lines.join(CSV_NEWLINE));
  return csvText([formatCsvRecord(header), ...chunks], input);
}

/** At a few hundred characters a line, a chunk is over V8's large-object size (128 kB). */
const LINES_PER_CHUNK = 500;

/**
 * The cells of the annotations export, unguarded, one call of `onRow` per
 * row in export order; returns the header. The CSV and the workbook
 * (`xlsx-export.ts`) are both written from this, so their columns and
 * values cannot drift apart.
 */
export function forEachAnnotationRow(
  input: ExportAnnotationsInput,
  onRow: (cells: string[]) => void,
): string[] {
  const attributeIds = codebookAttributeIds(input.codebook);
  const tagLabels = new Map(input.codebook.tags.map((t) => [t.id, t.label]));
  const sorted = [...input.annotations].sort(compareForExport);
  // Rows come grouped by document: its id and title are worked out once per group.
  let path: string | null = null;
  let docId = '';
  let title = '';
  for (let r = 0; r < sorted.length; r++) {
    const a = sorted[r]!;
    if (a.documentPath !== path) {
      path = a.documentPath;
      docId = documentId(path);
      title = input.documents.get(path)?.title ?? '';
    }
    const row = [
      a.id,
      docId,
      a.documentPath,
      title,
      a.contentSha256,
      a.annotator,
      a.tag,
      tagLabels.get(a.tag) ?? '',
      formatInteger(a.start),
      formatInteger(a.end),
      a.quote,
      a.prefix,
      a.suffix,
      a.note,
      formatTimestamp(a.createdAt),
      formatTimestamp(a.updatedAt),
    ];
    for (const id of attributeIds) row.push(attributeCell(a.attributes, id));
    onRow(row);
  }
  return [...ANNOTATION_COLUMNS, ...attributeIds.map(attributeColumn)];
}

export interface ExportTagMatrixInput extends CsvOptions {
  annotations: readonly Annotation[];
  /** Every document of the corpus, so documents without annotations get a row of zeros. */
  documents: readonly { path: string; title: string }[];
  codebook: Codebook;
}

/**
 * The document × tag matrix: one row per document (sorted by path), the
 * columns of `MATRIX_COLUMNS`, then one column per tag of the codebook,
 * headed by its id, in codebook order (retired tags included), holding how
 * many of the given annotations have that tag. A document that has
 * annotations but is not listed still gets a row, so no count goes missing.
 */
export function exportTagMatrixCsv(input: ExportTagMatrixInput): string {
  const { header, rows } = tagMatrix(input);
  const lines = [formatCsvRecord(header)];
  for (const row of rows)
    lines.push(formatCsvRecord([...row.slice(0, 3), ...row.slice(3).map(String)] as string[]));
  return csvText(lines, input);
}

/** The matrix's header and rows: document id, path and title, then one count per tag. */
export function tagMatrix(input: Omit<ExportTagMatrixInput, 'bom'>): {
  header: string[];
  rows: [string, string, string, ...number[]][];
} {
  const tagIds = input.codebook.tags.map((t) => t.id);
  const column = new Map(tagIds.map((id, i) => [id, i]));
  const titles = new Map(input.documents.map((d) => [d.path, d.title]));
  const counts = new Map<string, number[]>();
  for (const d of input.documents)
    counts.set(
      d.path,
      tagIds.map(() => 0),
    );
  for (const a of input.annotations) {
    let row = counts.get(a.documentPath);
    if (!row) counts.set(a.documentPath, (row = tagIds.map(() => 0)));
    const i = column.get(a.tag);
    if (i !== undefined) row[i]! += 1;
  }
  const paths = [...counts.keys()].sort(compareStrings);
  return {
    header: [...MATRIX_COLUMNS, ...tagIds],
    rows: paths.map((path) => [documentId(path), path, titles.get(path) ?? '', ...counts.get(path)!]),
  };
}

export interface AnnotationScope {
  /** Document paths to keep; absent keeps every document. */
  documents?: Iterable<string>;
  /** Tag ids to keep; absent keeps every tag. */
  tags?: Iterable<string>;
  /** Annotator names to keep; absent keeps everyone's. */
  annotators?: Iterable<string>;
}

/**
 * The export scopes: the current document is `{ documents: [path] }`, the
 * whole corpus `{}`, the current filter its tags, annotators and documents.
 */
export function filterAnnotations(annotations: readonly Annotation[], scope: AnnotationScope): Annotation[] {
  const docs = scope.documents === undefined ? null : new Set(scope.documents);
  const tags = scope.tags === undefined ? null : new Set(scope.tags);
  const annotators = scope.annotators === undefined ? null : new Set(scope.annotators);
  return annotations.filter(
    (a) =>
      (docs === null || docs.has(a.documentPath)) &&
      (tags === null || tags.has(a.tag)) &&
      (annotators === null || annotators.has(a.annotator)),
  );
}

/**
 * Attribute ids of the whole codebook, in order of first appearance
 * (tag by tag), each once: an id two tags share is one column.
 */
export function codebookAttributeIds(codebook: Codebook): string[] {
  const ids = new Set<string>();
  for (const tag of codebook.tags) for (const attribute of tag.attributes) ids.add(attribute.id);
  return [...ids];
}

function attributeCell(values: AttributeValues, id: string): string {
  const value = values[id];
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(MULTI_VALUE_SEPARATOR) : value;
}

function compareForExport(a: Annotation, b: Annotation): number {
  return (
    compareStrings(a.documentPath, b.documentPath) ||
    a.start - b.start ||
    a.end - b.end ||
    compareStrings(a.annotator, b.annotator) ||
    compareStrings(a.id, b.id)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
