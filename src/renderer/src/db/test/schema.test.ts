import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createAnnotation, getAnnotation } from '../annotation-repo';
import { getAnnotatorName, setAnnotatorName } from '../settings-repo';
import { formatHlc } from '../../../../shared/team/hlc';
import { deleteEntry, putEntry } from '../../../../shared/team/journal-line';
import { DEFAULT_DB_NAME, TandaDB, TEAM_SEGMENT_RECORDS, type TeamRecordRow } from '../tanda-db';
import { newAnnotation, storedTeamRecords } from './annotation-fixtures';

/** The tables of version 1, as a database written then holds them. */
const V1_STORES = {
  annotations: 'id, documentPath, [documentPath+annotator], annotator, tag, updatedAt',
  codebook: 'id',
  documentStatus: '[annotator+documentPath]',
  settings: 'key',
};

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
    expect(second.verno).toBe(8);
    expect(second.tables.map((t) => t.name).sort()).toEqual([
      'annotations',
      'codebook',
      'colleagueAnnotations',
      'documentStatus',
      'documentTexts',
      'settings',
      'suggestionDecisions',
      'tallyCache',
      'teamSegments',
    ]);
    expect(await getAnnotation(second, after!.id)).toEqual(after);
    expect(await getAnnotatorName(second)).toBe('Ayu');
    second.close();
    await new TandaDB(name).delete();
  });

  it('upgrades a database written by version 1 of the schema, keeping its data and adding the new tables', async () => {
    const name = 'tanda-test-' + crypto.randomUUID();
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    await v1.open();
    await v1.table('settings').put({ key: 'annotator', value: 'Ayu' });
    v1.close();
    const upgraded = new TandaDB(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(8);
    expect(await getAnnotatorName(upgraded)).toBe('Ayu');
    expect(await upgraded.documentTexts.count()).toBe(0);
    expect(await upgraded.teamSegments.count()).toBe(0);
    expect(await upgraded.suggestionDecisions.count()).toBe(0);
    expect(await upgraded.colleagueAnnotations.count()).toBe(0);
    upgraded.close();
    await upgraded.delete();
  });

  it("moves the team journals' merged state of a version 4 database into segments, record for record", async () => {
    const name = 'tanda-test-' + crypto.randomUUID();
    const v4 = new Dexie(name);
    v4.version(4).stores({
      ...V1_STORES,
      documentTexts: 'sha256, documentPath',
      teamRecords: 'id',
      suggestionDecisions: 'id, annotator, [annotator+documentPath]',
    });
    await v4.open();
    const device = '00000000-0000-4000-8000-00000000000a';
    const hlc = (wall: number) => formatHlc({ wall, counter: 0, device });
    const kept = newAnnotation();
    // More rows than one segment holds, one of them with a losing version in its history.
    const rows: TeamRecordRow[] = Array.from({ length: TEAM_SEGMENT_RECORDS + 3 }, (_, i) => {
      const record = {
        ...kept,
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        createdAt: '',
        updatedAt: '',
      };
      const winner = putEntry('annotation', record, hlc(2_000 + i));
      const history = i === 7 ? [putEntry('annotation', { ...record, note: 'lost' }, hlc(1_000))] : [];
      return { id: `annotation\u0000${record.id}`, winner, history };
    });
    rows.push({
      id: 'date\u0000berita/a.txt',
      winner: deleteEntry('date', 'berita/a.txt', hlc(5)),
      history: [],
    });
    await v4.table('teamRecords').bulkPut(rows);
    await v4.table('settings').put({ key: 'annotator', value: 'Ayu' });
    v4.close();

    const upgraded = new TandaDB(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(8);
    expect(upgraded.tables.map((t) => t.name)).not.toContain('teamRecords');
    expect(await upgraded.teamSegments.count()).toBe(2);
    const stored = await storedTeamRecords(upgraded);
    expect(stored.size).toBe(rows.length);
    for (const row of rows)
      expect(stored.get(row.id)).toEqual({
        kind: row.winner.kind,
        key: row.winner.key,
        winner: row.winner,
        history: row.history,
      });
    expect(await getAnnotatorName(upgraded)).toBe('Ayu');
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
