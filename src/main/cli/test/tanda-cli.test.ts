import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeText } from '../../../shared/text/text-normalize';
import { readCorpusFile } from '../../services/corpus-scan';
import { makeDocx, makeOdt, makePdf, newsPage } from '../../services/extractors/test/fixture-files';
import { makeTempCorpus, type TempCorpus } from '../../services/test/temp-corpus';
import { REPO, runTanda } from './run-tanda';

const SAMPLE_CORPUS = path.join(REPO, 'resources', 'sample-corpus');

/** `stdout` as bytes: `tanda text` must print the text exactly. */
const tanda = (...args: string[]) =>
  runTanda(...args).then((run) => ({ code: run.code, stdout: run.stdoutBytes, stderr: run.stderr }));

// Each test spawns Node; running them concurrently keeps the file fast.
// Temp corpora are collected and removed at the end.
const corpora: TempCorpus[] = [];
afterAll(() => Promise.all(corpora.map((c) => c.remove())));
async function tempCorpus(files: Record<string, string | Uint8Array>): Promise<TempCorpus> {
  const corpus = await makeTempCorpus(files);
  corpora.push(corpus);
  return corpus;
}

const DOCUMENT_KEYS = ['path', 'title', 'sha256', 'chars', 'encoding', 'status', 'format', 'extractor'];

describe.concurrent('tanda scan --json', () => {
  it('lists the sample corpus with exactly the documented keys', async () => {
    const run = await tanda('scan', 'resources/sample-corpus', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout.toString('utf8');
    expect(out.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(out) as { root: string; documents: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['root', 'documents']);
    expect(parsed.root).toBe(SAMPLE_CORPUS);
    expect(parsed.documents).toHaveLength(5);
    const paths = parsed.documents.map((d) => d.path as string);
    expect(paths).toEqual([...paths].sort());
    for (const doc of parsed.documents) {
      expect(Object.keys(doc)).toEqual(DOCUMENT_KEYS);
      expect(doc).toMatchObject({ status: 'ok', encoding: 'utf-8', format: 'txt', extractor: 'text@1' });
      const text = await readFile(path.join(SAMPLE_CORPUS, doc.path as string), 'utf8');
      expect(doc.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('adds reason only to bad documents', async () => {
    const corpus = await tempCorpus({
      'good.txt': 'Good\n',
      'bad.txt': Buffer.from([1, 0, 2]),
      'empty.md': '',
    });
    const run = await tanda('scan', corpus.root, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8'))).toEqual({
      root: corpus.root,
      documents: [
        {
          path: 'bad.txt',
          title: 'bad.txt',
          sha256: null,
          chars: null,
          encoding: null,
          status: 'skipped',
          format: 'txt',
          extractor: 'text@1',
          reason: 'binary file (contains NUL bytes)',
        },
        {
          path: 'empty.md',
          title: 'empty.md',
          sha256: null,
          chars: null,
          encoding: null,
          status: 'skipped',
          format: 'md',
          extractor: 'text@1',
          reason: 'empty file',
        },
        {
          path: 'good.txt',
          title: 'Good',
          sha256: createHash('sha256').update('Good\n').digest('hex'),
          chars: 5,
          encoding: 'utf-8',
          status: 'ok',
          format: 'txt',
          extractor: 'text@1',
        },
      ],
    });
  });
});

describe.concurrent('tanda scan', () => {
  it('prints an aligned table with reasons and a summary', async () => {
    const corpus = await tempCorpus({ 'good.txt': 'Good title\n', 'bad.txt': Buffer.from([1, 0, 2]) });
    const run = await tanda('scan', corpus.root);
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8').split('\n')).toEqual([
      'STATUS   CHARS  ENCODING  EXTRACTOR  PATH      TITLE / REASON',
      'skipped      -  -         text@1     bad.txt   binary file (contains NUL bytes)',
      'ok          11  utf-8     text@1     good.txt  Good title',
      `2 documents in ${corpus.root}: 1 ok, 1 skipped, 0 in error`,
      '',
    ]);
  });
});

describe.concurrent('tanda text', () => {
  it('writes the normalized text byte for byte, with nothing added', async () => {
    const raw = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Tiêu đề\r\nVie\u0323\u0302t 😀 𝔸\rend'),
    ]);
    const corpus = await tempCorpus({ 'Hà Nội notes.txt': raw });
    const run = await tanda('text', corpus.root, 'Hà Nội notes.txt');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.equals(Buffer.from(normalizeText(raw.toString('utf8')), 'utf8'))).toBe(true);
    expect(run.stdout.toString('utf8')).toBe('Tiêu đề\nViệt 😀 𝔸\nend');
  });

  it('writes a sample article exactly', async () => {
    const name = '2023-vo-van-thuong-bertemu-cai-qi.txt';
    const run = await tanda('text', 'resources/sample-corpus', name);
    expect(run.code).toBe(0);
    expect(run.stdout.equals(await readFile(path.join(SAMPLE_CORPUS, name)))).toBe(true);
  });
});

