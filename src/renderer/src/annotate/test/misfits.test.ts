import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { storedAnnotation } from '../../../../shared/annotation/test/annotation-fixture';
import { codePointIndex } from '../../../../shared/text/text-quote';
import { misfitChecker } from '../misfits';

const TEXT = 'Kedua negara 🇻🇳 sepakat kerja sama di bidang energi.';
const index = codePointIndex(TEXT);

const record = (id: string, start: number, end: number, quote: string): Annotation =>
  storedAnnotation({ id, start, end, quote });

describe('misfitChecker', () => {
  it('lists the records that do not fit the text, with what is wrong', () => {
    const check = misfitChecker(index);
    const fits = record('a', 24, 34, 'kerja sama');
    const wrongQuote = record('b', 24, 34, 'kerja keras');
    const beyond = record('c', 50, 90, 'energi');
    const misfits = check([fits, wrongQuote, beyond]);
    expect(misfits.map((m) => m.annotation.id)).toEqual(['b', 'c']);
    expect(misfits[0]!.problem).toMatch(/the quote is not at 24\.\.34/);
    expect(misfits[1]!.problem).toMatch(/beyond the text/);
  });

  it('checks a record again when its offsets or quote change, and gives the newest object', () => {
    const check = misfitChecker(index);
    expect(check([record('a', 24, 34, 'kerja sama')])).toEqual([]);
    // The same id, re-read with other offsets (an edit elsewhere, an import): checked afresh.
    const moved = record('a', 25, 34, 'kerja sama');
    expect(check([moved])).toEqual([{ annotation: moved, problem: expect.stringMatching(/quote/) }]);
    const fixed = record('a', 24, 34, 'kerja sama');
    expect(check([fixed])).toEqual([]);
    const again = record('a', 25, 34, 'kerja sama');
    expect(check([again])[0]!.annotation).toBe(again);
  });

  it('counts offsets in code points, as stored', () => {
    const check = misfitChecker(index);
    // The flag is two code points (four UTF-16 units): "sepakat" starts at 16.
    expect(check([record('f', 16, 23, 'sepakat')])).toEqual([]);
  });
});
