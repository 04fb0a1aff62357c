import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import { addTag, codebookToJson } from '../../../shared/codebook/codebook';
import { exportAnnotationsCsv } from '../../../shared/exchange/csv-export';
import { describeSpan } from '../../../shared/text/text-quote';
import { makeTempCorpus, type TempCorpus } from '../../services/test/temp-corpus';
import { runTanda } from './run-tanda';

const tanda = runTanda;

const TEXTS: Record<string, string> = {
  'vn/ha-noi.txt':
    'Việt Nam, Hà Nội: Tổng Bí thư Tô Lâm tiếp đoàn Trung Quốc.\nHai bên nhất trí "hợp tác" 😀 đường sắt.',
  'id/jakarta.md': 'Jakarta — Kedua negara sepakat memperkuat kerja sama perdagangan.',
};
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function annotation(docPath: string, part: string, overrides: Partial<Annotation> = {}): Annotation {
  const text = TEXTS[docPath]!;
  const start = [...text.slice(0, text.indexOf(part))].length;
  const end = start + [...part].length;
  return {
    id: randomUUID(),
    documentPath: docPath,
    contentSha256: sha(text),
    annotator: 'Ayu',
    tag: 'commitment',
    start,
    end,
    ...describeSpan(text, start, end),
    attributes: {},
    note: '',
    createdAt: '2025-01-02T03:04:05.006Z',
    updatedAt: '2025-01-02T03:04:05.006Z',
    ...overrides,
  };
}

function csvOf(annotations: Annotation[], codebook = builtinCodebook()): string {
  return exportAnnotationsCsv({ annotations, documents: new Map(), codebook });
}

const corpora: TempCorpus[] = [];
afterAll(() => Promise.all(corpora.map((c) => c.remove())));
/** A corpus folder holding TEXTS, plus a sibling folder for CSV files outside it. */
async function setup(): Promise<{ corpus: TempCorpus; files: TempCorpus }> {
  const corpus = await makeTempCorpus(TEXTS);
  const files = await makeTempCorpus();
  corpora.push(corpus, files);
  return { corpus, files };
}

const GOOD = [
  annotation('vn/ha-noi.txt', 'Việt Nam, Hà Nội', { attributes: { actor: 'vietnam' } }),
  annotation('vn/ha-noi.txt', '"hợp tác" 😀', {
    tag: 'cooperation_area',
    annotator: 'Nguyễn',
    attributes: { sector: ['rail', 'trade'] },
  }),
  annotation('id/jakarta.md', 'kerja sama perdagangan', {
    tag: 'cooperation_area',
    note: '=1, "two"\nthree',
  }),
];

