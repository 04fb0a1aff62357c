import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../builtin-codebook';
import {
  type Codebook,
  codebookToJson,
  parseCodebookJson,
  renameAttribute,
  renameAttributeValue,
  renameTag,
  setTagDescription,
  validateCodebook,
} from '../codebook';
import { CodebookError } from '../codebook-error';
import {
  codebookInLanguage,
  codebookLanguages,
  displayDescription,
  displayLabel,
  firstCodebookLanguage,
} from '../codebook-languages';

const tag = (c: Codebook, id: string) => c.tags.find((t) => t.id === id)!;

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CodebookError);
    return (error as Error).message;
  }
  throw new Error('expected a CodebookError');
}

const oneTag = (label: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    version: 1,
    tags: [
      {
        id: 'commitment',
        label,
        color: '#2f7ed8',
        description: '',
        shortcut: '1',
        retired: false,
        attributes: [],
        ...extra,
      },
    ],
  });

describe('labels per language', () => {
  it('keeps label as the first language and puts every language beside it', () => {
    const c = parseCodebookJson(oneTag({ en: 'Commitment', id: 'Komitmen' }));
    expect(tag(c, 'commitment').label).toBe('Commitment');
    expect(tag(c, 'commitment').labels).toEqual({ en: 'Commitment', id: 'Komitmen' });
    expect(codebookLanguages(c)).toEqual(['en', 'id']);
  });

  it('takes the first key of the first object as the first language, whatever order others use', () => {
    const text = JSON.stringify({
      version: 1,
      tags: [
        { id: 'a', label: { id: 'Komitmen', en: 'Commitment' }, color: '#2f7ed8', description: '' },
        { id: 'b', label: { en: 'Dispute', id: 'Sengketa' }, color: '#d64545', description: '' },
      ].map((t) => ({ ...t, shortcut: null, retired: false, attributes: [] })),
    });
    const c = parseCodebookJson(text);
    expect(firstCodebookLanguage(c)).toBe('id');
    expect(c.tags.map((t) => t.label)).toEqual(['Komitmen', 'Sengketa']);
    expect(Object.keys(tag(c, 'b').labels!)).toEqual(['id', 'en']);
    // Written back first-language first, so it reads back the same.
    expect(parseCodebookJson(codebookToJson(c))).toEqual(c);
  });

  it('shows the label in the asked language and falls back to the first one', () => {
    const c = parseCodebookJson(oneTag({ en: 'Commitment', id: 'Komitmen' }));
    expect(displayLabel(tag(c, 'commitment'), 'id')).toBe('Komitmen');
    expect(displayLabel(tag(c, 'commitment'), 'en')).toBe('Commitment');
    expect(displayLabel(tag(c, 'commitment'), 'fr')).toBe('Commitment');
    expect(displayLabel({ label: 'Plain' }, 'id')).toBe('Plain');
  });

  it('loads an old single-string codebook unchanged and writes it back byte for byte', () => {
    const text = oneTag('Commitment');
    const c = parseCodebookJson(text);
    expect(tag(c, 'commitment')).not.toHaveProperty('labels');
    expect(tag(c, 'commitment')).not.toHaveProperty('descriptions');
    expect(codebookToJson(c)).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('writes the object form for a text with more than one language, the string for one', () => {
    const c = parseCodebookJson(
      oneTag({ en: 'Commitment', id: 'Komitmen' }, { description: { en: 'A pledge' } }),
    );
    const written = JSON.parse(codebookToJson(c)).tags[0];
    expect(written.label).toEqual({ en: 'Commitment', id: 'Komitmen' });
    expect(written.description).toBe('A pledge');
  });

  it('gives descriptions, attribute labels and value labels per language too', () => {
    const c = builtinCodebook();
    const commitment = tag(c, 'commitment');
    expect(displayDescription(commitment, 'id')).toMatch(/^Janji/);
    expect(displayDescription(commitment, 'en')).toBe(commitment.description);
    const actor = commitment.attributes[0]!;
    expect(displayLabel(actor, 'id')).toBe('Aktor');
    expect(
      displayLabel(
        actor.values.find((v) => v.id === 'china')!,
        'id',
      ),
    ).toBe('Tiongkok');
  });

  it('is carried by a bundle-shaped (in-memory) codebook as it is', () => {
    const stored = JSON.parse(JSON.stringify(builtinCodebook())) as unknown;
    expect(validateCodebook(stored)).toEqual(builtinCodebook());
  });
});

describe('the built-in codebook', () => {
  it('carries English first and Indonesian for every tag, attribute and value', () => {
    expect(codebookLanguages(builtinCodebook())).toEqual(['en', 'id']);
    expect(builtinCodebook().tags.map((t) => displayLabel(t, 'id'))).toEqual([
      'Komitmen',
      'Sengketa',
      'Bidang kerja sama',
    ]);
    expect(builtinCodebook().tags.map((t) => t.label)).toEqual(['Commitment', 'Dispute', 'Cooperation area']);
    for (const t of builtinCodebook().tags) {
      expect(t.descriptions?.id, t.id).toBeTruthy();
      for (const a of t.attributes) {
        expect(a.labels?.id, `${t.id}.${a.id}`).toBeTruthy();
        for (const v of a.values) expect(v.labels?.id, `${t.id}.${a.id}.${v.id}`).toBeTruthy();
      }
    }
  });

  it('is read from the resources file, which is in the object form', () => {
    const file = readFileSync(resolve(__dirname, '../../../../resources/codebook.json'), 'utf8');
    expect(JSON.parse(file).tags[0].label).toEqual({ en: 'Commitment', id: 'Komitmen' });
    expect(parseCodebookJson(file)).toEqual(builtinCodebook());
  });
});

describe('bad per-language texts', () => {
  it('names an empty label in a language by its JSON path', () => {
    expect(errorOf(() => parseCodebookJson(oneTag({ en: 'Commitment', id: '  ' })))).toMatch(
      /tags\[0\]\.label\.id: must not be empty/,
    );
  });

  it('names a key that is not a language', () => {
    expect(errorOf(() => parseCodebookJson(oneTag({ en: 'Commitment', English: 'x' })))).toMatch(
      /tags\[0\]\.label\.English: "English" is not a language code/,
    );
  });

  it('names a label of the wrong type, and a language text that is not a string', () => {
    expect(errorOf(() => parseCodebookJson(oneTag(42)))).toMatch(
      /tags\[0\]\.label: must be a string, or an object by language/,
    );
    expect(errorOf(() => parseCodebookJson(oneTag(['Commitment'])))).toMatch(
      /tags\[0\]\.label: must be a string/,
    );
    expect(errorOf(() => parseCodebookJson(oneTag({ en: 7 })))).toMatch(
      /tags\[0\]\.label\.en: must be a string/,
    );
    expect(errorOf(() => parseCodebookJson(oneTag({})))).toMatch(
      /tags\[0\]\.label: must name at least one language/,
    );
  });

  it('refuses a text that lacks the first language, naming where that language came from', () => {
    const text = oneTag(
      { en: 'Commitment', id: 'Komitmen' },
      {
        attributes: [{ id: 'actor', label: { id: 'Aktor' }, kind: 'text', values: [] }],
      },
    );
    expect(errorOf(() => parseCodebookJson(text))).toMatch(
      /tags\[0\]\.attributes\[0\]\.label: has no "en" text; "en" is the codebook's first language \(from tags\[0\]\.label\)/,
    );
  });

  it('refuses an in-memory map that disagrees with its label', () => {
    const stored = JSON.parse(JSON.stringify(builtinCodebook())) as Codebook;
    (stored.tags[0] as { label: string }).label = 'Pledge';
    expect(errorOf(() => validateCodebook(stored))).toMatch(/tags\[0\]\.labels\.en: must equal label/);
  });
});

describe('editing a label in one language', () => {
  it('sets and clears a second language, leaving the first', () => {
    const plain = parseCodebookJson(oneTag('Commitment'));
    const both = renameTag(plain, 'commitment', 'Komitmen', 'id');
    expect(tag(both, 'commitment')).toMatchObject({
      label: 'Commitment',
      labels: { en: 'Commitment', id: 'Komitmen' },
    });
    const cleared = renameTag(both, 'commitment', '', 'id');
    expect(tag(cleared, 'commitment')).not.toHaveProperty('labels');
    expect(codebookToJson(cleared)).toBe(codebookToJson(plain));
  });

  it('changes the first language through label and the map together', () => {
    const c = renameTag(builtinCodebook(), 'commitment', 'Pledge', 'en');
    expect(tag(c, 'commitment').label).toBe('Pledge');
    expect(tag(c, 'commitment').labels).toEqual({ en: 'Pledge', id: 'Komitmen' });
    expect(parseCodebookJson(codebookToJson(c))).toEqual(c);
  });

  it('edits attribute, value and description texts per language', () => {
    let c = renameAttribute(builtinCodebook(), 'commitment', 'actor', 'Pelaku', 'id');
    c = renameAttributeValue(c, 'commitment', 'actor', 'china', 'RRT', 'id');
    c = setTagDescription(c, 'dispute', 'Perselisihan.', 'id');
    expect(displayLabel(tag(c, 'commitment').attributes[0]!, 'id')).toBe('Pelaku');
    expect(displayLabel(tag(c, 'commitment').attributes[0]!.values[1]!, 'id')).toBe('RRT');
    expect(displayDescription(tag(c, 'dispute'), 'id')).toBe('Perselisihan.');
    expect(tag(c, 'dispute').description).toBe(builtinCodebook().tags[1]!.description);
  });

  it('refuses an empty first-language label and a bad language code, saying which', () => {
    expect(errorOf(() => renameTag(builtinCodebook(), 'commitment', ' ', 'en'))).toMatch(
      /label of tag "commitment" must not be empty/,
    );
    expect(errorOf(() => renameTag(builtinCodebook(), 'commitment', 'x'.repeat(121), 'id'))).toMatch(
      /label of tag "commitment" in "id" must be at most 120 characters/,
    );
    expect(errorOf(() => renameTag(builtinCodebook(), 'commitment', 'X', 'Indonesian'))).toMatch(
      /"Indonesian" is not a language code/,
    );
  });
});

describe('codebookInLanguage', () => {
  it('puts every text in the language, falls back to the first, and keeps a valid codebook', () => {
    const shown = codebookInLanguage(builtinCodebook(), 'id');
    expect(shown.tags.map((t) => t.label)).toEqual(['Komitmen', 'Sengketa', 'Bidang kerja sama']);
    expect(shown.tags[0]!.attributes[0]!.values.map((v) => v.label)).toEqual([
      'Vietnam',
      'Tiongkok',
      'keduanya',
      'lainnya',
    ]);
    expect(shown.tags[0]!.description).toMatch(/^Janji/);
    expect(codebookLanguages(shown)).toEqual([]);
    expect(validateCodebook(shown)).toEqual(shown);
    expect(codebookInLanguage(builtinCodebook(), 'fr').tags[0]!.label).toBe('Commitment');
    expect(builtinCodebook().tags[0]!.label).toBe('Commitment');
  });
});
