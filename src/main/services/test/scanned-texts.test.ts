import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScannedTexts } from '../scanned-texts';

const text = (sha256: string, body: string) => ({ sha256, text: body });

afterEach(() => {
  vi.useRealTimers();
});

describe('the texts a scan kept', () => {
  it('are given out once, and only at the hash asked for', () => {
    const kept = new ScannedTexts();
    kept.keep('a.txt', text('aa', 'Alpha'));
    expect(kept.take('a.txt', 'bb')).toBeUndefined();
    // Another hash leaves it (a rescan's listing may still be the last one's).
    expect(kept.take('a.txt', 'aa')).toEqual(text('aa', 'Alpha'));
    expect(kept.take('a.txt', 'aa')).toBeUndefined();
    expect(kept.take('missing.txt', 'aa')).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('stop keeping past their budget, and count what is dropped or kept again', () => {
    const kept = new ScannedTexts(10);
    expect(kept.keep('a.txt', text('aa', '123456'))).toBe(true);
    expect(kept.keep('b.txt', text('bb', '12345'))).toBe(false);
    expect(kept.keep('c.txt', text('cc', '1234'))).toBe(true);
    expect(kept.size).toBe(10);
    kept.keep('a.txt', text('a2', '1'));
    expect(kept.size).toBe(5);
    kept.drop('c.txt');
    expect(kept.size).toBe(1);
    expect(kept.take('c.txt', 'cc')).toBeUndefined();
    expect(kept.take('a.txt', 'a2')?.text).toBe('1');
  });

  it('go a while after the scan if nobody asks', () => {
    vi.useFakeTimers();
    const kept = new ScannedTexts(100, 1000);
    kept.keep('a.txt', text('aa', 'Alpha'));
    kept.expireLater();
    vi.advanceTimersByTime(999);
    expect(kept.size).toBe(5);
    vi.advanceTimersByTime(1);
    expect(kept.size).toBe(0);
    expect(kept.take('a.txt', 'aa')).toBeUndefined();
  });

  it('say when all are given out, or when the wait is over', async () => {
    vi.useFakeTimers();
    const kept = new ScannedTexts();
    await expect(kept.givenOut(10_000)).resolves.toBeUndefined(); // none kept
    kept.keep('a.txt', text('aa', 'Alpha'));
    kept.keep('b.txt', text('bb', 'Beta'));
    let all = false;
    void kept.givenOut(10_000).then(() => (all = true));
    kept.take('a.txt', 'aa');
    await vi.advanceTimersByTimeAsync(0);
    expect(all).toBe(false);
    kept.drop('b.txt');
    await vi.advanceTimersByTimeAsync(0);
    expect(all).toBe(true);

    kept.keep('c.txt', text('cc', 'Gamma'));
    let waited = false;
    void kept.givenOut(500).then(() => (waited = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waited).toBe(true);
    expect(kept.size).toBe(5); // the wait ending keeps the texts

    let cleared = false;
    void kept.givenOut(10_000).then(() => (cleared = true));
    kept.clear();
    await vi.advanceTimersByTimeAsync(0);
    expect(cleared).toBe(true);
  });
});
