import { errorMessage } from '../../../shared/validation/error-message';
import { IndexedDbSearchIndexCache } from '../db/search-index-cache';
import { LibraryCore, type LibraryReply, type LibraryRequest, type LibraryRole } from './library-core';

/** The corpus library's index and metadata, off the page's thread (see library-core.ts). */

interface WorkerScope {
  name: string;
  onmessage: ((event: MessageEvent<LibraryRequest>) => void) | null;
  postMessage(reply: LibraryReply): void;
}

const scope = self as unknown as WorkerScope;
// The role travels in the worker's name (`tanda-library-<role>`), set by createLibraryEngine.
const role = /-(index|describe)$/.exec(scope.name)?.[1] as LibraryRole | undefined;
const core = new LibraryCore(role ?? 'all', role === 'describe' ? null : new IndexedDbSearchIndexCache());
// Read the kept index while the page starts: by the time it names the corpus, it is restored.
core.prefetch();
// One request at a time, in order: puts sent while a restore reads the cache wait for it.
let turn: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  const request = event.data;
  turn = turn
    .then(async () => {
      const reply =
        request.type === 'restore' || request.type === 'save'
          ? await core.handleAsync(request)
          : core.handle(request);
      if (reply !== null) scope.postMessage(reply);
    })
    .catch((error: unknown) => scope.postMessage({ type: 'failed', id: null, message: errorMessage(error) }));
};
