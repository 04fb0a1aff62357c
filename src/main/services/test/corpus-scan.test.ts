import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { readCorpusFile, scanCorpus, scanCorpusFile, type ScanProgress } from '../corpus-scan';
import { isRoot, makeTempCorpus, type TempCorpus } from './temp-corpus';

const SAMPLE_CORPUS = path.resolve(__dirname, '../../../../resources/sample-corpus');

let corpus: TempCorpus | undefined;
afterEach(async () => {
  await corpus?.remove();
  corpus = undefined;
  scanThreads = undefined;
});

async function scanFiles(files: Record<string, string | Uint8Array>, maxFileBytes?: number) {
  corpus = await makeTempCorpus(files);
  return scanTemp(maxFileBytes);
}
let scanThreads: number | undefined;
const threadOption = () => (scanThreads === undefined ? {} : { readThreads: scanThreads });
async function scanTemp(maxFileBytes?: number) {
  const scanned = await scanCorpus(await realpath(corpus!.root), { maxFileBytes, ...threadOption() });
  return scanned.map((d) => d.meta);
}
function byPath(documents: DocumentMeta[], docPath: string): DocumentMeta {
  const found = documents.find((d) => d.path === docPath);
  if (!found) throw new Error(`${docPath} not listed; listed: ${documents.map((d) => d.path).join(', ')}`);
  return found;
}
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the sample corpus', () => {
  it('scans as five ok UTF-8 articles titled by their first non-empty line', async () => {
    const documents = (await scanCorpus(await realpath(SAMPLE_CORPUS))).map((d) => d.meta);
    expect(documents).toHaveLength(5);
    for (const doc of documents) {
      const text = await readFile(path.join(SAMPLE_CORPUS, doc.path), 'utf8');
      const firstLine = text
        .split('\n')
        .find((line) => line.trim() !== '')!
        .trim();
      expect(doc).toMatchObject({ status: 'ok', encoding: 'utf-8', title: firstLine, sha256: sha256(text) });
      expect(doc.chars).toBe([...text].length);
    }
  });
});

