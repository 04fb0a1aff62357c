import { realpath, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readCorpusFile, scanCorpus } from '../corpus-scan';
import { openCorpus, type CorpusService } from '../corpus-service';
import { makeTempCorpus, waitFor, type TempCorpus } from './temp-corpus';

let corpus: TempCorpus | undefined;
let service: CorpusService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
  await corpus?.remove();
});

/** A loop back to the root and a second name for a folder: each document must still be listed once. */
async function linkedCorpus(): Promise<TempCorpus> {
  const made = await makeTempCorpus({ '2024/a.txt': 'Alpha', 'sub/b.txt': 'Beta' });
  await symlink('..', made.file('sub/up'));
  await symlink('2024', made.file('latest'));
  await symlink('2024', made.file('later.txt')); // a folder link named like a document
  return made;
}

describe('one walk for scan, watch and catch-up: folder symlinks are never followed', () => {
  it('scan lists each document once, under its real folder', async () => {
    corpus = await linkedCorpus();
    const scanned = await scanCorpus(await realpath(corpus.root));
    expect(scanned.map((d) => d.meta.path)).toEqual(['2024/a.txt', 'sub/b.txt']);
  });

  it("the watcher's catch-up and later events list each document once too", async () => {
    corpus = await linkedCorpus();
    const events: string[] = [];
    service = await openCorpus(corpus.root, { watch: true });
    service.onEvent((e) => {
      if (e.type === 'document-added') events.push(e.document.path);
    });
    await service.ready(); // the catch-up has run
    expect(service.snapshot().documents.map((d) => d.path)).toEqual(['2024/a.txt', 'sub/b.txt']);

    await writeFile(corpus.file('2024/c.txt'), 'Gamma');
    await waitFor(() => events.includes('2024/c.txt'), 'document-added 2024/c.txt');
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong second event
    expect(events).toEqual(['2024/c.txt']);
    expect(service.snapshot().documents.map((d) => d.path)).toEqual([
      '2024/a.txt',
      '2024/c.txt',
      'sub/b.txt',
    ]);
    // A reload walks the same way.
    expect((await service.reload()).documents.map((d) => d.path)).toEqual([
      '2024/a.txt',
      '2024/c.txt',
      'sub/b.txt',
    ]);
  });
});

describe('reading through one checked handle', () => {
  async function raced(): Promise<{ root: string; link: string; inside: string; outside: string }> {
    corpus = await makeTempCorpus({ 'corpus/inside.txt': 'inside text', 'secret.txt': 'secret text' });
    const root = await realpath(corpus.file('corpus'));
    return {
      root,
      link: corpus.file('corpus/link.txt'),
      inside: corpus.file('corpus/inside.txt'),
      outside: corpus.file('secret.txt'),
    };
  }
  async function swap(link: string, target: string): Promise<void> {
    await symlink(target, `${link}.new`);
    await rename(`${link}.new`, link); // atomic, as an attacker would
  }

  it('refuses when the link was swapped to an outside file just before the open', async () => {
    const { root, link, inside, outside } = await raced();
    await symlink(outside, link); // what the open sees…
    const read = await readCorpusFile('link.txt', link, undefined, root, {
      afterOpen: () => swap(link, inside), // …and what a check by name would see afterwards
    });
    expect(read.text).toBeNull();
    expect(read.meta).toMatchObject({ status: 'error', reason: expect.stringMatching(/replaced while/) });
  });

  it('refuses when the link is swapped to an outside file just after the open', async () => {
    const { root, link, inside, outside } = await raced();
    await symlink(inside, link);
    const read = await readCorpusFile('link.txt', link, undefined, root, {
      afterOpen: () => swap(link, outside),
    });
    expect(read.text).not.toBe('secret text');
    expect(read.meta.status).not.toBe('ok');
  });

  it('refuses a target replaced after the open rather than mixing files; the next read reads the new one', async () => {
    const { root, link, inside } = await raced();
    await symlink(inside, link);
    const read = await readCorpusFile('link.txt', link, undefined, root, {
      // Replacing the target after the checks cannot change what this handle reads.
      afterOpen: async () => {
        await unlink(inside);
        await writeFile(inside, 'replaced');
      },
    });
    expect(read.meta.status).toBe('error'); // the name now leads to another inode: refused, never mixed
    await symlink(inside, `${link}2`);
    expect((await readCorpusFile('link.txt2', `${link}2`, undefined, root)).text).toBe('replaced');
  });
});
