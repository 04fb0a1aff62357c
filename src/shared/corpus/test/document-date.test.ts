import { describe, expect, it } from 'vitest';
import { isDocumentDate, isoDate } from '../document-date';

describe('document dates', () => {
  it('isoDate builds a day that exists, in 1900–2099', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2025, 2, 29)).toBeNull();
    expect(isoDate(2000, 2, 29)).toBe('2000-02-29');
    expect(isoDate(1900, 2, 29)).toBeNull();
    expect(isoDate(2025, 4, 31)).toBeNull();
    expect(isoDate(1899, 12, 31)).toBeNull();
  });

  it('isDocumentDate takes the three written forms, zero-padded, of real days only', () => {
    for (const ok of ['2025', '2025-10', '2025-10-09', '2024-02-29'])
      expect(isDocumentDate(ok), ok).toBe(true);
    for (const bad of [
      '2025-13',
      '2025-02-29',
      '2025-1-9',
      '1850',
      '2025-00',
      '2025-10-00',
      '9 Oktober 2025',
      '',
    ])
      expect(isDocumentDate(bad), bad).toBe(false);
  });
});
