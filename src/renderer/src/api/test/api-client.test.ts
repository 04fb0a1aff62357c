import { describe, expect, it } from 'vitest';
import { apiCalls, TandaApiError, type ApiCall } from '../../../../shared/api/api-contract';
import { createApiClient, type ApiTransport } from '../api-client';

const SNAPSHOT = { root: '/c', name: 'c', scanning: false, documents: [] };

function transport(answer: (name: ApiCall, request: unknown) => unknown) {
  const calls: [ApiCall, unknown][] = [];
  const t: ApiTransport = {
    mode: 'web',
    call: async (name, request) => {
      calls.push([name, request]);
      return answer(name, request) as never;
    },
    subscribe: () => () => {},
  };
  return { t, calls };
}

describe('createApiClient', () => {
  it('has a function for every call of the table, sending its request ({} when none is given)', async () => {
    const { t, calls } = transport((name) =>
      name === 'readBackup' ? { ok: true, value: { name: 'b', json: '{}' } } : { ok: true, value: SNAPSHOT },
    );
    const api = createApiClient(t);
    for (const call of Object.keys(apiCalls)) expect(typeof api[call as ApiCall]).toBe('function');
    expect(await api.getCorpus()).toEqual(SNAPSHOT);
    expect(await api.readBackup({ name: 'b' })).toEqual({ name: 'b', json: '{}' });
    expect(calls).toEqual([
      ['getCorpus', {}],
      ['readBackup', { name: 'b' }],
    ]);
  });

  it("throws the other side's failure with its code, and refuses an answer the contract does not allow", async () => {
    const failing = createApiClient(
      transport(() => ({ ok: false, error: { code: 'not-found', message: 'no document "x"' } })).t,
    );
    await expect(failing.readDocument({ path: 'x' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'no document "x"',
    });
    const odd = createApiClient(transport(() => ({ ok: true, value: { documents: 'nope' } })).t);
    const error = await odd.readDocuments({ paths: ['a.txt'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TandaApiError);
    expect((error as TandaApiError).code).toBe('bad-response');
    expect((error as TandaApiError).message).toMatch(/^readDocuments: unexpected answer/);
  });

  it('checks a corpus listing on its fast path as strictly as zod: a bad row refuses the answer or the event', async () => {
    const row = {
      path: 'a.txt',
      title: 'A',
      sha256: 'ab'.repeat(32),
      chars: 3,
      encoding: 'utf-8',
      status: 'ok',
      fromANewerHost: true,
    };
    const good = { ...SNAPSHOT, documents: [row] };
    const bad = { ...SNAPSHOT, documents: [row, { ...row, path: 'b.txt', sha256: 'not a hash' }] };
    const api = (value: unknown) => createApiClient(transport(() => ({ ok: true, value })).t);
    // Unknown keys dropped, as zod's parse drops them.
    const { fromANewerHost: _dropped, ...expected } = row;
    expect(await api(good).getCorpus()).toEqual({ ...SNAPSHOT, documents: [expected] });
    const error = await api(bad)
      .reloadCorpus()
      .catch((e: unknown) => e);
    expect((error as TandaApiError).code).toBe('bad-response');
    expect((error as TandaApiError).message).toMatch(/^reloadCorpus: unexpected answer.*sha256/s);

    let emit: (event: unknown) => void = () => {};
    const events: unknown[] = [];
    const client = createApiClient({
      ...transport(() => null).t,
      subscribe: (listener) => {
        emit = listener;
        return () => {};
      },
    });
    client.onCorpusEvent((event) => events.push(event));
    const warn = console.warn;
    console.warn = () => {};
    try {
      emit({ type: 'corpus-opened', snapshot: bad });
      emit({ type: 'corpus-opened', snapshot: good });
    } finally {
      console.warn = warn;
    }
    expect(events).toEqual([{ type: 'corpus-opened', snapshot: { ...SNAPSHOT, documents: [expected] } }]);
  });

  it('checks an event once for all its listeners, and each event anew', () => {
    const listeners: ((event: unknown) => void)[] = [];
    const client = createApiClient({
      ...transport(() => null).t,
      subscribe: (listener) => {
        listeners.push(listener);
        return () => {};
      },
    });
    const a: unknown[] = [];
    const b: unknown[] = [];
    client.onCorpusEvent((event) => a.push(event));
    client.onCorpusEvent((event) => b.push(event));
    const fanOut = (event: unknown) => listeners.forEach((listener) => listener(event));
    fanOut({ type: 'corpus-opened', snapshot: SNAPSHOT });
    fanOut({ type: 'document-removed', path: 'x.txt' });
    // One check makes one object: both listeners hold the same one.
    expect(a[0]).toBe(b[0]);
    expect(a[0]).toEqual({ type: 'corpus-opened', snapshot: SNAPSHOT });
    expect(b[1]).toEqual({ type: 'document-removed', path: 'x.txt' });
    const warn = console.warn;
    console.warn = () => {};
    try {
      fanOut('not an event');
    } finally {
      console.warn = warn;
    }
    expect(a).toHaveLength(2);
  });
});
