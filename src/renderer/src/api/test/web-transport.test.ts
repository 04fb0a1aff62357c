import { describe, expect, it } from 'vitest';
import { reloadOnNewToken, sharedEvents } from '../web-transport';

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
