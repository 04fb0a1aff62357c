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
const core = new LibraryCore(role ?? 'all');
scope.onmessage = (event) => {
  const reply = core.handle(event.data);
  if (reply !== null) scope.postMessage(reply);
};
