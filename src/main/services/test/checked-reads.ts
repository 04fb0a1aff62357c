import { realpath, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readCorpusFile } from '../corpus-scan';
import { makeTempCorpus, type TempCorpus } from './temp-corpus';

/**
 * Reads raced by symlink swaps, for both proofs that an open descriptor is
 * inside the corpus (corpus-open.ts): the kernel's name for it, or the
 * portable inode check. Either may refuse more than the other; neither may
 * ever return an outside file's text.
 */
export function checkedReadTests(proof: 'kernel' | 'portable'): void {
  let corpus: TempCorpus | undefined;
  afterEach(async () => {
    await corpus?.remove();
    corpus = undefined;
  });

  async function raced(): Promise<{ root: string; link: string; inside: string; outside: string }> {
    corpus = await makeTempCorpus({
      'corpus/inside.txt': 'inside text',
      'secret.txt': 'secret text',
      'corpus-other/secret.txt': 'secret text',
    });
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

  describe(`reading through one checked descriptor (${proof} proof)`, () => {
    it('refuses when the link was swapped to an outside file just before the open', async () => {
      const { root, link, inside, outside } = await raced();
      await symlink(outside, link); // what the open sees…
      const read = await readCorpusFile('link.txt', link, undefined, root, {
        afterOpen: () => swap(link, inside), // …and what a check by name would see afterwards
      });
      expect(read.text).toBeNull();
      expect(read.meta).toMatchObject({ status: 'error', reason: expect.stringMatching(/replaced while/) });
    });

    it('never reads the outside file when the link is swapped to it just after the open', async () => {
      const { root, link, inside, outside } = await raced();
      await symlink(inside, link);
      const read = await readCorpusFile('link.txt', link, undefined, root, {
        afterOpen: () => swap(link, outside),
      });
      if (proof === 'kernel') {
        // The descriptor is the inside file whatever the name now leads to: reading it is right.
        expect(read.text).toBe('inside text');
      } else {
        // By name, the link now leads outside: refused, since the check cannot tell when it changed.
        expect(read.text).toBeNull();
        expect(read.meta.status).not.toBe('ok');
      }
    });

    it('refuses a target replaced after the open rather than mixing files; the next read reads the new one', async () => {
      const { root, link, inside } = await raced();
      await symlink(inside, link);
      const read = await readCorpusFile('link.txt', link, undefined, root, {
        // Replacing the target after the checks cannot change what this descriptor reads.
        afterOpen: async () => {
          await unlink(inside);
          await writeFile(inside, 'replaced');
        },
      });
      expect(read.meta.status).toBe('error'); // the name now leads to another inode: refused, never mixed
      await symlink(inside, `${link}2`);
      expect((await readCorpusFile('link.txt2', `${link}2`, undefined, root)).text).toBe('replaced');
    });

    it('refuses a file in a sibling folder whose name starts with the corpus folder’s', async () => {
      const { root, link } = await raced();
      await symlink(corpus!.file('corpus-other/secret.txt'), link);
      const read = await readCorpusFile('link.txt', link, undefined, root);
      expect(read.text).toBeNull();
      expect(read.meta).toMatchObject({
        status: 'skipped',
        reason: 'symlink points outside the corpus folder',
      });
    });

    it('reads a plain file inside', async () => {
      const { root, inside } = await raced();
      expect((await readCorpusFile('inside.txt', inside, undefined, root)).text).toBe('inside text');
    });
  });
}
