import { describe, expect, it } from 'vitest';
import { catalogsFromModules, createI18n } from '../create-i18n';
import { pickUiLanguage, resolveUiLanguage } from '../languages';
import {
  formatDate,
  formatDateTime,
  formatDocumentDate,
  formatListDate,
  formatNumber,
  formatPercent,
} from '../intl-format';
import { compareCatalogs, checkUsage, flattenCatalog, type FlatCatalogs } from '../catalog-check';

describe('the interface language', () => {
  it('is Indonesian for any id tag (and the old `in`), English otherwise', () => {
    expect(pickUiLanguage(['id-ID', 'en-US'])).toBe('id');
    expect(pickUiLanguage(['in'])).toBe('id');
    expect(pickUiLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickUiLanguage(['fr-FR'])).toBe('en');
    expect(pickUiLanguage([])).toBe('en');
    expect(pickUiLanguage(['en-AU', 'id'])).toBe('en');
  });

  it('follows the choice over the system', () => {
    expect(resolveUiLanguage('en', ['id-ID'])).toBe('en');
    expect(resolveUiLanguage('system', ['id-ID'])).toBe('id');
  });
});

describe('Intl formatting', () => {
  const moment = new Date(2026, 11, 1, 14, 5);
  it('writes numbers and dates as each language does', () => {
    expect(formatNumber(1234.5, 'id')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatPercent(0.5, 'id')).toMatch(/^50\s?%$/);
    expect(formatDateTime(moment, 'id')).toBe('1 Desember 2026 14.05');
    expect(formatDateTime(moment, 'en')).toBe('December 1, 2026 2:05 PM');
    expect(formatDate(moment, 'id')).toBe('1 Desember 2026');
  });

  it('shows a document date as a calendar date in any time zone, and leaves what it cannot read', () => {
    expect(formatDocumentDate('2026-12-01', 'id')).toBe('1 Des 2026');
    expect(formatDocumentDate('2026-12', 'id')).toBe('Desember 2026');
    expect(formatDocumentDate('2026', 'en')).toBe('2026');
    expect(formatDocumentDate('sometime', 'en')).toBe('sometime');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });

  it('writes a document date in a list as Indonesian does, and keeps ISO in English', () => {
    expect(formatListDate('2026-12-01', 'id')).toBe('1 Des 2026');
    expect(formatListDate('2026-12', 'id')).toBe('Desember 2026');
    expect(formatListDate('2026-12-01', 'en')).toBe('2026-12-01');
    expect(formatListDate('2026-12', 'en')).toBe('2026-12');
  });
});

describe('createI18n', () => {
  const catalogs = catalogsFromModules({
    '/x/locales/en/common.json': {
      n_one: '{{count}} annotation',
      n_other: '{{count}} annotations',
      hi: 'Hi',
    },
    '/x/locales/id/common.json': { n_other: '{{count}} anotasi' },
  });
  it('plurals by the language, falling back to English for a missing key', () => {
    const i18n = createI18n('id', catalogs);
    expect(i18n.t('n', { count: 1 })).toBe('1 anotasi');
    expect(i18n.t('hi')).toBe('Hi');
    const en = createI18n('en', catalogs);
    expect(en.t('n', { count: 1 })).toBe('1 annotation');
    expect(en.t('n', { count: 2 })).toBe('2 annotations');
  });
  it('refuses a catalog path that is not locales/<language>/<namespace>.json', () => {
    expect(() => catalogsFromModules({ '/x/locales/common.json': {} })).toThrow(/locales\/common\.json/);
  });
});

describe('catalog checks', () => {
  function flat(byLanguage: Record<string, Record<string, unknown>>): FlatCatalogs {
    const problems: string[] = [];
    const out: FlatCatalogs = new Map();
    for (const [language, byNs] of Object.entries(byLanguage)) {
      out.set(
        language,
        new Map(Object.entries(byNs).map(([ns, value]) => [ns, flattenCatalog(value, ns, problems)])),
      );
    }
    expect(problems).toEqual([]);
    return out;
  }

  it('finds a key one language lacks, a missing plural form, an empty text and different variables', () => {
    const problems = compareCatalogs(
      flat({
        en: { a: { x: 'X {{name}}', n_one: 'one', n_other: '{{count}}', gone: 'Gone', blank: 'B' } },
        id: { a: { x: 'X {{nama}}', n_other: '{{count}}', blank: ' ' } },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/id\/a\.json lacks "gone"/),
        expect.stringMatching(/"blank" is empty/),
        expect.stringMatching(/a:x uses different variables/),
      ]),
    );
    expect(problems.some((p) => /plural/.test(p))).toBe(false);
    const plural = compareCatalogs(flat({ en: { a: { n_other: 'n' } }, id: { a: { n_other: 'n' } } }));
    expect(plural).toEqual([expect.stringMatching(/en\/a\.json: "n" lacks its plural form "n_one"/)]);
  });

  it('finds used keys no catalog has and catalog keys nothing uses', () => {
    const reference = new Map([
      [
        'a',
        new Map([
          ['x', 'X'],
          ['status.open', 'O'],
          ['status.done', 'D'],
          ['old', 'O'],
        ]),
      ],
    ]);
    const problems = checkUsage(reference, [
      { key: 'a:x', prefix: false, where: 'f.tsx:1' },
      { key: 'a:status.', prefix: true, where: 'f.tsx:2' },
      { key: 'a:y', prefix: false, where: 'f.tsx:3' },
    ]);
    expect(problems).toEqual([
      'f.tsx:3: "a:y" is in no catalog',
      'a:old is in the catalogs but nothing uses it',
    ]);
  });

  it('reports a non-string leaf by its path', () => {
    const problems: string[] = [];
    flattenCatalog({ a: { b: 3 } }, 'en/x.json', problems);
    expect(problems).toEqual(['en/x.json: a.b must be an object of strings']);
  });
});
