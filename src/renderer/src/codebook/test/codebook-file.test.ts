import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import {
  type Codebook,
  addTag,
  codebookToJson,
  renameTag,
  retireTag,
} from '../../../../shared/codebook/codebook';
import {
  type ImportCheck,
  checkImport,
  describeImport,
  exportCodebook,
  jsonErrorOffset,
} from '../codebook-file';
import { i18n } from '../../i18n/i18n';

const current = builtinCodebook();
const noUsage = new Map<string, number>();
const json = (codebook: Codebook): string => codebookToJson(codebook);
const without = (codebook: Codebook, tagId: string): Codebook => ({
  ...codebook,
  tags: codebook.tags.filter((t) => t.id !== tagId),
});

function refused(check: ImportCheck): string {
  if (check.ok) throw new Error('expected the import to be refused');
  return check.message;
}

function accepted(check: ImportCheck): Extract<ImportCheck, { ok: true }> {
  if (!check.ok) throw new Error(`expected the import to pass, got: ${check.message}`);
  return check;
}

describe('checkImport', () => {
  it('accepts a valid codebook and summarises it', () => {
    const edited = retireTag(
      addTag(renameTag(current, 'dispute', 'Disagreement'), { label: 'Risk' }),
      'commitment',
    );
    const { codebook, summary } = accepted(checkImport(current, json(edited), new Map([['commitment', 4]])));
    expect(codebook).toEqual(edited);
    expect(summary).toEqual({
      tagCount: 4,
      activeCount: 3,
      retiredIds: ['commitment'],
      addedIds: ['risk'],
      removedIds: [],
      unchanged: false,
    });
    expect(describeImport(summary)).toEqual([
      '4 tags: 3 active, 1 retired.',
      'Retired, kept for their annotations: commitment.',
      'New: risk.',
    ]);
  });

  it('names the line and column of invalid JSON', () => {
    const text = '{\n  "version": 1,\n  "tags": [}\n}';
    expect(refused(checkImport(current, text, noUsage))).toMatch(
      /^codebook is not valid JSON at line 3, column 12: /,
    );
  });

  it('says when the JSON stops too early', () => {
    expect(refused(checkImport(current, '{"version": 1, "tags": [', noUsage))).toMatch(
      /not valid JSON at the end of the file/,
    );
    expect(refused(checkImport(current, '  \n', noUsage))).toBe('codebook file is empty');
  });

  it('reads a file saved with a byte order mark', () => {
    expect(checkImport(current, `\uFEFF${json(current)}`, noUsage).ok).toBe(true);
  });

  it('names the JSON path of a schema error', () => {
    const bad = JSON.parse(json(current)) as { tags: Array<{ color: string }> };
    bad.tags[1]!.color = 'red';
    expect(refused(checkImport(current, JSON.stringify(bad), noUsage))).toMatch(
      /tags\[1\]\.color: must be a colour/,
    );
  });

  it('refuses a codebook that drops a tag with annotations, and says to retire it instead', () => {
    const message = refused(
      checkImport(current, json(without(current, 'dispute')), new Map([['dispute', 12]])),
    );
    expect(message).toContain('drops tag "dispute" (12 annotations)');
    expect(message).toContain('"retired": true');
  });

  it('says it in Indonesian in the Indonesian interface, with counts as Indonesian writes them', async () => {
    await i18n.changeLanguage('id');
    try {
      const message = refused(
        checkImport(current, json(without(current, 'dispute')), new Map([['dispute', 1200]])),
      );
      expect(message).toContain('menghilangkan tag "dispute" (1.200 anotasi)');
      const { summary } = accepted(checkImport(current, json(current), noUsage));
      expect(describeImport(summary)).toEqual([
        '3 tag: 3 aktif, 0 dipensiunkan.',
        'Isinya sama dengan buku kode yang sekarang.',
      ]);
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('allows dropping a tag no annotation uses', () => {
    const usage = new Map([
      ['commitment', 3],
      ['dispute', 0],
    ]);
    const { summary } = accepted(checkImport(current, json(without(current, 'dispute')), usage));
    expect(summary.removedIds).toEqual(['dispute']);
    expect(describeImport(summary)).toContain('Removed (no annotations use them): dispute.');
  });

  it('allows a used tag to come back retired', () => {
    const { summary } = accepted(
      checkImport(current, json(retireTag(current, 'dispute')), new Map([['dispute', 12]])),
    );
    expect(summary.retiredIds).toEqual(['dispute']);
  });

  it('refuses dropping a used value or attribute when told which are used', () => {
    const used = (tagId: string, attributeId: string): ReadonlySet<string> =>
      new Set(tagId === 'dispute' && attributeId === 'issue' ? ['border'] : []);
    const bad = JSON.parse(json(current)) as Codebook;
    // Patterns may name values too (and are refused when they name a dropped one); leave them out here.
    delete bad.tags.find((t) => t.id === 'dispute')!.patterns;
    const issue = bad.tags.find((t) => t.id === 'dispute')!.attributes[0]!;
    issue.values = issue.values.filter((v) => v.id !== 'border');
    expect(refused(checkImport(current, JSON.stringify(bad), noUsage, used))).toContain(
      'drops value "border" of attribute "issue" of tag "dispute"',
    );
    bad.tags.find((t) => t.id === 'dispute')!.attributes = [];
    expect(refused(checkImport(current, JSON.stringify(bad), noUsage, used))).toContain(
      'drops attribute "issue" of tag "dispute"',
    );
    // Dropping an unused value is fine.
    const trade = JSON.parse(json(current)) as Codebook;
    delete trade.tags.find((t) => t.id === 'dispute')!.patterns;
    const tradeIssue = trade.tags.find((t) => t.id === 'dispute')!.attributes[0]!;
    tradeIssue.values = tradeIssue.values.filter((v) => v.id !== 'trade');
    expect(checkImport(current, JSON.stringify(trade), noUsage, used).ok).toBe(true);
  });
});

describe('export', () => {
  it('round-trips: export then import gives an equal codebook', () => {
    const edited = retireTag(addTag(current, { label: 'Quan hệ đối tác' }), 'dispute');
    const file = exportCodebook(edited);
    expect(file.fileName).toBe('codebook.json');
    const { codebook, summary } = accepted(checkImport(edited, file.text, new Map([['dispute', 2]])));
    expect(codebook).toEqual(edited);
    expect(summary.unchanged).toBe(true);
  });
});

describe('jsonErrorOffset', () => {
  it('finds the first syntax error, or none', () => {
    expect(jsonErrorOffset('{"a": 1}')).toBeNull();
    expect(jsonErrorOffset('{"a":}')).toBe(5);
    expect(jsonErrorOffset('[1, 2,]')).toBe(6);
    expect(jsonErrorOffset('{"a": "b\\x"}')).toBe(8);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('[1')).toBe(2);
  });
});
