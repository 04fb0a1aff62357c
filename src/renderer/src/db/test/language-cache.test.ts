import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGE_DETECTOR } from '../../../../shared/corpus/document-metadata';
import { IndexedDbLanguageCache } from '../language-cache';

let name = '';
let cache: IndexedDbLanguageCache | null = null;
afterEach(async () => {
  await cache?.delete();
});

function fresh(): IndexedDbLanguageCache {
  name = `tanda-cache-test-${Math.random().toString(36).slice(2)}`;
  return (cache = new IndexedDbLanguageCache(name));
}

describe('IndexedDbLanguageCache', () => {
  it('keeps languages by text hash across instances, "none" included', async () => {
    await fresh().save([
      ['a'.repeat(64), 'ind'],
      ['b'.repeat(64), null],
    ]);
    const again = new IndexedDbLanguageCache(name);
    expect(await again.load()).toEqual(
      new Map([
        ['a'.repeat(64), 'ind'],
        ['b'.repeat(64), null],
      ]),
    );
  });

  it('keeps every row of a save larger than one write', async () => {
    const entries = Array.from(
      { length: 600 },
      (_, i) => [i.toString(16).padStart(64, '0'), i % 2 ? 'ind' : null] as const,
    );
    await fresh().save(entries);
    expect(await new IndexedDbLanguageCache(name).load()).toEqual(new Map(entries));
  });

  it('drops what another detector said', async () => {
    const c = fresh();
    await c.save([['a'.repeat(64), 'ind']]);
    const raw = new Dexie(name);
    raw.version(1).stores({ languages: 'sha256' });
    await raw
      .table('languages')
      .put({ sha256: 'c'.repeat(64), detector: 'an-older-detector', language: 'zlm' });
    raw.close();
    expect(await c.load()).toEqual(new Map([['a'.repeat(64), 'ind']]));
    const rows = await new IndexedDbLanguageCache(name).load();
    expect(rows.has('c'.repeat(64))).toBe(false);
    expect(LANGUAGE_DETECTOR).toMatch(/franc-min/);
  });
});
