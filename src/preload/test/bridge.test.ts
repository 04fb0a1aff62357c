import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiCalls } from '../../shared/api/api-contract';
import { CORPUS_EVENT_CHANNEL, ipcChannel } from '../../shared/api/api-channels';
import { createBridge, type BridgeIpc } from '../bridge';

function fakeIpc() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, ((event: unknown, payload: never) => void)[]>();
  const ipc: BridgeIpc = {
    invoke: async (channel, request) => {
      invoked.push([channel, request]);
      return { ok: true, value: channel };
    },
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel, listener) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  };
  return { ipc, invoked, listeners };
}

describe('the preload bridge', () => {
  it("has one function per call of the table, each bound to that call's channel, and nothing generic", async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(apiCalls), 'onCorpusEvent'].sort());
    for (const call of Object.keys(apiCalls) as (keyof typeof apiCalls)[]) {
      expect(await bridge[call]({ asked: call })).toEqual({ ok: true, value: ipcChannel(call) });
    }
    expect(invoked).toEqual(Object.keys(apiCalls).map((call) => [`tanda:${call}`, { asked: call }]));
  });

  it('passes corpus events on without the IPC event, until told to stop', () => {
    const { ipc, listeners } = fakeIpc();
    const seen: unknown[] = [];
    const stop = createBridge(ipc).onCorpusEvent((event) => seen.push(event));
    const sender = { sender: 'main' };
    for (const l of listeners.get(CORPUS_EVENT_CHANNEL)!) l(sender, { type: 'scan-done' } as never);
    stop();
    expect(seen).toEqual([{ type: 'scan-done' }]);
    expect(listeners.get(CORPUS_EVENT_CHANNEL)).toEqual([]);
  });

  it('imports neither zod nor the zod contract, so the sandboxed preload stays small', () => {
    for (const file of ['src/preload/bridge.ts', 'src/preload/index.ts', 'src/shared/api/api-channels.ts']) {
      const source = readFileSync(join(__dirname, '../../..', file), 'utf8');
      expect(source, file).not.toMatch(/from '(zod|[^']*api-contract)'/);
    }
  });
});
