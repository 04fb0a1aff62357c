import { SuggestCore } from './suggest-core';
import type { SuggestReply } from './suggest-protocol';

/** Suggestions off the page's thread (see suggest-core.ts). */

interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(reply: SuggestReply, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const core = new SuggestCore();
scope.onmessage = (event) => {
  const reply = core.handle(event.data);
  const transfer =
    reply.type === 'spans'
      ? reply.documents.flatMap((d) => [d.matcher.buffer, d.start.buffer, d.end.buffer])
      : [];
  scope.postMessage(reply, transfer);
};
