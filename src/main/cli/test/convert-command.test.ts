import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import { exportAnnotationsCsv } from '../../../shared/exchange/csv-export';
import { parseBundleJson } from '../../../shared/exchange/bundle';
import { readQdc } from '../../../shared/exchange/qdc';
import { spanAnnotation } from '../../../shared/exchange/test/span-annotation';
import { makeTempCorpus, type TempCorpus } from '../../services/test/temp-corpus';
import { runTanda } from './run-tanda';

const TEXTS: Record<string, string> = {
  'vn/ha-noi.txt': 'Việt Nam, Hà Nội: Tô Lâm tiếp đoàn Trung Quốc.\nHai bên nhất trí "hợp tác" 😀 đường sắt.',
  'id/jakarta.md': 'Jakarta — Kedua negara sepakat memperkuat kerja sama perdagangan.',
};
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function annotation(docPath: string, part: string, id: string, over: Partial<Annotation> = {}): Annotation {
  const text = TEXTS[docPath]!;
  return spanAnnotation(text, part, {
    id,
    documentPath: docPath,
    contentSha256: sha(text),
    annotator: 'Ayu',
    createdAt: '2025-01-02T03:04:05.006Z',
    updatedAt: '2025-01-03T03:04:05.006Z',
    ...over,
  });
}
const ANNOTATIONS = [
  annotation('vn/ha-noi.txt', 'Việt Nam, Hà Nội', 'a0000000-0000-4000-8000-000000000001', {
    attributes: { actor: 'vietnam', strength: 'firm' },
    note: '2025-10-09\n=1, "two"',
  }),
  annotation('vn/ha-noi.txt', '"hợp tác" 😀', 'a0000000-0000-4000-8000-000000000002', {
    tag: 'cooperation_area',
    annotator: 'Nguyễn',
    attributes: { sector: ['rail', 'trade'] },
  }),
  annotation('id/jakarta.md', 'kerja sama perdagangan', 'a0000000-0000-4000-8000-000000000003', {
    tag: 'dispute',
  }),
];

const folders: TempCorpus[] = [];
afterAll(() => Promise.all(folders.map((f) => f.remove())));
async function setup(): Promise<{ corpus: string; file(name: string): string }> {
  const corpus = await makeTempCorpus(TEXTS);
  const files = await makeTempCorpus();
  folders.push(corpus, files);
  const input = path.join(files.root, 'input.csv');
  await writeFile(
    input,
    exportAnnotationsCsv({ annotations: ANNOTATIONS, documents: new Map(), codebook: builtinCodebook() }),
  );
  return { corpus: corpus.root, file: (name) => path.join(files.root, name) };
}

describe('tanda convert', () => {
  it('csv → qdpx → csv gives back the same rows', async () => {
    const { corpus, file } = await setup();
    const direct = await runTanda(
      'convert',
      '--corpus',
      corpus,
      file('input.csv'),
      '--to',
      'csv',
      '--out',
      file('direct.csv'),
    );
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(0);
    const there = await runTanda(
      'convert',
      '--corpus',
      corpus,
      file('input.csv'),
      '--to',
      'qdpx',
      '--out',
      file('p.qdpx'),
    );
    expect([there.code, there.stdout]).toEqual([0, `${file('p.qdpx')}: 3 annotation(s) as qdpx\n`]);
    const back = await runTanda(
      'convert',
      '--corpus',
      corpus,
      file('p.qdpx'),
      '--to',
      'csv',
      '--out',
      file('back.csv'),
    );
    expect(back.stderr).toBe('');
    expect(await readFile(file('back.csv'), 'utf8')).toBe(await readFile(file('direct.csv'), 'utf8'));
  }, 60_000);

  it('writes a workbook, a bundle, W3C and a codebook', async () => {
    const { corpus, file } = await setup();
    for (const [to, out] of [
      ['xlsx', 'a.xlsx'],
      ['bundle', 'b.json'],
      ['w3c', 'c.jsonld'],
      ['qdc', 'd.qdc'],
    ] as const) {
      const run = await runTanda(
        'convert',
        '--corpus',
        corpus,
        file('input.csv'),
        '--to',
        to,
        '--out',
        file(out),
      );
      expect([run.code, run.stderr]).toEqual([0, '']);
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file('a.xlsx'));
    const sheet = book.getWorksheet('Annotations')!;
    expect(sheet.getRow(1).getCell(14).value).toBe('note');
    const notes = sheet.getColumn(14).values;
    expect(notes).toContain('2025-10-09\n=1, "two"');
    expect(parseBundleJson(await readFile(file('b.json'), 'utf8')).annotations).toHaveLength(3);
    expect(JSON.parse(await readFile(file('c.jsonld'), 'utf8')).total).toBe(3);
    expect(readQdc(await readFile(file('d.qdc'), 'utf8')).map((c) => c.name)).toEqual([
      'Commitment',
      'Dispute',
      'Cooperation area',
    ]);
  }, 60_000);

  it('refuses a bad input with its problems by place, exit 1, writing nothing', async () => {
    const { corpus, file } = await setup();
    const csv = (await readFile(file('input.csv'), 'utf8')).replace(',commitment,', ',no_such_tag,');
    await writeFile(file('bad.csv'), csv);
    const bad = await runTanda(
      'convert',
      '--corpus',
      corpus,
      file('bad.csv'),
      '--to',
      'qdpx',
      '--out',
      file('x.qdpx'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.csv: row \d, column tag: .*no_such_tag/);
    expect(bad.stderr).toMatch(/rejected, nothing written\n$/);
    await writeFile(file('bad.qdpx'), 'not a zip');
    const notZip = await runTanda(
      'convert',
      '--corpus',
      corpus,
      file('bad.qdpx'),
      '--to',
      'csv',
      '--out',
      file('x.csv'),
    );
    expect(notZip.code).toBe(1);
    expect(notZip.stderr).toMatch(/bad\.qdpx: not a REFI-QDA project: the file is not a zip archive/);
    await expect(readFile(file('x.csv'))).rejects.toThrow();
    const usage = await runTanda(
      'convert',
      '--corpus',
      corpus,
      file('input.csv'),
      '--to',
      'pdf',
      '--out',
      file('x'),
    );
    expect(usage.code).toBe(2);
  }, 60_000);
});
