import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAnnotationsCsv, exportTagMatrixCsv } from '../csv-export';
import { unguardCell } from '../csv-format';
import { parseAnnotationsCsv } from '../csv-read';
import { XLSX_SHEETS, exportWorkbook } from '../xlsx-export';
import { ANNOTATIONS, CODEBOOK, DOCS } from './qda-fixtures';

/*
 * The workbook as the analysts' other tool reads it: Python's pandas
 * (`read_excel`, openpyxl) must give the values of the CSV once its formula
 * guard is removed, numbers as numbers and every other cell as the same text.
 * CI installs pandas and openpyxl (.ci/run); there, a missing one fails.
 */

const documents = new Map(DOCS.map((d) => [d.path, { title: d.title }]));
const NUMERIC = new Set(['start', 'end']);

/** The first Python that has both pandas and openpyxl (pyenv's python3 may lack what Debian's has). */
function findPython(): string | null {
  const candidates = [process.env['TANDA_PYTHON'], 'python3', '/usr/bin/python3'].filter(
    (c): c is string => !!c,
  );
  return candidates.find((c) => spawnSync(c, ['-c', 'import pandas, openpyxl']).status === 0) ?? null;
}

const READ_BACK = `
import json, sys
import pandas as pd
sheets = pd.read_excel(sys.argv[1], sheet_name=None, engine="openpyxl", keep_default_na=False)
out = {name: {"columns": [str(c) for c in df.columns], "rows": df.astype(object).values.tolist()}
       for name, df in sheets.items()}
print(json.dumps(out, ensure_ascii=False, default=lambda v: v.item()))
`;

type Sheets = Record<string, { columns: string[]; rows: unknown[][] }>;

describe('Excel workbook read back by pandas', () => {
  const python = findPython();

  it('gives the CSV values (guard removed) on Annotations, and the matrix counts as numbers', async (ctx) => {
    if (!python) {
      if (process.env['CI'])
        throw new Error('python3 with pandas and openpyxl is missing in CI (.ci/run installs them)');
      ctx.skip(
        'python3 with pandas and openpyxl not installed (apt-get install python3-pandas python3-openpyxl)',
      );
    }
    const bytes = await exportWorkbook(
      { annotations: ANNOTATIONS, documents, codebook: CODEBOOK, matrixDocuments: DOCS },
      new Date('2026-12-01T00:00:00Z'),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tanda-xlsx-'));
    let sheets: Sheets;
    try {
      writeFileSync(path.join(dir, 'export.xlsx'), bytes);
      sheets = JSON.parse(
        execFileSync(python!, ['-c', READ_BACK, path.join(dir, 'export.xlsx')], { encoding: 'utf8' }),
      ) as Sheets;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const csv = parseAnnotationsCsv(
      exportAnnotationsCsv({ annotations: ANNOTATIONS, documents, codebook: CODEBOOK, bom: false }),
    );
    expect(sheets[XLSX_SHEETS.annotations]).toEqual({
      columns: csv.header,
      rows: csv.records.map((r) =>
        r.cells.map((cell, c) => (NUMERIC.has(csv.header[c]!) ? Number(cell) : unguardCell(cell))),
      ),
    });
    // The guarded note is the case the guard exists for: pandas sees the text, not a formula.
    expect(sheets[XLSX_SHEETS.annotations]!.rows.flat()).toContain('=SUM(A1) is not a formula');

    // Any CSV of the export's dialect splits the same way; the matrix is one.
    const matrixCsv = parseAnnotationsCsv(
      exportTagMatrixCsv({ annotations: ANNOTATIONS, documents: DOCS, codebook: CODEBOOK, bom: false }),
    );
    expect(sheets[XLSX_SHEETS.matrix]).toEqual({
      columns: matrixCsv.header,
      rows: matrixCsv.records.map(({ cells }) => [
        ...cells.slice(0, 3).map(unguardCell),
        ...cells.slice(3).map(Number),
      ]),
    });
  });
});
