import { SuggestCore } from './suggest-core';
import { columnBuffers, type SuggestReply } from './suggest-protocol';

/** Suggestions off the page's thread (see suggest-core.ts). */

interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(reply: SuggestReply, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const core = new SuggestCore();
scope.onmessage = (event) => {
  const reply = core.handle(event.data);
  const transfer = reply.type === 'spans' ? reply.documents.flatMap(columnBuffers) : [];
  scope.postMessage(reply, transfer);
};
