import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportAnnotationsCsv } from '../csv-export';
import { unguardCell } from '../csv-format';
import { parseAnnotationsCsv } from '../csv-read';
import { XLSX_SHEETS, exportWorkbook } from '../xlsx-export';
import { ANNOTATIONS, CODEBOOK, DOCS } from './qda-fixtures';

const documents = new Map(DOCS.map((d) => [d.path, { title: d.title }]));

async function workbook(): Promise<ExcelJS.Workbook> {
  const bytes = await exportWorkbook(
    { annotations: ANNOTATIONS, documents, codebook: CODEBOOK, matrixDocuments: DOCS },
    new Date('2026-12-01T00:00:00Z'),
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book;
}

function values(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).value ?? '');
    out.push(cells);
  });
  return out;
}

describe('Excel workbook export', () => {
  it('reads back (with exceljs) as the CSV does once its guard is removed: numbers as numbers, all else text', async () => {
    const sheet = (await workbook()).getWorksheet(XLSX_SHEETS.annotations)!;
    const csv = exportAnnotationsCsv({ annotations: ANNOTATIONS, documents, codebook: CODEBOOK, bom: false });
    const table = parseAnnotationsCsv(csv);
    const numeric = new Set(['start', 'end']);
    const expected = [
      table.header,
      ...table.records.map((r) =>
        r.cells.map((cell, c) => (numeric.has(table.header[c]!) ? Number(cell) : unguardCell(cell))),
      ),
    ];
    expect(values(sheet)).toEqual(expected);
  });

  it('keeps date-like, zero-padded and formula-like notes as text', async () => {
    const sheet = (await workbook()).getWorksheet(XLSX_SHEETS.annotations)!;
    const header = values(sheet)[0]!;
    const notes = values(sheet).map((r) => r[header.indexOf('note')]);
    expect(notes).toContain('2025-10-09 and 0012345 stay text');
    expect(notes).toContain('=SUM(A1) is not a formula');
    const start = sheet.getRow(2).getCell(header.indexOf('start') + 1);
    expect(start.type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(2).getCell(header.indexOf('note') + 1).type).toBe(ExcelJS.ValueType.String);
  });

  it('freezes the header row, filters every column and wraps notes', async () => {
    const sheet = (await workbook()).getWorksheet(XLSX_SHEETS.annotations)!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const header = values(sheet)[0]!;
    expect(sheet.getColumn(header.indexOf('note') + 1).alignment?.wrapText).toBe(true);
    expect(sheet.getColumn(header.indexOf('note') + 1).width).toBeGreaterThan(20);
  });

  it('has the document × tag matrix and the codebook', async () => {
    const book = await workbook();
    const matrix = values(book.getWorksheet(XLSX_SHEETS.matrix)!);
    expect(matrix[0]).toEqual([
      'document_id',
      'document_path',
      'document_title',
      'commitment',
      'dispute',
      'cooperation_area',
    ]);
    expect(matrix.find((r) => r[1] === 'news/a.txt')!.slice(3)).toEqual([1, 0, 1]);
    const codebook = values(book.getWorksheet(XLSX_SHEETS.codebook)!);
    expect(codebook.find((r) => r[9] === 'china')!.slice(0, 2)).toEqual(['commitment', 'Commitment']);
  });
});
