import { LibraryCore, type LibraryReply, type LibraryRequest } from './library-core';

/** The corpus library's index and metadata, off the page's thread (see library-core.ts). */

interface WorkerScope {
  onmessage: ((event: MessageEvent<LibraryRequest>) => void) | null;
  postMessage(reply: LibraryReply): void;
}

const scope = self as unknown as WorkerScope;
const core = new LibraryCore();
scope.onmessage = (event) => {
  const reply = core.handle(event.data);
  if (reply !== null) scope.postMessage(reply);
};
