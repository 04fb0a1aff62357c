import type { LibraryRole } from './library-core';

/*
 * The corpus library's workers, started by main.tsx before any other part of the page loads. A
 * worker reads the search index kept from the last launch as soon as it starts (library.worker.ts):
 * started with the library, the page's third part, the index of 10,000 articles was restored
 * 0.8 s after the reload began; the workers load and read beside the page's start instead.
 */

const started = new Map<LibraryRole, Worker>();

/**
 * Indexing and describing the texts go to two workers when there is a core for each beside the
 * page's (4 or more); with 2 cores a second worker starved the page while the corpus loaded (long
 * tasks doubled) for a library complete 8 s sooner of 28 s, so there they share one.
 */
export function libraryRoles(cores: number): LibraryRole[] {
  return cores >= 4 ? ['index', 'describe'] : ['all'];
}

/** The page's cores, as the library counts them. */
export function pageCores(): number {
  return typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1);
}

/** Starts the workers for this page's roles; a page that cannot start workers is left to the library's fallback. */
export function startLibraryWorkers(roles: readonly LibraryRole[] = libraryRoles(pageCores())): void {
  if (typeof Worker !== 'function') return;
  for (const role of roles) {
    if (started.has(role)) continue;
    try {
      started.set(role, newLibraryWorker(role));
    } catch {
      // The library starts its own, or runs on the page.
    }
  }
}

/** The worker started for `role`, handed over once; otherwise a new one (which may throw). */
export function takeLibraryWorker(role: LibraryRole): Worker {
  const worker = started.get(role);
  if (worker === undefined) return newLibraryWorker(role);
  started.delete(role);
  return worker;
}

function newLibraryWorker(role: LibraryRole): Worker {
  // The role travels in the worker's name (library.worker.ts reads it).
  return new Worker(new URL('./library.worker.ts', import.meta.url), {
    type: 'module',
    name: `tanda-library-${role}`,
  });
}
