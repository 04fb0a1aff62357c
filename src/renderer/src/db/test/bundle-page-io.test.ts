import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { bundleToJson, parseBundleJson } from '../../../../shared/exchange/bundle';
import { createAnnotation } from '../annotation-repo';
import { exportBundle, importBundle, restoreBundle } from '../bundle-io';
import { ARTICLE, SHA, freshDb, newAnnotation } from './annotation-fixtures';

const documents = [{ path: ARTICLE, title: 'Report', sha256: SHA }];

/** `page` travels in the bundle file and never into the database. */
describe('bundle pages and the database', () => {
  it('exports the page it is given, and neither import nor restore stores it', async () => {
    const source = freshDb();
    await createAnnotation(source, newAnnotation({ start: 0, end: 5 }));
    const json = bundleToJson(
      await exportBundle(source, { documents, pageOf: () => 4, now: new Date('2026-12-02T00:00:00Z') }),
    );
    expect(parseBundleJson(json).annotations[0]!.page).toBe(4);

    const imported = freshDb();
    await importBundle(imported, parseBundleJson(json));
    const restored = freshDb();
    await restoreBundle(restored, parseBundleJson(json));
    for (const db of [imported, restored]) {
      const [stored] = await db.annotations.toArray();
      expect(stored).toEqual((await source.annotations.toArray())[0]);
      expect(stored).not.toHaveProperty('page');
    }
  });
});
