import { describe, expect, it, vi } from 'vitest';
import { readEventStream, reloadOnNewToken, sharedEvents } from '../web-transport';

describe('one event stream per tab', () => {
  it('opens one stream for every listener, fans events out, and closes it after the last', () => {
    const opened: ((event: unknown) => void)[] = [];
    let closed = 0;
    const subscribe = sharedEvents('token', (_token, deliver) => {
      opened.push(deliver);
      return () => (closed += 1);
    });
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = subscribe((e) => a.push(e));
    const stopB = subscribe((e) => b.push(e));
    expect(opened).toHaveLength(1);
    opened[0]!({ type: 'document-removed', path: 'x.txt' });
    expect(a).toEqual([{ type: 'document-removed', path: 'x.txt' }]);
    expect(b).toEqual(a);

    stopA();
    expect(closed).toBe(0);
    opened[0]!('second');
    expect(a).toHaveLength(1);
    stopB();
    expect(closed).toBe(1);

    subscribe(() => {});
    expect(opened).toHaveLength(2); // a later listener opens a fresh stream
  });
});

describe('a new token in the fragment', () => {
  function fakeWindow(hash: string, stored: string | null) {
    const storage = new Map<string, string>(stored === null ? [] : [['tanda.token', stored]]);
    let onHash: (() => void) | null = null;
    const win = {
      location: { hash, pathname: '/', search: '', reload: () => (win.reloads += 1) },
      sessionStorage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
      },
      history: { replaceState: () => {} },
      addEventListener: (_: string, f: () => void) => (onHash = f),
      removeEventListener: () => (onHash = null),
      reloads: 0,
      fire: () => onHash?.(),
      storage,
    };
    return win;
  }

  it('is kept and reloads the page; the same token or none does not', () => {
    const win = fakeWindow('#token=old', 'old');
    reloadOnNewToken(win as unknown as Window);
    win.fire();
    expect(win.reloads).toBe(0);
    win.location.hash = '#token=new';
    win.fire();
    expect(win.reloads).toBe(1);
    expect(win.storage.get('tanda.token')).toBe('new');
    win.location.hash = '';
    win.fire();
    expect(win.reloads).toBe(1);
  });
});

describe('the event stream', () => {
  /** A stream of `text` cut into reads at `cuts` (character positions). */
  function streamOf(text: string, cuts: number[]): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    const pieces = [0, ...cuts, text.length]
      .slice(1)
      .map((end, i, ends) => text.slice(i === 0 ? 0 : ends[i - 1], end));
    return new ReadableStream({
      start(controller) {
        for (const piece of pieces) controller.enqueue(encoder.encode(piece));
        controller.close();
      },
    });
  }
  const event = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

  it('delivers events in order however the reads cut them, a long listing included', async () => {
    const listing = { type: 'corpus-opened', paths: Array.from({ length: 20_000 }, (_, i) => `d${i}.txt`) };
    const text = event({ n: 1 }) + event(listing) + event({ n: 2 }) + ': keep-alive\n\n' + event({ n: 3 });
    const first = event({ n: 1 }).length;
    // A cut between the two newlines that end an event, and cuts inside the long one.
    for (const cuts of [[first - 1], [5, first + 1000, first + 70_000], []]) {
      const seen: unknown[] = [];
      await readEventStream(streamOf(text, cuts), (e) => seen.push(e));
      expect(seen).toEqual([{ n: 1 }, listing, { n: 2 }, { n: 3 }]);
    }
  });

  it('skips an unreadable event and one whose handler throws, and goes on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const seen: unknown[] = [];
    const text = 'data: {broken\n\n' + event({ n: 1 }) + event({ n: 2 });
    await readEventStream(streamOf(text, [3]), (e) => {
      if ((e as { n: number }).n === 1) throw new Error('handler failed');
      seen.push(e);
    });
    expect(seen).toEqual([{ n: 2 }]);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      'tanda: ignoring an unreadable corpus event',
      'tanda: a corpus event could not be handled',
    ]);
    warn.mockRestore();
  });
});
