import { realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanCorpus, type ScanText } from '../corpus-scan';
import { readInThreads, type ReadFile } from '../scan-read-threads';
import { makeTempCorpus, type TempCorpus } from './temp-corpus';

let corpus: TempCorpus | undefined;
afterEach(async () => {
  await corpus?.remove();
  corpus = undefined;
});

/** 450 files: three chunks of the reader threads, so one thread takes more than one. */
function manyFiles(): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: 450 }, (_, i) => [`f/${String(i).padStart(3, '0')}.txt`, `Judul ${i}\nIsi ${i}`]),
  );
}

async function metasOf(options: Parameters<typeof scanCorpus>[1]) {
  return (await scanCorpus(await realpath(corpus!.root), options)).map((d) => d.meta);
}

describe('the scan’s reader threads', () => {
  it('list exactly what this thread lists, whatever the number of threads', async () => {
    corpus = await makeTempCorpus({ ...manyFiles(), 'empty.txt': '', 'page.html': '<p>Halo</p>' });
    const here = await metasOf({ readThreads: 0 });
    expect(here.filter((d) => d.status === 'ok')).toHaveLength(451);
    expect(await metasOf({ readThreads: 1 })).toEqual(here);
    expect(await metasOf({ readThreads: 2 })).toEqual(here);
  });

  it('leave every file to this thread when no thread can start', async () => {
    corpus = await makeTempCorpus(manyFiles());
    const here = await metasOf({ readThreads: 0 });
    expect(await metasOf({ readScript: () => Promise.reject(new Error('no script')) })).toEqual(here);
    expect(await metasOf({ readScript: async () => path.join(corpus!.root, 'missing.cjs') })).toEqual(here);
  });

  it('hand back the chunks of a thread that dies, and those are read here', async () => {
    corpus = await makeTempCorpus(manyFiles());
    const dying = corpus.file('dying.cjs');
    await writeFile(
      dying,
      "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n",
    );
    const files: ReadFile[] = Array.from({ length: 450 }, (_, index) => ({
      index,
      path: `f/${String(index).padStart(3, '0')}.txt`,
      file: corpus!.file(`f/${String(index).padStart(3, '0')}.txt`),
    }));
    const answered: number[] = [];
    const left = await readInThreads(
      await realpath(corpus.root),
      1 << 20,
      files,
      (rows) => answered.push(...rows.map((r) => r.index)),
      { threads: 2, script: async () => dying },
    );
    expect(answered).toEqual([]);
    expect(left.map((f) => f.index)).toEqual(files.map((f) => f.index));
    // Through the scan, the listing is whole all the same.
    const here = await metasOf({ readThreads: 0 });
    expect(await metasOf({ readThreads: 2, readScript: async () => dying })).toEqual(here);
  });

  it('give the scan the texts they decoded, as this thread does, only for readable documents', async () => {
    corpus = await makeTempCorpus({
      ...manyFiles(),
      'empty.txt': '',
      'crlf.txt': 'Judul\r\nbaris dua\r\n',
      'page.html': '<p>Halo</p>',
      'broken.docx': 'not a zip',
    });
    const textsOf = async (readThreads: number) => {
      const texts = new Map<string, ScanText>();
      const documents = await scanCorpus(await realpath(corpus!.root), {
        readThreads,
        onText: (docPath, text) => texts.set(docPath, text),
      });
      return { texts, documents };
    };
    const here = await textsOf(0);
    // Every readable plain text, at the listing's hash; none for the empty file or a format an extractor reads (HTML, DOCX).
    const readable = here.documents.filter((d) => d.meta.status === 'ok' && d.meta.format === 'txt');
    expect([...here.texts.keys()].sort()).toEqual(readable.map((d) => d.meta.path).sort());
    expect(here.texts.size).toBe(451);
    for (const d of readable) expect(here.texts.get(d.meta.path)!.sha256).toBe(d.meta.sha256);
    expect(here.texts.get('crlf.txt')!.text).toBe('Judul\nbaris dua\n');
    expect(here.texts.has('empty.txt')).toBe(false);
    expect(here.texts.has('broken.docx')).toBe(false);
    expect(here.texts.has('page.html')).toBe(false);
    const threaded = await textsOf(2);
    expect(new Map([...threaded.texts].sort())).toEqual(new Map([...here.texts].sort()));
    expect(threaded.documents.map((d) => d.meta)).toEqual(here.documents.map((d) => d.meta));
  });
});
