import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Codebook } from '../../../../shared/codebook/codebook';
import {
  SettingsValidationError,
  dismissStorageWarning,
  dismissedStorageWarning,
  documentStatuses,
  getAnnotatorName,
  getSnapToWords,
  getUiLanguageChoice,
  setUiLanguageChoice,
  loadCodebook,
  saveCodebook,
  setAnnotatorName,
  setDocumentStatus,
  setSnapToWords,
} from '../settings-repo';
import type { TandaDB, WorkStatus } from '../tanda-db';
import { ARTICLE, OTHER_ARTICLE, freshDb } from './annotation-fixtures';

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});

describe('annotator name', () => {
  it('is null on first run, then stored trimmed', async () => {
    db = freshDb();
    expect(await getAnnotatorName(db)).toBeNull();
    expect(await setAnnotatorName(db, '  Ayu Lestari \n')).toBe('Ayu Lestari');
    expect(await getAnnotatorName(db)).toBe('Ayu Lestari');
    await setAnnotatorName(db, 'Budi');
    expect(await getAnnotatorName(db)).toBe('Budi');
  });

  it('refuses an empty or over-long name with a clear error and keeps the old one', async () => {
    db = freshDb();
    await setAnnotatorName(db, 'Ayu');
    await expect(setAnnotatorName(db, '   ')).rejects.toThrow(/Annotator: .*cannot be empty/);
    await expect(setAnnotatorName(db, 'x'.repeat(201))).rejects.toThrow(/201 characters long; at most 200/);
    await expect(setAnnotatorName(db, '')).rejects.toBeInstanceOf(SettingsValidationError);
    expect(await setAnnotatorName(db, 'y'.repeat(200))).toHaveLength(200);
    await setAnnotatorName(db, 'Ayu');
    expect(await getAnnotatorName(db)).toBe('Ayu');
  });
});

describe('storage warning', () => {
  it('remembers which answer was dismissed, and ignores a row it did not write', async () => {
    db = freshDb();
    expect(await dismissedStorageWarning(db)).toBeNull();
    await dismissStorageWarning(db, 'refused');
    expect(await dismissedStorageWarning(db)).toBe('refused');
    await dismissStorageWarning(db, 'unsupported');
    expect(await dismissedStorageWarning(db)).toBe('unsupported');
    await db.settings.put({ key: 'storageWarningDismissed', value: true });
    expect(await dismissedStorageWarning(db)).toBeNull();
  });
});

describe('snap to words', () => {
  it('defaults to on and remembers the choice', async () => {
    db = freshDb();
    expect(await getSnapToWords(db)).toBe(true);
    await setSnapToWords(db, false);
    expect(await getSnapToWords(db)).toBe(false);
    await expect(setSnapToWords(db, 'yes' as unknown as boolean)).rejects.toBeInstanceOf(
      SettingsValidationError,
    );
  });
});

describe('interface language', () => {
  it('follows the system until chosen, remembers the choice, and refuses an unknown language', async () => {
    db = freshDb();
    expect(await getUiLanguageChoice(db)).toBe('system');
    await setUiLanguageChoice(db, 'id');
    expect(await getUiLanguageChoice(db)).toBe('id');
    await expect(setUiLanguageChoice(db, 'fr' as never)).rejects.toThrow(/Language: "fr" is not one of/);
    expect(await getUiLanguageChoice(db)).toBe('id');
  });

  it('reads a stored value it does not know as following the system', async () => {
    db = freshDb();
    await db.settings.put({ key: 'uiLanguage', value: 'klingon' });
    expect(await getUiLanguageChoice(db)).toBe('system');
  });
});

describe('document status', () => {
  it('is kept per annotator and per document', async () => {
    db = freshDb();
    await setDocumentStatus(db, 'Ayu', ARTICLE, 'in_progress');
    await setDocumentStatus(db, 'Ayu', OTHER_ARTICLE, 'done');
    await setDocumentStatus(db, 'Ayu', ARTICLE, 'done');
    await setDocumentStatus(db, 'Budi', ARTICLE, 'not_started');
    await setDocumentStatus(db, 'Ayub', ARTICLE, 'in_progress');

    expect(await documentStatuses(db, 'Ayu')).toEqual(
      new Map([
        [ARTICLE, 'done'],
        [OTHER_ARTICLE, 'done'],
      ]),
    );
    expect(await documentStatuses(db, 'Budi')).toEqual(new Map([[ARTICLE, 'not_started']]));
    expect(await documentStatuses(db, 'Nobody')).toEqual(new Map());
  });

  it('refuses an unknown status, an empty path or annotator', async () => {
    db = freshDb();
    await expect(setDocumentStatus(db, 'Ayu', ARTICLE, 'finished' as WorkStatus)).rejects.toThrow(
      /"finished" is not one of not_started, in_progress, done/,
    );
    await expect(setDocumentStatus(db, 'Ayu', '', 'done')).rejects.toThrow(/document path is empty/);
    await expect(setDocumentStatus(db, '', ARTICLE, 'done')).rejects.toThrow(/annotator/);
    expect(await db.documentStatus.count()).toBe(0);
  });
});

describe('codebook', () => {
  it('is null until saved, then the saved JSON value', async () => {
    db = freshDb();
    expect(await loadCodebook(db)).toBeNull();
    const codebook: Codebook = {
      version: 1,
      tags: [
        {
          id: 'commitment',
          label: 'Commitment',
          color: '#1f77b4',
          description: '',
          shortcut: '1',
          retired: false,
          attributes: [],
        },
      ],
    };
    await saveCodebook(db, codebook);
    expect(await loadCodebook(db)).toEqual(codebook);
    await saveCodebook(db, { version: 1, tags: [] });
    expect(await loadCodebook(db)).toEqual({ version: 1, tags: [] });
    expect(await db.codebook.count()).toBe(1);
  });

  it('refuses what is not a JSON object', async () => {
    db = freshDb();
    await expect(saveCodebook(db, null as unknown as Codebook)).rejects.toThrow(
      /Codebook: expected an object/,
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(saveCodebook(db, cyclic as unknown as Codebook)).rejects.toThrow(/Codebook: not plain JSON/);
    expect(await loadCodebook(db)).toBeNull();
  });
});