// Every rule holds whether the files are read by the reader threads (the default) or on this thread.
for (const [mode, readThreads] of [
  ['reader threads', undefined],
  ['this thread', 0],
] as const) {
  beforeEach(() => {
    scanThreads = readThreads;
  });

  describe(`scanCorpus listing (${mode})`, () => {
    it('lists .txt and .md files in nested folders, sorted by path in code unit order', async () => {
      const documents = await scanFiles({
        'b.txt': 'b',
        'B.md': 'B',
        'a/b.txt': 'ab',
        'a-b.txt': 'a-b',
        'notes.MD': 'upper-case extension',
        'deep/er/still.txt': 'deep',
      });
      // 'B' < 'a' and '-' < '/' in code units, whatever the locale says.
      expect(documents.map((d) => d.path)).toEqual([
        'B.md',
        'a-b.txt',
        'a/b.txt',
        'b.txt',
        'deep/er/still.txt',
        'notes.MD',
      ]);
    });

    it('ignores hidden files and folders and other extensions', async () => {
      const documents = await scanFiles({
        'kept.txt': 'kept',
        '.hidden.txt': 'no',
        '.git/HEAD.txt': 'no',
        'sub/.cache/x.md': 'no',
        'image.png': 'no',
        'report.rtf': 'no',
        'sheet.xlsx': 'no',
        README: 'no',
        txt: 'no',
      });
      expect(documents.map((d) => d.path)).toEqual(['kept.txt']);
    });

    it('describes a readable document', async () => {
      const [doc] = await scanFiles({ 'a.txt': '\r\n  Headline 😀 \r\nBody\r\n' });
      expect(doc).toEqual({
        path: 'a.txt',
        title: 'Headline 😀',
        sha256: sha256('\n  Headline 😀 \nBody\n'),
        chars: 20,
        encoding: 'utf-8',
        status: 'ok',
        bytes: 26,
        format: 'txt',
        extractor: 'text@1',
      });
    });

    it('gives the same sha256 to the same text saved with different line endings and encodings', async () => {
      const documents = await scanFiles({
        'lf.txt': 'Việt\nNam\n',
        'crlf.txt': 'Việt\r\nNam\r\n',
        'bom.txt': '\uFEFFVie\u0323\u0302t\nNam\n',
        'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Việt\r\nNam\r\n', 'utf16le')]),
      });
      expect(new Set(documents.map((d) => d.sha256))).toEqual(new Set([sha256('Việt\nNam\n')]));
      expect(byPath(documents, 'utf16.txt').encoding).toBe('utf-16le');
      expect(byPath(documents, 'bom.txt').encoding).toBe('utf-8-bom');
    });

    it('handles names with spaces and non-ASCII characters, listing them in NFC', async () => {
      corpus = await makeTempCorpus({ 'Hà Nội notes.txt': 'Ghi chú' });
      // Stored decomposed, as macOS tools may write it.
      const decomposedName = 'Vie\u0323\u0302t Nam/ba\u0300i 1.md';
      await corpus.write(decomposedName, 'Bài một');
      const scanned = await scanCorpus(await realpath(corpus.root), threadOption());
      expect(scanned.map((d) => d.meta.path)).toEqual(['Hà Nội notes.txt', 'Việt Nam/bài 1.md']);
      expect(scanned.every((d) => d.meta.status === 'ok')).toBe(true);
      // The listed path is NFC, but the bytes are read through the on-disk name.
      expect(scanned[1]!.file.endsWith(path.join('Vie\u0323\u0302t Nam', 'ba\u0300i 1.md'))).toBe(true);
      const read = await readCorpusFile(scanned[1]!.meta.path, scanned[1]!.file);
      expect(read.text).toBe('Bài một');
    });
  });

  describe(`scanCorpus and bad files (${mode})`, () => {
    it('skips binary files', async () => {
      const documents = await scanFiles({ 'bin.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0]) });
      expect(documents).toEqual([
        {
          path: 'bin.txt',
          title: 'bin.txt',
          sha256: null,
          chars: null,
          encoding: null,
          status: 'skipped',
          reason: 'binary file (contains NUL bytes)',
          bytes: 8,
          format: 'txt',
          extractor: 'text@1',
        },
      ]);
    });

    it('skips empty and blank files', async () => {
      const documents = await scanFiles({
        'empty.txt': '',
        'bom-only.txt': '\uFEFF',
        'sub/blank.md': '\r\n \n',
      });
      expect(byPath(documents, 'empty.txt')).toMatchObject({
        status: 'skipped',
        reason: 'empty file',
        title: 'empty.txt',
      });
      expect(byPath(documents, 'bom-only.txt')).toMatchObject({ status: 'skipped', reason: 'empty file' });
      expect(byPath(documents, 'sub/blank.md')).toMatchObject({
        status: 'skipped',
        reason: 'empty file (only whitespace)',
        title: 'blank.md',
        sha256: null,
      });
    });

    it('skips files over the size limit, naming size and limit', async () => {
      const documents = await scanFiles({ 'big.txt': 'x'.repeat(2000), 'small.txt': 'x'.repeat(100) }, 1024);
      expect(byPath(documents, 'small.txt').status).toBe('ok');
      expect(byPath(documents, 'big.txt')).toMatchObject({
        status: 'skipped',
        reason: 'file too large: 2 KiB (2000 bytes), over the limit of 1 KiB (1024 bytes)',
        bytes: 2000,
      });
    });

    // Root reads through chmod 000, so this only runs as a normal user;
    // corpus-scan-unreadable.test.ts checks the same path with a simulated EACCES.
    it.skipIf(isRoot)('reports unreadable files as errors with the OS reason', async () => {
      corpus = await makeTempCorpus({ 'locked.txt': 'secret', 'open.txt': 'fine' });
      await chmod(corpus.file('locked.txt'), 0o000);
      const documents = await scanTemp();
      expect(byPath(documents, 'locked.txt')).toMatchObject({
        status: 'error',
        reason: 'cannot read file (EACCES: permission denied)',
      });
      expect(byPath(documents, 'open.txt').status).toBe('ok');
    });

    it('skips a symlink that points outside the corpus folder', async () => {
      corpus = await makeTempCorpus({ 'corpus/inside.txt': 'inside', 'outside/secret.txt': 'secret' });
      await mkdir(corpus.file('outside/folder'));
      await symlink(corpus.file('outside/secret.txt'), corpus.file('corpus/leak.txt'));
      await symlink(corpus.file('outside/folder'), corpus.file('corpus/leak-folder'));
      const scanned = await scanCorpus(await realpath(corpus.file('corpus')), threadOption());
      expect(scanned.map((d) => d.meta)).toEqual([
        expect.objectContaining({ path: 'inside.txt', status: 'ok' }),
        expect.objectContaining({
          path: 'leak.txt',
          status: 'skipped',
          reason: 'symlink points outside the corpus folder',
          sha256: null,
        }),
      ]);
    });

    it('reports a broken symlink as an error', async () => {
      corpus = await makeTempCorpus({ 'a.txt': 'a' });
      await symlink(corpus.file('gone.txt'), corpus.file('dangling.txt'));
      const documents = await scanTemp();
      expect(byPath(documents, 'dangling.txt')).toMatchObject({
        status: 'error',
        reason: 'broken symlink (its target does not exist)',
      });
    });

    it('follows symlinks inside the root and does not hang on loops', async () => {
      corpus = await makeTempCorpus({ 'sub/a.txt': 'a' });
      await symlink('..', corpus.file('sub/up'));
      await symlink('.', corpus.file('here'));
      await symlink('self.txt', corpus.file('self.txt'));
      await symlink('ping.txt', corpus.file('pong.txt'));
      await symlink('pong.txt', corpus.file('ping.txt'));
      await symlink('sub/a.txt', corpus.file('alias.txt'));
      const documents = await scanTemp();
      expect(documents.map((d) => [d.path, d.status])).toEqual([
        ['alias.txt', 'ok'],
        ['ping.txt', 'error'],
        ['pong.txt', 'error'],
        ['self.txt', 'error'],
        ['sub/a.txt', 'ok'],
      ]);
      expect(byPath(documents, 'self.txt').reason).toBe('symlink loop (it points back to itself)');
    });

    it('skips something that is not a regular file', async () => {
      corpus = await makeTempCorpus({ 'a.txt': 'a' });
      try {
        execFileSync('mkfifo', [corpus.file('pipe.txt')]);
      } catch {
        return; // no mkfifo here (Windows): nothing to test
      }
      await symlink('pipe.txt', corpus.file('pipe-link.txt'));
      const documents = await scanTemp();
      expect(byPath(documents, 'pipe-link.txt')).toMatchObject({
        status: 'skipped',
        reason: 'not a regular file',
      });
      // A FIFO found directly is not a file at all, so it is not even listed.
      expect(documents.map((d) => d.path)).not.toContain('pipe.txt');
    });
  });

  describe(`reading a file whole (${mode})`, () => {
    it('reads every byte of files of any size, in the pool of small buffers or beyond', async () => {
      const sizes = [0, 1, 4095, 4096, 8193, 70_001];
      const texts = Object.fromEntries(
        sizes.map((n) => [`f${n}.txt`, `T${n}\n`.padEnd(Math.max(n, 3 + String(n).length), 'kereta ')]),
      );
      const documents = await scanFiles(texts);
      for (const [name, text] of Object.entries(texts)) {
        const doc = byPath(documents, name);
        if (text.trim() === '') continue;
        expect(doc.sha256, name).toBe(sha256(text));
      }
    });

    it('refuses a file over the limit, measured on what was read', async () => {
      const documents = await scanFiles({ 'big.txt': 'x'.repeat(5000), 'ok.txt': 'ok' }, 4000);
      expect(byPath(documents, 'big.txt')).toMatchObject({ status: 'skipped' });
      expect(byPath(documents, 'ok.txt')).toMatchObject({ status: 'ok' });
    });
  });
}

describe('scanCorpus progress', () => {
  it('reports the total first, then throttled progress up to the total', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`doc-${String(i).padStart(3, '0')}.txt`] = `Document ${i}`;
    corpus = await makeTempCorpus(files);
    const progress: ScanProgress[] = [];
    await scanCorpus(await realpath(corpus.root), { onProgress: (p) => progress.push(p) });
    expect(progress[0]).toEqual({ done: 0, total: 120 });
    expect(progress[progress.length - 1]).toEqual({ done: 120, total: 120 });
    expect(progress.length).toBeLessThan(20);
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('reports 0 of 0 for an empty folder', async () => {
    corpus = await makeTempCorpus();
    const progress: ScanProgress[] = [];
    expect(await scanCorpus(await realpath(corpus.root), { onProgress: (p) => progress.push(p) })).toEqual(
      [],
    );
    expect(progress).toEqual([{ done: 0, total: 0 }]);
  });
});

describe('scanCorpusFile', () => {
  it('rescans one file by its on-disk relative path', async () => {
    corpus = await makeTempCorpus({ 'sub/a.txt': 'Title\nbody', '.hidden/b.txt': 'b', 'c.png': 'c' });
    const rootReal = await realpath(corpus.root);
    expect((await scanCorpusFile(rootReal, 'sub/a.txt'))?.meta).toMatchObject({
      path: 'sub/a.txt',
      title: 'Title',
      status: 'ok',
    });
    expect(await scanCorpusFile(rootReal, '.hidden/b.txt')).toBeNull();
    expect(await scanCorpusFile(rootReal, 'c.png')).toBeNull();
    expect(await scanCorpusFile(rootReal, 'gone.txt')).toBeNull();
  });
});
