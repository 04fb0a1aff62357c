import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createAnnotation, getAnnotation } from '../annotation-repo';
import { getAnnotatorName, setAnnotatorName } from '../settings-repo';
import { DEFAULT_DB_NAME, TandaDB } from '../tanda-db';
import { newAnnotation } from './annotation-fixtures';

describe('TandaDB schema', () => {
  it('opens an existing version 1 database again and keeps its data', async () => {
    const name = 'tanda-test-' + crypto.randomUUID();
    const first = new TandaDB(name);
    await first.open();
    const { after } = await createAnnotation(first, newAnnotation());
    await setAnnotatorName(first, 'Ayu');
    first.close();

    const second = new TandaDB(name);
    await second.open();
    expect(second.verno).toBe(4);
    expect(second.tables.map((t) => t.name).sort()).toEqual([
      'annotations',
      'codebook',
      'documentStatus',
      'documentTexts',
      'settings',
      'suggestionDecisions',
      'teamRecords',
    ]);
    expect(await getAnnotation(second, after!.id)).toEqual(after);
    expect(await getAnnotatorName(second)).toBe('Ayu');
    second.close();
    await new TandaDB(name).delete();
  });

  it('upgrades a database written by version 1 of the schema, keeping its data and adding the new tables', async () => {
    const name = 'tanda-test-' + crypto.randomUUID();
    const v1 = new Dexie(name);
    v1.version(1).stores({
      annotations: 'id, documentPath, [documentPath+annotator], annotator, tag, updatedAt',
      codebook: 'id',
      documentStatus: '[annotator+documentPath]',
      settings: 'key',
    });
    await v1.open();
    await v1.table('settings').put({ key: 'annotator', value: 'Ayu' });
    v1.close();
    const upgraded = new TandaDB(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(4);
    expect(await getAnnotatorName(upgraded)).toBe('Ayu');
    expect(await upgraded.documentTexts.count()).toBe(0);
    expect(await upgraded.teamRecords.count()).toBe(0);
    expect(await upgraded.suggestionDecisions.count()).toBe(0);
    upgraded.close();
    await upgraded.delete();
  });

  it('declares the indexes the repository queries', () => {
    const db = new TandaDB('tanda-test-' + crypto.randomUUID());
    const annotations = db.annotations.schema;
    expect(annotations.primKey.keyPath).toBe('id');
    expect(annotations.indexes.map((i) => i.name).sort()).toEqual(
      ['[documentPath+annotator]', 'annotator', 'documentPath', 'tag', 'updatedAt'].sort(),
    );
    expect(db.documentStatus.schema.primKey.keyPath).toEqual(['annotator', 'documentPath']);
    expect(db.codebook.schema.primKey.keyPath).toBe('id');
    expect(db.settings.schema.primKey.keyPath).toBe('key');
  });

  it("is named 'tanda' by default", () => {
    expect(new TandaDB().name).toBe(DEFAULT_DB_NAME);
    expect(DEFAULT_DB_NAME).toBe('tanda');
  });
});
