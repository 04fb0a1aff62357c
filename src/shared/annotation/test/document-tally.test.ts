import { describe, expect, it } from 'vitest';
import { tallyByDocument } from '../document-tally';

describe('tallyByDocument', () => {
  it('counts tags per document, moved ones and orphans apart', () => {
    const tallies = tallyByDocument([
      { documentPath: 'a.txt', tag: 'commitment' },
      { documentPath: 'b.txt', tag: 'dispute' },
      { documentPath: 'a.txt', tag: 'commitment', placement: 'moved' },
      { documentPath: 'a.txt', tag: 'dispute' },
      { documentPath: 'a.txt', tag: 'commitment', orphaned: true },
    ]);
    expect([...tallies.keys()]).toEqual(['a.txt', 'b.txt']);
    const a = tallies.get('a.txt')!;
    expect(Object.fromEntries(a.byTag)).toEqual({ commitment: 2, dispute: 1 });
    expect(a.moved).toBe(1);
    expect(a.orphaned).toBe(1);
    expect(tallies.get('b.txt')).toEqual({ byTag: new Map([['dispute', 1]]), moved: 0, orphaned: 0 });
  });

  it('has nothing for no annotations', () => {
    expect(tallyByDocument([]).size).toBe(0);
  });
});
