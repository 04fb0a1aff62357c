import { afterEach, describe, expect, it, vi } from 'vitest';

class FakeWorker {
  static made: FakeWorker[] = [];
  constructor(
    readonly url: URL,
    readonly options: { name: string },
  ) {
    FakeWorker.made.push(this);
  }
  postMessage(): void {}
  terminate(): void {}
  addEventListener(): void {}
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeWorker.made = [];
});

async function load() {
  vi.stubGlobal('Worker', FakeWorker);
  return import('../library-workers');
}

describe('the library workers started with the page', () => {
  it('one per role, two roles from 4 cores on', async () => {
    const { libraryRoles } = await load();
    expect(libraryRoles(2)).toEqual(['all']);
    expect(libraryRoles(3)).toEqual(['all']);
    expect(libraryRoles(4)).toEqual(['index', 'describe']);
  });

  it('are handed to the library once, named for their role; later ones start then', async () => {
    const { startLibraryWorkers, takeLibraryWorker } = await load();
    startLibraryWorkers(['index', 'describe']);
    startLibraryWorkers(['index', 'describe']); // started once
    expect(FakeWorker.made.map((w) => w.options.name)).toEqual([
      'tanda-library-index',
      'tanda-library-describe',
    ]);
    expect(takeLibraryWorker('describe')).toBe(FakeWorker.made[1]);
    expect(takeLibraryWorker('index')).toBe(FakeWorker.made[0]);
    const fresh = takeLibraryWorker('index');
    expect(FakeWorker.made).toHaveLength(3);
    expect(fresh).toBe(FakeWorker.made[2]);
  });

  it('the engine takes the one started for its role', async () => {
    const { startLibraryWorkers } = await load();
    startLibraryWorkers(['all']);
    const { createLibraryEngine } = await import('../library-engine');
    createLibraryEngine('all');
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('a page that cannot start workers starts none, and the engine runs on the page', async () => {
    vi.stubGlobal('Worker', undefined);
    const { startLibraryWorkers } = await import('../library-workers');
    expect(() => startLibraryWorkers(['all'])).not.toThrow();
    const { createLibraryEngine, InThreadEngine } = await import('../library-engine');
    expect(createLibraryEngine('all')).toBeInstanceOf(InThreadEngine);
  });
});
