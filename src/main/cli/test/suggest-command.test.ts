import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import { codebookToJson, setTagPatterns } from '../../../shared/codebook/codebook';
import { exportAnnotationsCsv } from '../../../shared/exchange/csv-export';
import { parseAnnotationsCsv } from '../../../shared/exchange/csv-read';
import { describeSpan } from '../../../shared/text/text-quote';
import { makeTempCorpus, type TempCorpus } from '../../services/test/temp-corpus';
import { runTanda } from './run-tanda';

const TEXTS: Record<string, string> = {
  'a.txt': 'Proyek kereta api cepat. Protes nelayan.',
  'b.txt': 'Jalur Kereta-Api baru dibuka. Protes lagi.',
};

let corpus: TempCorpus;
let codebookFile: string;
beforeAll(async () => {
  corpus = await makeTempCorpus(TEXTS);
  // One pattern only, so the expected rows can be spelled out.
  const noPatterns = {
    ...builtinCodebook(),
    tags: builtinCodebook().tags.map(({ patterns: _, ...t }) => t),
  };
  const codebook = setTagPatterns(noPatterns, 'cooperation_area', [
    { kind: 'phrase', text: 'kereta api', attributes: { sector: ['rail'] } },
  ]);
  codebookFile = await corpus.write(
    '../codebook-' + path.basename(corpus.root) + '.json',
    codebookToJson(codebook),
  );
});
afterAll(() => corpus.remove());

const out = (name: string): string => path.join(corpus.root, '..', `${path.basename(corpus.root)}-${name}`);

/** `tanda suggest` on the test corpus with its one-pattern codebook. */
const suggest = (...args: string[]) =>
  runTanda('suggest', '--corpus', corpus.root, '--codebook', codebookFile, ...args);

function rows(csv: string): Record<string, string>[] {
  const { header, records } = parseAnnotationsCsv(csv);
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i]!])));
}

function tagged(docPath: string, tag: string, start: number, end: number): Annotation {
  const text = TEXTS[docPath]!;
  return {
    id: '6f1c2a57-0c5e-4a39-9d37-2b1a5b9e0c11',
    documentPath: docPath,
    contentSha256: createHash('sha256').update(text).digest('hex'),
    annotator: 'ana',
    tag,
    start,
    end,
    ...describeSpan(text, start, end),
    attributes: {},
    note: '',
    createdAt: '2026-01-02T03:04:05.006Z',
    updatedAt: '2026-01-02T03:04:05.006Z',
  };
}

describe('tanda suggest', () => {
  it('writes the codebook patterns’ suggestions in the CSV export format, as annotator "suggestions"', async () => {
    const file = out('patterns.csv');
    const run = await suggest('--out', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${file}: 2 suggestions in 2 documents\n`);
    const got = rows(await readFile(file, 'utf8'));
    expect(
      got.map((r) => [
        r.document_path,
        r.annotator,
        r.tag,
        r.start,
        r.end,
        r.quote,
        r['attr:sector'],
        r.note,
      ]),
    ).toEqual([
      ['a.txt', 'suggestions', 'cooperation_area', '7', '17', 'kereta api', 'rail', 'pattern: kereta api'],
      ['b.txt', 'suggestions', 'cooperation_area', '6', '16', 'Kereta-Api', 'rail', 'pattern: kereta api'],
    ]);
    // What it writes is what the import and `tanda agreement` accept.
    const check = await runTanda('csv-check', '--corpus', corpus.root, file);
    expect(check.code).toBe(0);
  });

  it('learns from --from: every tagged phrase where else it occurs, never over an annotation', async () => {
    const from = out('from.csv');
    await writeFile(
      from,
      exportAnnotationsCsv({
        annotations: [tagged('a.txt', 'dispute', 25, 31)],
        documents: new Map(),
        codebook: builtinCodebook(),
      }),
    );
    const file = out('learned.csv');
    const run = await suggest('--from', from, '--no-patterns', '--out', file);
    expect(run.code).toBe(0);
    const got = rows(await readFile(file, 'utf8'));
    expect(got.map((r) => [r.document_path, r.tag, r.quote, r.note])).toEqual([
      ['b.txt', 'dispute', 'Protes', 'you tagged this 1×'],
    ]);
  });

  it('keeps to --documents', async () => {
    const file = out('only.csv');
    const run = await suggest('--documents', 'b.txt', '--out', file);
    expect(run.code).toBe(0);
    expect(rows(await readFile(file, 'utf8')).map((r) => r.document_path)).toEqual(['b.txt']);
  });

  it('says what is wrong with its inputs, and writes nothing', async () => {
    const file = out('never.csv');
    const noOut = await runTanda('suggest', '--corpus', corpus.root);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('expected --out <suggestions.csv>');

    const bad = out('bad.csv');
    await writeFile(bad, 'annotator,tag,start,end,quote,document_path\r\nana,dispute,0,6,Nope!!,a.txt\r\n');
    const badFrom = await runTanda('suggest', '--corpus', corpus.root, '--from', bad, '--out', file);
    expect(badFrom.code).toBe(1);
    expect(badFrom.stderr).toMatch(/bad\.csv row 2.*quote/);

    const unknown = await runTanda(
      'suggest',
      '--corpus',
      corpus.root,
      '--documents',
      'zz.txt',
      '--out',
      file,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--documents: no document "zz.txt"');

    const badCodebook = await runTanda('suggest', '--corpus', corpus.root, '--codebook', bad, '--out', file);
    expect(badCodebook.code).toBe(1);
    expect(badCodebook.stderr).toContain('cannot use codebook');
    await expect(readFile(file)).rejects.toThrow();

    const nowhere = await runTanda(
      'suggest',
      '--corpus',
      corpus.root,
      '--out',
      path.join(corpus.root, 'no', 'such', 'x.csv'),
    );
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/cannot write .*x\.csv: no such file/);
  });
});
