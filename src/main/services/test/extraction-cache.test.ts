import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractDocument } from '../document-extract';
import { extractionCache } from '../extraction-cache';
import { makePdf, makeScannedPdf } from '../extractors/test/fixture-files';

let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json')).map(String);
}

describe('extraction cache', () => {
  it('keeps a result by content hash and extractor version and serves it on the next read', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'tanda-cache-'));
    const cache = extractionCache(folder);
    const bytes = await makePdf();
    const first = await extractDocument('r.pdf', bytes, undefined, cache);
    const [entry] = await entries(folder);
    expect(entry).toMatch(/^pdf-1\/[0-9a-f]{2}\/[0-9a-f]{64}\.json$/);
    expect(await extractDocument('other-name.pdf', bytes, undefined, cache)).toEqual({
      ...first,
      meta: { ...first.meta, path: 'other-name.pdf' },
    });
    // What is served is the entry: proven by changing it.
    await writeFile(
      path.join(folder, entry!),
      JSON.stringify({ kind: 'text', text: 'dari cache', encoding: null }),
    );
    expect((await extractDocument('r.pdf', bytes, undefined, cache)).text).toBe('dari cache');
  });

  it('treats a damaged or foreign entry as a miss and extracts again', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'tanda-cache-'));
    const cache = extractionCache(folder);
    const bytes = await makePdf();
    const fresh = await extractDocument('r.pdf', bytes);
    await extractDocument('r.pdf', bytes, undefined, cache);
    const [entry] = await entries(folder);
    for (const junk of ['{"kind":"text","text":1}', 'not json', '{"kind":"other"}']) {
      await writeFile(path.join(folder, entry!), junk);
      expect(await extractDocument('r.pdf', bytes, undefined, cache)).toEqual(fresh);
    }
  });

  it('keeps skipped results too, and never caches plain text', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'tanda-cache-'));
    const cache = extractionCache(folder);
    const scan = await extractDocument('s.pdf', await makeScannedPdf(), undefined, cache);
    expect(scan.meta.reason).toBe('no text layer (scanned PDF?)');
    await extractDocument('a.txt', Buffer.from('teks'), undefined, cache);
    expect(await entries(folder)).toHaveLength(1);
  });
});
