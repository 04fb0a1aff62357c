import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { describeSpan } from '../../text/text-quote';
import { exportAnnotationsCsv } from '../csv-export';
import { checkCsvImport } from '../csv-import';

const PATH = 'vn/bendera.txt';
const TEXT = 'Bendera 🇻🇳 dikibarkan di Hà Nội, ibu kota Việt Nam.';
const SHA = createHash('sha256').update(TEXT).digest('hex');

function annotation(start: number, end: number): Annotation {
  return {
    id: randomUUID(),
    documentPath: PATH,
    contentSha256: SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start,
    end,
    ...describeSpan(TEXT, start, end),
    attributes: {},
    note: '',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

function check(csv: string) {
  return checkCsvImport(csv, {
    documents: [{ path: PATH, sha256: SHA }],
    getText: () => TEXT,
    codebook: builtinCodebook(),
    now: '2025-06-01T00:00:00.000Z',
  });
}

function csvOf(a: Annotation): string {
  return exportAnnotationsCsv({
    annotations: [a],
    documents: new Map([[PATH, { title: 'Bendera' }]]),
    codebook: builtinCodebook(),
  });
}

const cp = (s: string): number => [...TEXT.slice(0, TEXT.indexOf(s))].length;

describe('CSV import and Unicode', () => {
  it('normalizes a decomposed (NFD) quote to NFC before matching it', async () => {
    const a = annotation(cp('Hà Nội'), cp('Hà Nội') + [...'Hà Nội'].length);
    const nfd = csvOf(a).replace('Hà Nội', 'Hà Nội'.normalize('NFD'));
    expect(nfd).toContain('Hà Nội'.normalize('NFD'));
    const result = await check(nfd);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.annotations[0]!.quote).toBe('Hà Nội');
  });

  it('refuses a span that splits a flag, naming the row and column', async () => {
    const flag = cp('🇻🇳');
    const result = await check(csvOf(annotation(flag, flag + 1)));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        expect.objectContaining({
          row: 2,
          column: 'end',
          message: expect.stringMatching(/splits a character/),
        }),
      ]);
    }
  });
});
