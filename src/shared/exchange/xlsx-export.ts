import ExcelJS from 'exceljs';
import type { Codebook } from '../codebook/codebook';
import {
  forEachAnnotationRow,
  tagMatrix,
  type ExportAnnotationsInput,
  type ExportTagMatrixInput,
} from './csv-export';
import { ANNOTATION_COLUMNS } from './csv-format';

/*
 * The Excel workbook (`.xlsx`), written with exceljs: what the CSV holds,
 * in a file spreadsheets open without an import dialog. Sheets:
 *  - *Annotations*: exactly the CSV's columns and rows; `start`/`end` are
 *    numbers, every other cell is a text cell (a shared string, in a column
 *    formatted `@`), so nothing is evaluated or converted — `2025-10-09`
 *    stays text, `0012345` keeps its zeros, `=SUM(A1)` is text. No formula
 *    guard is needed, so, unlike the CSV's, cells are written as stored.
 *  - *Documents × tags*: the matrix, counts as numbers.
 *  - *Codebook*: one row per attribute value (or per attribute, or per tag).
 * Each sheet has a frozen header row and an autofilter; notes wrap.
 */

export const XLSX_SHEETS = {
  annotations: 'Annotations',
  matrix: 'Documents × tags',
  codebook: 'Codebook',
} as const;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Columns holding offsets: the only numbers of the annotations sheet. */
const NUMBER_COLUMNS = new Set(['start', 'end']);
const NUMBER_AT = new Set(ANNOTATION_COLUMNS.flatMap((c, i) => (NUMBER_COLUMNS.has(c) ? [i] : [])));
const WRAPPED_COLUMNS = new Set(['note', 'quote', 'prefix', 'suffix']);
/** Widths in characters: wide enough to read, narrow enough to scan. */
const WIDTHS: Record<string, number> = {
  annotation_id: 38,
  document_id: 18,
  document_path: 40,
  document_title: 40,
  content_sha256: 20,
  annotator: 14,
  tag: 18,
  tag_label: 18,
  start: 8,
  end: 8,
  quote: 50,
  prefix: 24,
  suffix: 24,
  note: 50,
  created_at: 25,
  updated_at: 25,
};

export interface WorkbookInput extends Omit<ExportAnnotationsInput, 'bom'> {
  /** The matrix's documents (every document in scope). */
  matrixDocuments: ExportTagMatrixInput['documents'];
}

/** The workbook's bytes. */
export async function exportWorkbook(input: WorkbookInput, now = new Date()): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tanda';
  workbook.created = now;
  workbook.modified = now;

  const rows: (string | number)[][] = [];
  const header = forEachAnnotationRow(input, (cells) =>
    rows.push(cells.map((cell, i) => (NUMBER_AT.has(i) ? Number(cell) : cell))),
  );
  addSheet(workbook, XLSX_SHEETS.annotations, header, rows, (name) => ({
    width: WIDTHS[name] ?? 18,
    text: !NUMBER_COLUMNS.has(name),
    wrap: WRAPPED_COLUMNS.has(name),
  }));

  const matrix = tagMatrix({
    annotations: input.annotations,
    documents: input.matrixDocuments,
    codebook: input.codebook,
  });
  addSheet(workbook, XLSX_SHEETS.matrix, matrix.header, matrix.rows, (name, i) => ({
    width: i < 3 ? (WIDTHS[name] ?? 18) : Math.max(8, name.length + 2),
    text: i < 3,
    wrap: false,
  }));

  const book = codebookRows(input.codebook);
  addSheet(workbook, XLSX_SHEETS.codebook, book.header, book.rows, (name) => ({
    width: name === 'description' ? 50 : 20,
    text: true,
    wrap: name === 'description',
  }));

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  column: (name: string, index: number) => { width: number; text: boolean; wrap: boolean },
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h, i) => {
    const c = column(h, i);
    return {
      header: h,
      width: c.width,
      style: {
        ...(c.text ? { numFmt: '@' } : {}),
        alignment: { vertical: 'top', ...(c.wrap ? { wrapText: true } : {}) },
      },
    };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  if (header.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
}

function codebookRows(codebook: Codebook): { header: string[]; rows: string[][] } {
  const header = [
    'tag',
    'tag_label',
    'color',
    'shortcut',
    'retired',
    'description',
    'attribute',
    'attribute_label',
    'attribute_kind',
    'value',
    'value_label',
    'value_retired',
  ];
  const rows: string[][] = [];
  for (const t of codebook.tags) {
    const tag = [t.id, t.label, t.color, t.shortcut ?? '', String(t.retired), t.description];
    if (t.attributes.length === 0) rows.push([...tag, '', '', '', '', '', '']);
    for (const a of t.attributes) {
      const attribute = [a.id, a.label, a.kind];
      if (a.values.length === 0) rows.push([...tag, ...attribute, '', '', '']);
      for (const v of a.values) rows.push([...tag, ...attribute, v.id, v.label, String(v.retired === true)]);
    }
  }
  return { header, rows };
}
