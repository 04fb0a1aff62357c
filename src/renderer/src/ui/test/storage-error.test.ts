import { afterEach, describe, expect, it } from 'vitest';
import { NoteConflictError } from '../../db/annotation-repo';
import { i18n } from '../../i18n/i18n';
import { describeStorageError } from '../storage-error';

describe('describeStorageError', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('explains a full quota and that nothing saved was lost', () => {
    expect(describeStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(
      "Tanda could not save: the browser's storage quota is full. Nothing already saved was lost; free space or export your work.",
    );
  });

  it('passes any other reason on in one sentence', () => {
    expect(describeStorageError(new Error('Database closed.'))).toBe(
      'Tanda could not save: Database closed. Nothing already saved was lost.',
    );
    expect(describeStorageError(new Error(''))).toBe(
      'Tanda could not save: an unknown error. Nothing already saved was lost.',
    );
  });

  it('says a note saved meanwhile in another tab in the interface language', async () => {
    const conflict = new NoteConflictError('a1', 'theirs', 'mine');
    expect(describeStorageError(conflict)).toBe(
      `Tanda could not save: ${conflict.message}. Nothing already saved was lost.`,
    );
    await i18n.changeLanguage('id');
    expect(describeStorageError(conflict)).toMatch(
      /^Tanda tidak dapat menyimpan: tab lain menyimpan catatan yang berbeda .*"theirs".*\. Tidak ada yang sudah tersimpan yang hilang\.$/,
    );
    expect(describeStorageError({ name: 'QuotaExceededError' })).toMatch(
      /^Tanda tidak dapat menyimpan: kuota/,
    );
  });
});
