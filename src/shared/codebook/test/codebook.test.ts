import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../builtin-codebook';
import {
  type Codebook,
  TAG_PALETTE,
  addAttribute,
  addAttributeValue,
  addTag,
  codebookToJson,
  moveTag,
  parseCodebookJson,
  recolourTag,
  removeAttribute,
  removeAttributeValue,
  renameAttribute,
  renameAttributeValue,
  renameTag,
  restoreAttributeValue,
  restoreTag,
  retireAttributeValue,
  retireTag,
  setShortcut,
  slugify,
} from '../codebook';
import { CodebookError } from '../codebook-error';
import { DARK_BACKGROUND, LIGHT_BACKGROUND, contrastRatio } from '../colour-contrast';

const builtin = builtinCodebook();
const ids = (c: Codebook): string[] => c.tags.map((t) => t.id);
const tag = (c: Codebook, id: string) => c.tags.find((t) => t.id === id)!;

function expectError(run: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CodebookError);
  expect((caught as Error).message).toMatch(message);
}

describe('built-in codebook', () => {
  it('has the three policy tags with stable ids and shortcuts 1–3', () => {
    expect(ids(builtin)).toEqual(['commitment', 'dispute', 'cooperation_area']);
    expect(builtin.tags.map((t) => t.shortcut)).toEqual(['1', '2', '3']);
    expect(builtin.tags.every((t) => !t.retired && t.description.length > 20)).toBe(true);
  });

  it('has the attributes and values of the issue', () => {
    const values = (tagId: string, attributeId: string) =>
      tag(builtin, tagId)
        .attributes.find((a) => a.id === attributeId)!
        .values.map((v) => v.id);
    expect(values('commitment', 'actor')).toEqual(['vietnam', 'china', 'both', 'other']);
    expect(values('commitment', 'strength')).toEqual(['firm', 'conditional', 'aspirational']);
    expect(values('dispute', 'issue')).toEqual(['maritime_scs', 'border', 'trade', 'other']);
    expect(values('cooperation_area', 'sector')).toHaveLength(17);
    expect(values('cooperation_area', 'sector')).toContain('climate_green');
    const issue = tag(builtin, 'dispute').attributes[0]!;
    expect(issue.values[0]!.label).toBe('maritime / South China Sea');
  });

  it('is frozen, and editing it returns a new codebook', () => {
    expect(Object.isFrozen(builtin.tags[0])).toBe(true);
    const renamed = renameTag(builtin, 'dispute', 'Disagreement');
    expect(tag(renamed, 'dispute').label).toBe('Disagreement');
    expect(tag(builtin, 'dispute').label).toBe('Dispute');
  });

  it('gives every tag colour at least 3:1 contrast on the light and the dark background', () => {
    for (const t of builtin.tags) {
      expect(contrastRatio(t.color, LIGHT_BACKGROUND), `${t.id} on light`).toBeGreaterThanOrEqual(3);
      expect(
        contrastRatio(t.darkColor ?? t.color, DARK_BACKGROUND),
        `${t.id} on dark`,
      ).toBeGreaterThanOrEqual(3);
    }
  });

  it('offers only default colours that pass both backgrounds', () => {
    for (const color of TAG_PALETTE) {
      expect(contrastRatio(color, LIGHT_BACKGROUND), color).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(color, DARK_BACKGROUND), color).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('contrast ratio', () => {
  it('follows WCAG: black on white is 21, a colour on itself is 1, order does not matter', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#2f7ed8', '#2f7ed8')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(contrastRatio('#777777', '#ffffff'), 10);
  });

  it('refuses something that is not #rrggbb', () => {
    expectError(() => contrastRatio('red', '#ffffff'), /"red" is not a colour/);
  });
});

describe('codebook JSON', () => {
  it('round-trips through export and import', () => {
    const json = codebookToJson(builtin);
    expect(parseCodebookJson(json)).toEqual(builtin);
    expect(json.endsWith('\n')).toBe(true);
  });

  it('writes keys in a fixed order whatever order they came in', () => {
    const shuffled = {
      tags: [
        {
          attributes: [],
          retired: false,
          shortcut: null,
          description: '',
          color: '#2f7ed8',
          label: 'A',
          id: 'a',
        },
      ],
      version: 1,
    };
    const json = codebookToJson(parseCodebookJson(JSON.stringify(shuffled)));
    expect(json.indexOf('"version"')).toBeLessThan(json.indexOf('"tags"'));
    expect(Object.keys(JSON.parse(json).tags[0])).toEqual([
      'id',
      'label',
      'color',
      'description',
      'shortcut',
      'retired',
      'attributes',
    ]);
  });

  const withTags = (tags: unknown[]) => JSON.stringify({ version: 1, tags });
  const plain = (id: string, shortcut: string | null = null, retired = false) => ({
    id,
    label: id,
    color: '#2f7ed8',
    description: '',
    shortcut,
    retired,
    attributes: [],
  });

  it('refuses text that is not JSON', () => {
    expectError(() => parseCodebookJson('{"version": 1,'), /not valid JSON/);
  });

  it('names the JSON path of a schema problem', () => {
    const bad = { ...plain('a'), color: 'blue' };
    expectError(() => parseCodebookJson(withTags([plain('ok'), bad])), /tags\[1\]\.color: must be a colour/);
    expectError(
      () => parseCodebookJson(withTags([{ ...plain('a'), id: 'Bad Id' }])),
      /tags\[0\]\.id: must be a slug/,
    );
    expectError(() => parseCodebookJson(JSON.stringify({ version: 2, tags: [] })), /version/);
  });

  it('refuses duplicate tag ids, attribute ids and value ids', () => {
    expectError(
      () => parseCodebookJson(withTags([plain('a'), plain('a')])),
      /tags\[1\]\.id: duplicate tag id "a"/,
    );
    const attribute = { id: 'x', label: 'X', kind: 'single', values: [] };
    expectError(
      () => parseCodebookJson(withTags([{ ...plain('a'), attributes: [attribute, attribute] }])),
      /tags\[0\]\.attributes\[1\]\.id: duplicate attribute id "x" in tag "a"/,
    );
    const value = { id: 'v', label: 'V' };
    expectError(
      () =>
        parseCodebookJson(
          withTags([{ ...plain('a'), attributes: [{ ...attribute, values: [value, value] }] }]),
        ),
      /attributes\[0\]\.values\[1\]\.id: duplicate value id "v"/,
    );
  });

  it('refuses a free-text attribute with values', () => {
    const attribute = { id: 'x', label: 'X', kind: 'text', values: [{ id: 'v', label: 'V' }] };
    expectError(
      () => parseCodebookJson(withTags([{ ...plain('a'), attributes: [attribute] }])),
      /attributes\[0\]\.values: a free-text/,
    );
  });

  it('refuses a shortcut shared by two active tags but not by a retired one', () => {
    expectError(
      () => parseCodebookJson(withTags([plain('a', 'k'), plain('b', 'K')])),
      /tags\[1\]\.shortcut: shortcut "K" is also used by tags\[0\]/,
    );
    expect(parseCodebookJson(withTags([plain('a', 'k', true), plain('b', 'k')])).tags).toHaveLength(2);
  });
});

describe('editing tags', () => {
  it('derives a unique slug id from the label, across retired tags too', () => {
    let c = addTag(builtin, { label: 'Dispute' });
    expect(ids(c)).toContain('dispute_2');
    c = retireTag(c, 'dispute_2');
    c = addTag(c, { label: 'dispute' });
    expect(ids(c)).toContain('dispute_3');
    expect(ids(addTag(builtin, { label: 'Hợp tác Đà Nẵng – biển' })).at(-1)).toBe('hop_tac_da_nang_bien');
    expect(slugify('2025 plan')).toBe('tag_2025_plan');
    expect(slugify('!!!')).toBe('tag');
  });

  it('gives a new tag an unused palette colour unless one is given, and checks it', () => {
    const c = addTag(builtin, { label: 'Visit', shortcut: '4' });
    const visit = tag(c, 'visit');
    expect(TAG_PALETTE).toContain(visit.color);
    expect(builtin.tags.map((t) => t.color)).not.toContain(visit.color);
    expect(visit).toMatchObject({ shortcut: '4', retired: false, attributes: [] });
    expect(tag(addTag(builtin, { label: 'X', color: '#AABBCC' }), 'x').color).toBe('#aabbcc');
    expectError(() => addTag(builtin, { label: 'X', color: '#abc' }), /colour "#abc" for new tag "x"/);
    expectError(() => addTag(builtin, { label: '   ' }), /tag label must not be empty/);
  });

  it('gives a new tag the next free digit key, and names the tags by label when a key clashes', () => {
    const c = addTag(builtin, { label: 'Visit' });
    expect(c.tags.at(-1)!.shortcut).toBe('4');
    expect(addTag(c, { label: 'Trade', shortcut: null }).tags.at(-1)!.shortcut).toBeNull();
    expect(() => setShortcut(c, 'visit', '2')).toThrow(
      /already used by tag "dispute" \(Dispute\): choose another key for Visit/,
    );
  });

  it('refuses a new tag whose shortcut an active tag has', () => {
    expectError(
      () => addTag(builtin, { label: 'Visit', shortcut: '1' }),
      /shortcut "1" for tag "visit" is already used by tag "commitment"/,
    );
  });

  it('renames the label only; the id never changes', () => {
    const c = renameTag(builtin, 'cooperation_area', '  Area of cooperation ');
    expect(tag(c, 'cooperation_area').label).toBe('Area of cooperation');
    expect(ids(c)).toEqual(ids(builtin));
    expectError(() => renameTag(builtin, 'nope', 'X'), /no tag with id "nope"/);
  });

  it('recolours with a valid #rrggbb only', () => {
    expect(tag(recolourTag(builtin, 'dispute', '#C0507A'), 'dispute').color).toBe('#c0507a');
    expect(tag(recolourTag(builtin, 'dispute', '#c0507a', '#e07090'), 'dispute').darkColor).toBe('#e07090');
    expectError(() => recolourTag(builtin, 'dispute', 'red'), /colour "red" for tag "dispute"/);
  });

  it('moves a tag to a position', () => {
    expect(ids(moveTag(builtin, 'cooperation_area', 0))).toEqual([
      'cooperation_area',
      'commitment',
      'dispute',
    ]);
    expect(ids(moveTag(builtin, 'commitment', 2))).toEqual(['dispute', 'cooperation_area', 'commitment']);
    expectError(() => moveTag(builtin, 'commitment', 3), /position 3: positions are 0\.\.2/);
  });

  it('retires a tag without removing it, frees its shortcut, and restores it', () => {
    const retired = retireTag(builtin, 'dispute');
    expect(ids(retired)).toEqual(ids(builtin));
    expect(tag(retired, 'dispute')).toMatchObject({ retired: true, shortcut: '2' });
    const reused = setShortcut(retired, 'cooperation_area', '2');
    expect(tag(reused, 'cooperation_area').shortcut).toBe('2');
    expectError(
      () => restoreTag(reused, 'dispute'),
      /shortcut "2" for tag "dispute" is already used by tag "cooperation_area"/,
    );
    expect(tag(restoreTag(setShortcut(reused, 'dispute', null), 'dispute'), 'dispute').retired).toBe(false);
    expect(tag(restoreTag(retired, 'dispute'), 'dispute').retired).toBe(false);
  });

  it('accepts one printable character as a shortcut, unique ignoring case', () => {
    expect(tag(setShortcut(builtin, 'dispute', 'đ'), 'dispute').shortcut).toBe('đ');
    expectError(() => setShortcut(builtin, 'dispute', ' '), /one printable character that is not a space/);
    expectError(() => setShortcut(builtin, 'dispute', 'ab'), /one printable character/);
    expectError(() => setShortcut(builtin, 'dispute', '\n'), /one printable character/);
    const lower = setShortcut(builtin, 'dispute', 'd');
    expectError(() => setShortcut(lower, 'commitment', 'D'), /already used by tag "dispute"/);
  });
});

describe('editing attributes', () => {
  it('adds a choice attribute with values, ids derived from labels', () => {
    const c = addAttribute(builtin, 'dispute', {
      label: 'Tone',
      kind: 'single',
      values: ['Harsh', 'Mild', 'harsh'],
    });
    const tone = tag(c, 'dispute').attributes.at(-1)!;
    expect(tone).toMatchObject({ id: 'tone', kind: 'single' });
    expect(tone.values.map((v) => v.id)).toEqual(['harsh', 'mild', 'harsh_2']);
  });

  it('adds a free-text attribute but never values to it', () => {
    const c = addAttribute(builtin, 'commitment', { label: 'Deadline', kind: 'text' });
    expect(tag(c, 'commitment').attributes.at(-1)).toEqual({
      id: 'deadline',
      label: 'Deadline',
      kind: 'text',
      values: [],
    });
    expectError(
      () => addAttributeValue(c, 'commitment', 'deadline', '2026'),
      /attribute "deadline" of tag "commitment" is free text/,
    );
    expectError(
      () => addAttribute(builtin, 'commitment', { label: 'Note', kind: 'text', values: ['x'] }),
      /free text/,
    );
  });

  it('renames attributes and values without changing their ids', () => {
    let c = renameAttribute(builtin, 'commitment', 'strength', 'Firmness');
    c = renameAttributeValue(c, 'dispute', 'issue', 'maritime_scs', 'East Sea / South China Sea');
    expect(tag(c, 'commitment').attributes[1]).toMatchObject({ id: 'strength', label: 'Firmness' });
    // The first language's entry of the map follows the label; the other languages stay.
    expect(tag(c, 'dispute').attributes[0]!.values[0]).toEqual({
      id: 'maritime_scs',
      label: 'East Sea / South China Sea',
      labels: { en: 'East Sea / South China Sea', id: 'maritim / Laut Tiongkok Selatan' },
    });
    expectError(
      () => renameAttribute(builtin, 'commitment', 'nope', 'X'),
      /tag "commitment" has no attribute "nope"/,
    );
    expectError(
      () => renameAttributeValue(builtin, 'dispute', 'issue', 'nope', 'X'),
      /attribute "issue" of tag "dispute" has no value "nope"/,
    );
  });

  it('adds a value with a unique id', () => {
    const c = addAttributeValue(builtin, 'commitment', 'actor', 'Other');
    expect(tag(c, 'commitment').attributes[0]!.values.at(-1)).toEqual({ id: 'other_2', label: 'Other' });
  });

  it('retires and restores a value, keeping it in the list', () => {
    const c = retireAttributeValue(builtin, 'dispute', 'issue', 'border');
    const labels = { en: 'border', id: 'perbatasan' };
    expect(tag(c, 'dispute').attributes[0]!.values[1]).toEqual({
      id: 'border',
      label: 'border',
      labels,
      retired: true,
    });
    expect(
      tag(restoreAttributeValue(c, 'dispute', 'issue', 'border'), 'dispute').attributes[0]!.values[1],
    ).toEqual({ id: 'border', label: 'border', labels });
  });

  it('removes a value or an attribute only when no annotation uses it', () => {
    expectError(
      () => removeAttributeValue(builtin, 'dispute', 'issue', 'border', new Set(['border'])),
      /value "border" of attribute "issue" in tag "dispute" is used by annotations; retire it instead/,
    );
    const c = removeAttributeValue(builtin, 'dispute', 'issue', 'border', new Set(['trade']));
    expect(tag(c, 'dispute').attributes[0]!.values.map((v) => v.id)).toEqual([
      'maritime_scs',
      'trade',
      'other',
    ]);
    expectError(
      () => removeAttribute(builtin, 'commitment', 'actor', new Set(['actor'])),
      /attribute "actor" of tag "commitment" is used/,
    );
    expect(
      tag(removeAttribute(builtin, 'commitment', 'actor', new Set()), 'commitment').attributes.map(
        (a) => a.id,
      ),
    ).toEqual(['strength']);
  });

  it('keeps edited codebooks valid for export and import', () => {
    let c = addTag(builtin, { label: 'Visit', shortcut: 'v' });
    c = addAttribute(c, 'visit', { label: 'Level', kind: 'multiple', values: ['Head of state', 'Minister'] });
    c = retireTag(c, 'dispute');
    expect(parseCodebookJson(codebookToJson(c))).toEqual(c);
  });
});
