import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MetadataValidationError,
  metadataKey,
  metadataOverrides,
  normalizeDocumentDate,
  setDocumentDate,
} from '../metadata-repo';
import type { TandaDB } from '../tanda-db';
import { ARTICLE, OTHER_ARTICLE, freshDb } from './annotation-fixtures';

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});

describe('normalizeDocumentDate', () => {
  it('keeps full and partial ISO dates, padding and reading / or . as -', () => {
    expect(normalizeDocumentDate('2025-10-09')).toBe('2025-10-09');
    expect(normalizeDocumentDate(' 2025-1-9 ')).toBe('2025-01-09');
    expect(normalizeDocumentDate('2024/10')).toBe('2024-10');
    expect(normalizeDocumentDate('2023')).toBe('2023');
    expect(normalizeDocumentDate('2024.02.29')).toBe('2024-02-29');
  });

  it('refuses what is not a real date, saying why', () => {
    expect(() => normalizeDocumentDate('9 Oktober 2025')).toThrow(/not a date like 2025-10-09/);
    expect(() => normalizeDocumentDate('2025-13')).toThrow(/no month 13/);
    expect(() => normalizeDocumentDate('2025-02-29')).toThrow(/has no day 29/);
    expect(() => normalizeDocumentDate('1850')).toThrow(/1900 to 2099/);
    expect(() => normalizeDocumentDate('')).toThrow(MetadataValidationError);
  });

  it('names the problem and its values, for the view to say in the interface language', () => {
    const problemOf = (input: string) => {
      try {
        normalizeDocumentDate(input);
      } catch (error) {
        return (error as MetadataValidationError).problem;
      }
      return undefined;
    };
    expect(problemOf('2025-13')).toEqual({ kind: 'month', values: { month: '13' } });
    expect(problemOf('2025-02-29')).toEqual({ kind: 'day', values: { month: '2025-02', day: '29' } });
    expect(problemOf('1850')).toEqual({ kind: 'year', values: { from: 1900, to: 2099 } });
    expect(problemOf('kemarin')).toEqual({ kind: 'notADate', values: { input: 'kemarin' } });
  });
});

describe('document date overrides', () => {
  it('are stored as settings rows keyed metadata:<path> and read back by path', async () => {
    db = freshDb();
    expect(await metadataOverrides(db)).toEqual(new Map());
    expect(await setDocumentDate(db, ARTICLE, '2024-10-12')).toBe('2024-10-12');
    await setDocumentDate(db, OTHER_ARTICLE, '2023');
    expect((await db.settings.get(metadataKey(ARTICLE)))?.value).toEqual({ date: '2024-10-12' });
    expect(await metadataOverrides(db)).toEqual(
      new Map([
        [ARTICLE, { date: '2024-10-12' }],
        [OTHER_ARTICLE, { date: '2023' }],
      ]),
    );
  });

  it('clearing the date deletes the row and leaves other settings alone', async () => {
    db = freshDb();
    await db.settings.put({ key: 'annotator', value: 'Ayu' });
    await setDocumentDate(db, ARTICLE, '2024-10');
    expect(await setDocumentDate(db, ARTICLE, null)).toBeNull();
    expect(await db.settings.get(metadataKey(ARTICLE))).toBeUndefined();
    expect(await db.settings.count()).toBe(1);
  });

  it('refuses a bad date or path and keeps the stored one', async () => {
    db = freshDb();
    await setDocumentDate(db, ARTICLE, '2024-10-12');
    await expect(setDocumentDate(db, ARTICLE, '2024-02-30')).rejects.toBeInstanceOf(MetadataValidationError);
    await expect(setDocumentDate(db, '', '2024')).rejects.toThrow(/document path is empty/);
    expect((await metadataOverrides(db)).get(ARTICLE)).toEqual({ date: '2024-10-12' });
  });

  it('skips rows that do not hold a valid date', async () => {
    db = freshDb();
    await db.settings.put({ key: metadataKey(ARTICLE), value: { date: 'soon' } });
    await db.settings.put({ key: metadataKey(OTHER_ARTICLE), value: 42 });
    expect(await metadataOverrides(db)).toEqual(new Map());
  });
});
