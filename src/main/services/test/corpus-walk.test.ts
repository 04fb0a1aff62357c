import { realpath, symlink, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { scanCorpus } from '../corpus-scan';
import { openCorpus, type CorpusService } from '../corpus-service';
import { checkedReadTests } from './checked-reads';
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
    service = await openCorpus(corpus.root, { watch: true, watchAfterReadsMs: 0 });
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

// On Linux the kernel's name for the open descriptor is the proof; elsewhere the portable check.
checkedReadTests(process.platform === 'linux' ? 'kernel' : 'portable');