// Not concurrent: five processes loading pdf.js and mammoth would starve the other tests of CPU.
describe('tanda text, every format', () => {
  it('writes the canonical text of every format, as the app reads it', async () => {
    const corpus = await tempCorpus({
      'a.html': newsPage({ charset: 'utf-8', headline: 'Berita utama hari ini', body: 'Isi berita.' }),
      'b.docx': await makeDocx(),
      'c.odt': makeOdt(),
      'd.pdf': await makePdf(),
    });
    const listed = JSON.parse((await tanda('scan', corpus.root, '--json')).stdout.toString('utf8')) as {
      documents: { path: string; format: string; extractor: string; sha256: string }[];
    };
    expect(listed.documents.map((d) => [d.path, d.format, d.extractor])).toEqual([
      ['a.html', 'html', 'html@1'],
      ['b.docx', 'docx', 'docx@1'],
      ['c.odt', 'odt', 'odt@1'],
      ['d.pdf', 'pdf', 'pdf@1'],
    ]);
    const runs = await Promise.all(listed.documents.map((doc) => tanda('text', corpus.root, doc.path)));
    for (const [i, doc] of listed.documents.entries()) {
      expect(runs[i]!.code).toBe(0);
      const read = await readCorpusFile(doc.path, corpus.file(doc.path));
      expect(runs[i]!.stdout.toString('utf8')).toBe(read.text);
      expect(createHash('sha256').update(runs[i]!.stdout).digest('hex')).toBe(doc.sha256);
    }
  }, 120_000);
});

describe.concurrent('tanda errors', () => {
  it('prints usage for --help and no arguments', async () => {
    for (const args of [['--help'], []]) {
      const run = await tanda(...args);
      expect(run.code).toBe(0);
      expect(run.stdout.toString('utf8')).toMatch(/^usage: tanda <command>/);
      expect(run.stdout.toString('utf8')).toContain('tanda scan <dir> [--json]');
    }
  });

  it('exits 2 with usage on stderr for an unknown command or bad arguments', async () => {
    const unknown = await tanda('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout.length).toBe(0);
    expect(unknown.stderr).toMatch(/^tanda: unknown command "frobnicate"\n/);
    expect(unknown.stderr).toContain('usage: tanda');

    const badOption = await tanda('scan', '.', '--jsn');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('usage: tanda scan <dir> [--json]');

    const missingArgument = await tanda('text', '.');
    expect(missingArgument.code).toBe(2);
  });

  it('exits 1 naming the missing folder', async () => {
    const run = await tanda('scan', 'no-such-folder');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`tanda: corpus folder ${path.join(REPO, 'no-such-folder')} does not exist\n`);
  });

  it('exits 1 naming the unknown document and the corpus', async () => {
    const run = await tanda('text', 'resources/sample-corpus', 'x.txt');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`tanda: no document "x.txt" in corpus ${SAMPLE_CORPUS}\n`);
    expect(run.stdout.length).toBe(0);
  });

  it('exits 1 naming an invalid path', async () => {
    const run = await tanda('text', 'resources/sample-corpus', '%2e%2e%2fsecret.txt');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tanda: invalid document path "%2e%2e%2fsecret.txt": .*\n$/);
  });

  it('exits 1 for a document that cannot be read', async () => {
    const corpus = await tempCorpus({ 'bad.txt': Buffer.from([1, 0, 2]) });
    const run = await tanda('text', corpus.root, 'bad.txt');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('tanda: document "bad.txt" cannot be read: binary file (contains NUL bytes)\n');
  });
});
