import { realpath } from 'node:fs/promises';
import type * as fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanCorpus } from '../corpus-scan';
import { makeTempCorpus, type TempCorpus } from './temp-corpus';

/**
 * Tests run as root in CI containers, and root reads files whatever their
 * mode, so a chmod 000 file cannot show an EACCES there. This simulates the
 * refusal instead: opening fails for any file named `locked.txt`.
 */
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return {
    ...actual,
    open: vi.fn((file: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
      if (String(file).endsWith('locked.txt')) {
        const callback = rest[rest.length - 1] as (error: Error) => void;
        const error = Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), {
          code: 'EACCES',
        });
        process.nextTick(() => callback(error));
        return;
      }
      return (actual.open as (...args: unknown[]) => unknown)(file, ...rest);
    }),
  };
});

let corpus: TempCorpus | undefined;
afterEach(async () => {
  await corpus?.remove();
});

describe('scanCorpus and unreadable files', () => {
  it('lists them as errors with the OS reason and goes on', async () => {
    corpus = await makeTempCorpus({ 'locked.txt': 'secret', 'open.txt': 'fine' });
    // On this thread: the mocked open reaches neither the reader threads nor their bundle.
    const documents = (await scanCorpus(await realpath(corpus.root), { readThreads: 0 })).map((d) => d.meta);
    expect(documents).toEqual([
      {
        path: 'locked.txt',
        title: 'locked.txt',
        sha256: null,
        chars: null,
        encoding: null,
        status: 'error',
        reason: 'cannot read file (EACCES: permission denied)',
        format: 'txt',
        extractor: 'text@1',
      },
      expect.objectContaining({ path: 'open.txt', status: 'ok' }),
    ]);
  });
});
