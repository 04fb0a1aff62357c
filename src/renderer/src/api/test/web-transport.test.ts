import { describe, expect, it } from 'vitest';
import { sharedEvents } from '../web-transport';

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
