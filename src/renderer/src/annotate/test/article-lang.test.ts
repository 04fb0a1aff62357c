import { describe, expect, it } from 'vitest';
import { articleLang } from '../article-lang';

describe('articleLang', () => {
  it('gives the two-letter BCP 47 tag for a detected ISO 639-3 code, and nothing for an unknown one', () => {
    expect(articleLang('ind')).toBe('id');
    expect(articleLang('zsm')).toBe('ms');
    expect(articleLang('und')).toBeUndefined();
    expect(articleLang(null)).toBeUndefined();
  });
});
