import { describe, expect, it, vi } from 'vitest';
import { apiCallNames, ipcChannel } from '../../shared/api/api-contract';
import type { CorpusEvent } from '../../shared/corpus/corpus-types';
import { CorpusHost, handleIpcCall, registerIpcHandlers, type IpcContext } from '../ipc-handlers';
import { FakeCorpusService } from './fake-corpus-service';

// Stand-ins for Electron's objects: only the fields the sender check reads.
const mainFrame = { processId: 4, routingId: 1, url: 'app://tanda/index.html' };
const appWindow = { webContents: { id: 7, mainFrame, isDestroyed: () => false } };
type SenderEvent = Parameters<typeof handleIpcCall>[2];

function eventFrom(
  frame: { processId: number; routingId: number; url: string } | null = mainFrame,
  senderId = 7,
): SenderEvent {
  return { sender: { id: senderId }, senderFrame: frame } as unknown as SenderEvent;
}

async function contextWith(service: FakeCorpusService | null, devServerUrl?: string): Promise<IpcContext> {
  const host = new CorpusHost(
    async () => {
      if (!service) throw new Error('the folder is gone');
      return service;
    },
    () => undefined,
  );
  await host.switchTo(service?.root ?? '/nowhere').catch(() => undefined);
  const backups = {
    dir: '/backups',
    write: async () => ({
      name: 'b.json',
      createdAt: '2026-01-01T00:00:00.000Z',
      bytes: 2,
      reason: 'manual' as const,
    }),
    list: async () => [],
    read: async () => '{}',
  };
  return {
    host,
    services: { backups: () => backups },
    getWindow: () => appWindow as unknown as ReturnType<IpcContext['getWindow']>,
    devServerUrl,
  };
}