describe.concurrent('tanda csv-check', () => {
  it('exits 0 with a one-line summary for a file that would import', async () => {
    const { corpus, files } = await setup();
    const csv = await files.write('export.csv', csvOf(GOOD));
    const run = await tanda('csv-check', '--corpus', corpus.root, csv);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ok: 3 rows, 2 annotators, 2 documents, 2 tags\n');
    expect(run.code).toBe(0);
  });

  it('exits 1 listing each problem by spreadsheet row', async () => {
    const { corpus, files } = await setup();
    const length = [...TEXTS['vn/ha-noi.txt']!].length;
    const rows = [...GOOD, annotation('vn/ha-noi.txt', 'Tô Lâm', { tag: 'sengketa' })];
    let csv = csvOf(rows);
    // Rows are sorted: id/jakarta.md (row 2), then ha-noi.txt by start: "Việt Nam…" (3), "Tô Lâm" (4), "hợp tác" (5).
    const target = GOOD[0]!;
    csv = csv.replace(`,${target.start},${target.end},`, `,${target.start},5000,`);
    const file = await files.write('bad.csv', csv);
    const run = await tanda('csv-check', file, '--corpus', corpus.root);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      `row 3, column end: end 5000 is beyond the text (${length} code points)`,
      'row 4, column tag: unknown tag "sengketa"; the codebook has commitment, dispute, cooperation_area',
      `${file}: rejected, nothing would be imported (rows are numbered as a spreadsheet shows them: the header is row 1)`,
      '',
    ]);
  });

  it('reports rows re-anchored to a changed text', async () => {
    const { corpus, files } = await setup();
    const csv = await files.write('export.csv', csvOf(GOOD));
    await corpus.write('vn/ha-noi.txt', `Tin mới.\n${TEXTS['vn/ha-noi.txt']!}`);
    const run = await tanda('csv-check', '--corpus', corpus.root, csv);
    expect(run.stdout).toBe(
      'ok: 3 rows, 2 annotators, 2 documents, 2 tags (2 rows re-anchored to changed texts)\n',
    );
    expect(run.code).toBe(0);
  });

  it("takes a tag the codebook lacks from the file's own tag_label, and checks against --codebook when given", async () => {
    const { corpus, files } = await setup();
    const codebook = addTag(builtinCodebook(), { label: 'Hedge' });
    const csv = await files.write(
      'export.csv',
      csvOf([annotation('id/jakarta.md', 'Jakarta', { tag: 'hedge' })], codebook),
    );
    const codebookFile = await files.write('codebook.json', codebookToJson(codebook));
    // The export names its tag ("Hedge"), so the file describes its own codebook.
    const without = await tanda('csv-check', '--corpus', corpus.root, csv);
    expect(without.stdout).toBe('ok: 1 row, 1 annotator, 1 document, 1 tag\n');
    expect(without.code).toBe(0);
    // A codebook that lacks the tag still refuses it.
    const other = await files.write('other.json', codebookToJson(builtinCodebook()));
    const against = await tanda('csv-check', '--corpus', corpus.root, '--codebook', other, csv);
    expect(against.code).toBe(1);
    expect(against.stdout).toMatch(/^row 2, column tag: unknown tag "hedge"/);
    const withIt = await tanda('csv-check', '--corpus', corpus.root, '--codebook', codebookFile, csv);
    expect(withIt.stdout).toBe('ok: 1 row, 1 annotator, 1 document, 1 tag\n');
    expect(withIt.code).toBe(0);
  });

  it('exits 1 with a clear message for a file that is not UTF-8, missing, or a corpus that does not exist', async () => {
    const { corpus, files } = await setup();
    const latin1 = await files.write('latin1.csv', Buffer.from('annotator,tag\nJos\u00e9,x\n', 'latin1'));
    const notUtf8 = await tanda('csv-check', '--corpus', corpus.root, latin1);
    expect(notUtf8.code).toBe(1);
    expect(notUtf8.stderr).toBe(
      `tanda csv-check: ${latin1}: file is not UTF-8: invalid byte 0xe9 at offset 17; save it as UTF-8 ("CSV UTF-8" in Excel)\n`,
    );
    const missing = await tanda('csv-check', '--corpus', corpus.root, path.join(files.root, 'none.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`tanda csv-check: ${path.join(files.root, 'none.csv')}: no such file\n`);
    const csv = await files.write('export.csv', csvOf(GOOD));
    const noCorpus = await tanda('csv-check', '--corpus', path.join(files.root, 'nowhere'), csv);
    expect(noCorpus.code).toBe(1);
    expect(noCorpus.stderr).toMatch(/^tanda: corpus folder .*nowhere does not exist\n$/);
  });

  it('exits 2 with usage when arguments are missing', async () => {
    const { corpus, files } = await setup();
    const csv = await files.write('export.csv', csvOf(GOOD));
    for (const args of [
      [],
      ['--corpus', corpus.root],
      [csv],
      ['--corpus', corpus.root, csv, csv],
      ['--corpus'],
    ]) {
      const run = await tanda('csv-check', ...args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        'usage: tanda csv-check --corpus <dir> [--codebook <codebook.json>] <file.csv>',
      );
    }
    const help = await tanda('--help');
    expect(help.stdout).toContain('tanda csv-check --corpus <dir> [--codebook <codebook.json>] <file.csv>');
  });
});

describe('tanda csv-check on a file written by hand', () => {
  it('accepts only the required columns, LF line ends and no BOM', async () => {
    const { corpus, files } = await setup();
    const a = GOOD[0]!;
    const file = await files.write(
      'hand.csv',
      `document_path,annotator,tag,start,end,quote\nvn/ha-noi.txt,Ayu,dispute,${a.start},${a.end},"${a.quote}"\n`,
    );
    const run = await tanda('csv-check', '--corpus', corpus.root, file);
    expect(run.stdout).toBe('ok: 1 row, 1 annotator, 1 document, 1 tag\n');
    expect(run.code).toBe(0);
  });
});
