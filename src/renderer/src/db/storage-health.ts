/*
 * Is the browser keeping our data, and why did a write fail? Pure checks over
 * the Storage API and Dexie's errors, so they run with fake objects in tests.
 */

export type PersistenceOutcome = 'persisted' | 'refused' | 'unsupported';

/** The part of `navigator` we use; tests pass fakes. */
export interface StorageNavigator {
  storage?: {
    persist?: () => Promise<boolean>;
    persisted?: () => Promise<boolean>;
  };
}

/**
 * Ask the browser not to evict Tanda's database under storage pressure.
 * Asks `persisted()` first so an already granted origin is never prompted
 * again. A failing request counts as refused: the UI should warn.
 */
export async function requestPersistentStorage(
  nav: StorageNavigator | undefined = globalThis.navigator as StorageNavigator | undefined,
): Promise<PersistenceOutcome> {
  const storage = nav?.storage;
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'refused';
  } catch {
    return 'refused';
  }
}

/**
 * The outcome to warn about at this launch (its wording is the UI's, under
 * `storageWarning.<outcome>`), or null: only when storage really is not
 * persisted, and once per origin and answer (`shownFor`: the outcome it was
 * last shown for here, null if never).
 */
export function storageWarningToShow(
  outcome: PersistenceOutcome,
  shownFor: PersistenceOutcome | null,
): Exclude<PersistenceOutcome, 'persisted'> | null {
  return outcome === 'persisted' || outcome === shownFor ? null : outcome;
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * True when `error` is, or wraps, a storage quota error: a DOMException named
 * `QuotaExceededError`, Dexie's `QuotaExceededError`, Dexie's wrappers that
 * keep the cause in `inner` (AbortError, OpenFailedError, …) and BulkError's
 * `failures`.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object') return false;
  const e = error as { name?: unknown; inner?: unknown; failures?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  if (isQuotaError(e.inner, depth + 1)) return true;
  if (e.failures && typeof e.failures === 'object') {
    for (const failure of Object.values(e.failures as Record<string, unknown>)) {
      if (isQuotaError(failure, depth + 1)) return true;
    }
  }
  return false;
}