describe('handleIpcCall: payload validation', () => {
  it('rejects a bad payload as invalid-request, naming the field', async () => {
    const context = await contextWith(new FakeCorpusService());
    const empty = await handleIpcCall(context, 'readDocument', eventFrom(), { path: '' });
    expect(empty).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('path') },
    });
    expect(empty.ok || empty.error.message).toMatch(/path: document path is empty/);

    const wrongType = await handleIpcCall(context, 'readDocument', eventFrom(), { path: 42 });
    expect(wrongType).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/path/) },
    });
  });

  it('rejects extra fields and non-object payloads', async () => {
    const context = await contextWith(new FakeCorpusService());
    const extra = await handleIpcCall(context, 'readDocument', eventFrom(), { path: 'a.txt', root: '/etc' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const text = await handleIpcCall(context, 'getCorpus', eventFrom(), 'please');
    expect(text).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('handleIpcCall: results and errors', () => {
  it('returns the value on success', async () => {
    const service = new FakeCorpusService();
    const context = await contextWith(service);
    const corpus = await handleIpcCall(context, 'getCorpus', eventFrom(), {});
    expect(corpus).toEqual({ ok: true, value: service.snapshot() });
    const document = await handleIpcCall(context, 'readDocument', eventFrom(), { path: 'a.txt' });
    expect(document).toMatchObject({ ok: true, value: { text: 'Article A', meta: { path: 'a.txt' } } });
    await handleIpcCall(context, 'reloadCorpus', eventFrom(), {});
    expect(service.reloads).toBe(1);
  });

  it("passes a CorpusError's code through", async () => {
    const context = await contextWith(new FakeCorpusService());
    expect(await handleIpcCall(context, 'readDocument', eventFrom(), { path: 'missing.txt' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('missing.txt') },
    });
    expect(await handleIpcCall(context, 'readDocument', eventFrom(), { path: 'b.txt' })).toMatchObject({
      ok: false,
      error: { code: 'not-readable' },
    });
  });

  it('reports any other failure as internal, with its message', async () => {
    const service = new FakeCorpusService();
    service.reload = async () => {
      throw new Error('disk on fire');
    };
    const context = await contextWith(service);
    expect(await handleIpcCall(context, 'reloadCorpus', eventFrom(), {})).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('disk on fire') },
    });
  });

  it('says no-corpus (with the reason) when no corpus could be opened', async () => {
    const context = await contextWith(null);
    expect(await handleIpcCall(context, 'getCorpus', eventFrom(), {})).toEqual({
      ok: false,
      error: { code: 'no-corpus', message: expect.stringContaining('the folder is gone') },
    });
  });
});

describe('handleIpcCall: sender check', () => {
  it('accepts only the main frame of our window showing app://tanda/', async () => {
    const service = new FakeCorpusService();
    const readDocument = vi.spyOn(service, 'readDocument');
    const context = await contextWith(service);
    const refused = [
      eventFrom({ ...mainFrame, routingId: 2 }), // an iframe
      eventFrom(mainFrame, 8), // another window
      eventFrom({ ...mainFrame, url: 'https://evil.example/app://tanda/' }),
      eventFrom({ ...mainFrame, url: 'app://tanda.evil/index.html' }),
      eventFrom({ ...mainFrame, url: 'file:///work/out/renderer/index.html' }),
      eventFrom(null), // frame already gone
    ];
    for (const event of refused) {
      expect(await handleIpcCall(context, 'readDocument', event, { path: 'a.txt' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(readDocument).not.toHaveBeenCalled();
  });

  it('accepts the dev server origin only when one is configured', async () => {
    const devFrame = { ...mainFrame, url: 'http://localhost:5173/' };
    const dev = await contextWith(new FakeCorpusService(), 'http://localhost:5173');
    expect(await handleIpcCall(dev, 'getCorpus', eventFrom(devFrame), {})).toMatchObject({ ok: true });
    const packaged = await contextWith(new FakeCorpusService());
    expect(await handleIpcCall(packaged, 'getCorpus', eventFrom(devFrame), {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('refuses everything once the window is gone', async () => {
    const context = await contextWith(new FakeCorpusService());
    context.getWindow = () => null;
    expect(await handleIpcCall(context, 'getCorpus', eventFrom(), {})).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per call of the contract, and removes them', async () => {
    const handlers = new Map<string, unknown>();
    const ipcMain = {
      handle: (channel: string, handler: unknown) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
    const dispose = registerIpcHandlers(ipcMain, await contextWith(new FakeCorpusService()));
    expect([...handlers.keys()].sort()).toEqual(apiCallNames.map(ipcChannel).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('CorpusHost', () => {
  it('forwards the open corpus events and announces each switch', async () => {
    const events: CorpusEvent[] = [];
    const services = new Map([
      ['/one', new FakeCorpusService('/one')],
      ['/two', new FakeCorpusService('/two')],
    ]);
    const host = new CorpusHost(
      async (root) => services.get(root)!,
      (event) => events.push(event),
    );
    await host.switchTo('/one');
    services.get('/one')!.emit({ type: 'document-removed', path: 'a.txt' });
    await host.switchTo('/two');
    services.get('/one')!.emit({ type: 'document-removed', path: 'late.txt' }); // old corpus: not forwarded

    expect(services.get('/one')!.closed).toBe(true);
    expect(services.get('/one')!.listenerCount).toBe(0);
    expect(
      events.map((event) => (event.type === 'corpus-opened' ? `opened ${event.snapshot.root}` : event.type)),
    ).toEqual(['opened /one', 'document-removed', 'opened /two']);
  });

  it('keeps the current corpus when the new folder fails to open', async () => {
    const one = new FakeCorpusService('/one');
    const host = new CorpusHost(
      async (root) => {
        if (root === '/one') return one;
        throw new Error(`${root} is not a folder`);
      },
      () => undefined,
    );
    await host.switchTo('/one');
    await expect(host.switchTo('/missing')).rejects.toThrow('/missing is not a folder');
    expect(await host.settled()).toBe(one);
    expect(one.closed).toBe(false);
  });

  it('makes callers wait for a switch under way', async () => {
    let finishOpening: (service: FakeCorpusService) => void = () => undefined;
    const opening = new Promise<FakeCorpusService>((resolve) => (finishOpening = resolve));
    const host = new CorpusHost(
      () => opening,
      () => undefined,
    );
    const switching = host.switchTo('/slow');
    const settled = host.settled();
    expect(host.current).toBeNull();
    const slow = new FakeCorpusService('/slow');
    finishOpening(slow);
    await switching;
    expect(await settled).toBe(slow);
  });

  it('reload rescans and tells the renderer; close closes', async () => {
    const events: CorpusEvent[] = [];
    const service = new FakeCorpusService();
    const host = new CorpusHost(
      async () => service,
      (event) => events.push(event),
    );
    await host.switchTo(service.root);
    await host.reload();
    expect(service.reloads).toBe(1);
    expect(events.filter((event) => event.type === 'corpus-opened')).toHaveLength(2);
    await host.close();
    expect(service.closed).toBe(true);
    expect(await host.settled()).toBeNull();
  });
});
