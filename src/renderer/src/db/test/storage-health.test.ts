import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import {
  isQuotaError,
  requestPersistentStorage,
  storageWarningToShow,
  type StorageNavigator,
} from '../storage-health';

function fakeNavigator(
  persist: () => Promise<boolean>,
  persisted?: () => Promise<boolean>,
): StorageNavigator {
  return { storage: { persist, persisted } };
}

describe('requestPersistentStorage', () => {
  it('reports persisted when the browser grants it', async () => {
    expect(await requestPersistentStorage(fakeNavigator(async () => true))).toBe('persisted');
  });

  it('reports refused when the browser says no, and warns', async () => {
    const outcome = await requestPersistentStorage(
      fakeNavigator(
        async () => false,
        async () => false,
      ),
    );
    expect(outcome).toBe('refused');
  });

  it('does not ask again when storage is already persisted', async () => {
    let asked = 0;
    const nav = fakeNavigator(
      async () => {
        asked += 1;
        return false;
      },
      async () => true,
    );
    expect(await requestPersistentStorage(nav)).toBe('persisted');
    expect(asked).toBe(0);
  });

  it('treats a failing request as refused', async () => {
    const nav = fakeNavigator(async () => {
      throw new Error('not allowed');
    });
    expect(await requestPersistentStorage(nav)).toBe('refused');
  });

  it('reports unsupported without a Storage API', async () => {
    expect(await requestPersistentStorage({})).toBe('unsupported');
    expect(await requestPersistentStorage({ storage: {} })).toBe('unsupported');
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
  });
});

describe('storageWarningToShow', () => {
  it('warns once per answer, and never when storage is persisted', () => {
    expect(storageWarningToShow('refused', null)).toBe('refused');
    expect(storageWarningToShow('refused', 'refused')).toBeNull();
    // Granted since, refused again: worth saying again.
    expect(storageWarningToShow('refused', 'persisted')).toBe('refused');
    expect(storageWarningToShow('unsupported', 'refused')).toBe('unsupported');
    expect(storageWarningToShow('persisted', null)).toBeNull();
    expect(storageWarningToShow('persisted', 'refused')).toBeNull();
  });
});

describe('isQuotaError', () => {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('recognises the DOMException and its Dexie wrappings', () => {
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', quota))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: [{ name: 'ConstraintError' }, quota] })).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
  });

  it('is false for other errors and non-errors', () => {
    expect(isQuotaError(new Dexie.ConstraintError('dup'))).toBe(false);
    expect(isQuotaError(new Error('boom'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});
