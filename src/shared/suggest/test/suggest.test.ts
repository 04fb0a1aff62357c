import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import {
  type Codebook,
  codebookToJson,
  parseCodebookJson,
  setTagPatterns,
  validateCodebook,
} from '../../codebook/codebook';
import { CodebookError } from '../../codebook/codebook-error';
import type { TagPattern } from '../../codebook/tag-patterns';
import { compilePattern, matchableText } from '../pattern-match';
import {
  learnPhrases,
  learnedMatchers,
  learnedSourceKey,
  patternMatchers,
  patternSourceKey,
  suggestForText,
} from '../suggest';
import {
  answeredKeys,
  answeredSpans,
  sourceNote,
  sourceTag,
  sourceRecords,
  suggestionKey,
  type SuggestionDecision,
} from '../suggestion-types';

function quotes(kind: TagPattern['kind'], pattern: string, text: string): string[] {
  const t = matchableText(text);
  return compilePattern(kind, pattern)
    .spans(t)
    .map((s) => [...text].slice(s.start, s.end).join(''));
}

function withPatterns(tag: string, patterns: TagPattern[]): Codebook {
  return setTagPatterns(builtinCodebook(), tag, patterns);
}

describe('pattern matching', () => {
  it('matches phrases with the search folding, on word boundaries', () => {
    const text = 'Jalur Kereta-Api baru; keretaapi bukan; KERETA  API lagi.';
    expect(quotes('phrase', 'kereta api', text)).toEqual(['Kereta-Api', 'KERETA  API']);
    expect(quotes('phrase', 'Việt Nam', 'Viet nam dan VIỆT NAM, bukan Vietnamese')).toEqual([
      'Viet nam',
      'VIỆT NAM',
    ]);
  });

  it('never matches inside a word', () => {
    expect(quotes('phrase', 'akan', 'makanan akan datang; diakan')).toEqual(['akan']);
  });

  it('never crosses a line break', () => {
    expect(quotes('phrase', 'kereta api', 'kereta\napi dan kereta api')).toEqual(['kereta api']);
  });

  it('reads * inside a word as any letters, alone as one word, and ? as one letter', () => {
    expect(quotes('wildcard', 'berkomitmen*', 'Berkomitmen, berkomitmennya, komitmen')).toEqual([
      'Berkomitmen',
      'berkomitmennya',
    ]);
    expect(
      quotes('wildcard', 'kerja sama * digital', 'kerja sama ekonomi digital; kerja sama digital'),
    ).toEqual(['kerja sama ekonomi digital']);
    expect(quotes('wildcard', 'pr?tes', 'protes dan pretes, prtes')).toEqual(['protes', 'pretes']);
  });

  it('takes a regular expression case-insensitively, the first capture group being the span', () => {
    expect(quotes('regex', 'akan (membangun [a-z ]+)', 'Kami AKAN membangun jalan tol.')).toEqual([
      'membangun jalan tol',
    ]);
    expect(quotes('regex', 'sepakat', 'SEPAKAT dan sepakat')).toEqual(['SEPAKAT', 'sepakat']);
  });

  it('counts offsets in code points, past astral characters', () => {
    const text = '😀 kereta api 😀 KERETA API';
    const spans = compilePattern('regex', 'kereta api').spans(matchableText(text));
    expect(spans).toEqual([
      { start: 2, end: 12 },
      { start: 15, end: 25 },
    ]);
    expect(compilePattern('phrase', 'kereta api').spans(matchableText(text))).toEqual(spans);
  });
});

describe('codebook patterns', () => {
  it('loads codebooks without patterns, as before', () => {
    const { patterns: _, ...tag } = builtinCodebook().tags[0]!;
    const old = validateCodebook({ version: 1, tags: [tag] });
    expect(old.tags[0]!.patterns).toBeUndefined();
  });

  it('ships patterns for every built-in tag, in Indonesian and English', () => {
    const text =
      'Kedua pihak sepakat memperkuat kerja sama kereta api. The sides agreed to boost railway links. ' +
      'Sengketa di Laut Timur berlanjut. A dispute over the South China Sea.';
    const found = suggestForText({ text, matchers: patternMatchers(builtinCodebook()), annotations: [] });
    const byTag = (tag: string) => found.filter((s) => s.tag === tag).map((s) => s.quote);
    expect(byTag('commitment')).toEqual(
      expect.arrayContaining(['sepakat memperkuat kerja sama kereta api', 'agreed to boost railway links']),
    );
    expect(byTag('dispute')).toEqual(expect.arrayContaining(['Laut Timur', 'South China Sea', 'Sengketa']));
    expect(byTag('cooperation_area')).toEqual(expect.arrayContaining(['kereta api', 'railway']));
  });

  it('refuses bad patterns with where and what', () => {
    const bad = (patterns: unknown[]) => () =>
      setTagPatterns(builtinCodebook(), 'dispute', patterns as TagPattern[]);
    expect(bad([{ kind: 'regex', text: 'akan (' }])).toThrow(
      /tags\[1\]\.patterns\[0\]\.text: is not a valid regular expression/,
    );
    expect(bad([{ kind: 'regex', text: 'x*' }])).toThrow(/matches the empty text/);
    expect(bad([{ kind: 'phrase', text: '  ' }])).toThrow(/patterns\[0\]\.text: must not be empty/);
    expect(bad([{ kind: 'phrase', text: 'kereta*' }])).toThrow(/make it a wildcard/);
    expect(bad([{ kind: 'phrase', text: 'x', attributes: { sector: 'rail' } }])).toThrow(
      /tags\[1\]\.patterns\[0\]\.attributes\.sector: tag "dispute" has no attribute "sector"/,
    );
    expect(bad([{ kind: 'phrase', text: 'x', attributes: { issue: 'piracy' } }])).toThrow(
      /has no value "piracy"/,
    );
    expect(bad([{ kind: 'phrase', text: 'x', attributes: { issue: ['trade'] } }])).toThrow(/single choice/);
    expect(bad([{ kind: 'phrase', text: 'x' }])).not.toThrow();
  });

  it('sets attribute values from the pattern', () => {
    const codebook = withPatterns('cooperation_area', [
      { kind: 'phrase', text: 'kereta api', attributes: { sector: ['rail'] } },
    ]);
    const [s] = suggestForText({
      text: 'proyek kereta api',
      matchers: patternMatchers(codebook),
      annotations: [],
    });
    expect(s).toMatchObject({
      tag: 'cooperation_area',
      start: 7,
      end: 17,
      quote: 'kereta api',
      attributes: { sector: ['rail'] },
      source: { kind: 'pattern', pattern: 'kereta api' },
    });
  });

  it('carries patterns through codebook JSON export and import', () => {
    const json = codebookToJson(builtinCodebook());
    expect(parseCodebookJson(json)).toEqual(builtinCodebook());
    expect(JSON.parse(json).tags[2].patterns[0]).toEqual({
      kind: 'phrase',
      text: 'kereta api',
      attributes: { sector: ['rail'] },
    });
    expect(() => parseCodebookJson(json.replace('"kereta api"', '"kereta*"'))).toThrow(CodebookError);
  });

  it('leaves out retired tags', () => {
    const codebook = withPatterns('dispute', [{ kind: 'phrase', text: 'protes' }]);
    const retired = { ...codebook, tags: codebook.tags.map((t) => ({ ...t, retired: t.id === 'dispute' })) };
    expect(patternMatchers(retired).some((m) => m.tag === 'dispute')).toBe(false);
  });
});

describe('suggestions for a document', () => {
  const codebook = withPatterns('cooperation_area', [{ kind: 'phrase', text: 'kereta api' }]);
  const noPatterns: Codebook = { ...codebook, tags: codebook.tags.map(({ patterns: _, ...t }) => t) };
  const text = 'Kereta api cepat. Lalu kereta api lagi.';

  it('never covers an annotation of the same tag and span, but may one of another tag', () => {
    const matchers = patternMatchers(codebook);
    const found = suggestForText({
      text,
      matchers,
      annotations: [
        { tag: 'cooperation_area', start: 0, end: 10 },
        { tag: 'commitment', start: 23, end: 33 },
      ],
    });
    expect(found.map((s) => [s.start, s.end])).toEqual([[23, 33]]);
  });

  it('leaves out what was rejected for this span and source', () => {
    const matchers = patternMatchers(codebook);
    const key = patternSourceKey('cooperation_area', { kind: 'phrase', text: 'kereta api' });
    const found = suggestForText({
      text,
      matchers,
      annotations: [],
      rejected: new Set([suggestionKey(0, 10, key)]),
    });
    expect(found.map((s) => s.start)).toEqual([23]);
  });

  it('snaps to whole words like a selection, or not', () => {
    const matchers = patternMatchers(withPatterns('commitment', [{ kind: 'regex', text: 'omitm' }]));
    expect(suggestForText({ text: 'berkomitmen penuh', matchers, annotations: [] })[0]!.quote).toBe(
      'berkomitmen',
    );
    expect(
      suggestForText({ text: 'berkomitmen penuh', matchers, annotations: [], snap: false })[0]!.quote,
    ).toBe('omitm');
  });

  it('proposes what the analyst tagged wherever else it occurs, with its tag and values', () => {
    const phrases = learnPhrases([
      {
        tag: 'cooperation_area',
        quote: 'Kereta Api',
        attributes: { sector: ['rail'] },
        updatedAt: '2026-01-01',
      },
      {
        tag: 'cooperation_area',
        quote: 'kereta  api',
        attributes: { sector: ['other'] },
        updatedAt: '2026-02-01',
      },
    ]);
    expect(phrases).toEqual([
      { tag: 'cooperation_area', phrase: 'kereta api', count: 2, attributes: { sector: ['other'] } },
    ]);
    const found = suggestForText({
      text,
      matchers: learnedMatchers(phrases, noPatterns),
      annotations: [{ tag: 'cooperation_area', start: 0, end: 10 }],
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      start: 23,
      end: 33,
      attributes: { sector: ['other'] },
      source: {
        kind: 'learned',
        count: 2,
        key: learnedSourceKey('cooperation_area', 'kereta api'),
      },
    });
  });

  it('stops proposing a learned phrase rejected more often than accepted', () => {
    const tagged = [{ tag: 'dispute', quote: 'protes', attributes: {}, updatedAt: '2026-01-01' }];
    const key = learnedSourceKey('dispute', 'protes');
    const rejection = (start: number): SuggestionDecision => ({
      annotator: 'ana',
      documentPath: 'a.txt',
      start,
      end: start + 6,
      tag: 'dispute',
      sourceKey: key,
      decision: 'rejected',
      decidedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(learnPhrases(tagged, sourceRecords([rejection(0)]))).toHaveLength(1);
    expect(learnPhrases(tagged, sourceRecords([rejection(0), rejection(10)]))).toHaveLength(0);
  });

  it('proposes one suggestion per tag and span: the first source wins', () => {
    const phrases = learnPhrases([
      { tag: 'cooperation_area', quote: 'kereta api', attributes: {}, updatedAt: '2026-01-01' },
    ]);
    const found = suggestForText({
      text,
      matchers: [...learnedMatchers(phrases, codebook), ...patternMatchers(codebook)],
      annotations: [],
    });
    expect(found.map((s) => s.source.kind)).toEqual(['learned', 'learned']);
  });

  it('leaves out what was rejected, and what was accepted as another tag while that annotation stands', () => {
    const d = (
      decision: 'accepted' | 'rejected',
      start: number,
      tag: string,
      documentPath = 'a.txt',
    ): SuggestionDecision => ({
      annotator: 'ana',
      documentPath,
      start,
      end: start + 4,
      tag,
      sourceKey: 'pattern:cooperation_area:phrase:kereta',
      decision,
      decidedAt: '2026-01-02T00:00:00.000Z',
    });
    const annotated = (tag: string, start: number, end: number): boolean =>
      tag === 'dispute' && start === 10 && end === 14;
    const keys = answeredKeys(
      [
        d('rejected', 0, 'cooperation_area'),
        d('accepted', 10, 'dispute'), // its annotation stands
        d('accepted', 20, 'dispute'), // its annotation was taken back: the suggestion returns
        d('rejected', 30, 'cooperation_area', 'b.txt'),
      ],
      'a.txt',
      annotated,
    );
    expect([...keys].sort()).toEqual(
      ['pattern:cooperation_area:phrase:kereta', 'pattern:cooperation_area:phrase:kereta'].map((k, i) =>
        suggestionKey(i * 10, i * 10 + 4, k),
      ),
    );
  });

  it('keeps a record per source: accepted, rejected, precision', () => {
    const d = (decision: 'accepted' | 'rejected', start: number): SuggestionDecision => ({
      annotator: 'ana',
      documentPath: 'a.txt',
      start,
      end: start + 1,
      tag: 't',
      sourceKey: 's',
      decision,
      decidedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(
      sourceRecords([d('accepted', 0), d('accepted', 2), d('rejected', 4), d('accepted', 6)]).get('s'),
    ).toEqual({
      accepted: 3,
      rejected: 1,
      precision: 0.75,
    });
  });
});

describe('suggestion sources', () => {
  it('carries the pattern as the analyst names it, and the learned count, as data', () => {
    const codebook = withPatterns('cooperation_area', [
      { kind: 'phrase', text: 'kereta api' },
      { kind: 'regex', text: 'akan (membangun [^.,]+)' },
      { kind: 'regex', text: 'sepakat untuk [^.]+', label: 'agreed to' },
    ]);
    const sources = patternMatchers(codebook)
      .filter((m) => m.tag === 'cooperation_area')
      .map((m) => m.source);
    expect(sources.slice(-3)).toEqual([
      { key: 'pattern:cooperation_area:phrase:kereta api', kind: 'pattern', pattern: 'kereta api' },
      {
        key: 'pattern:cooperation_area:regex:akan (membangun [^.,]+)',
        kind: 'pattern',
        pattern: '/akan (membangun [^.,]+)/',
      },
      { key: 'pattern:cooperation_area:regex:sepakat untuk [^.]+', kind: 'pattern', pattern: 'agreed to' },
    ]);
    const [phrase] = learnedMatchers(
      [{ tag: 'dispute', phrase: 'protes', count: 4, attributes: {} }],
      codebook,
    );
    expect(phrase!.source).toEqual({ key: learnedSourceKey('dispute', 'protes'), kind: 'learned', count: 4 });
  });

  it('writes the English note of the CLI from that data', () => {
    expect(sourceNote({ key: 'k', kind: 'pattern', pattern: '/akan (membangun [^.,]+)/' })).toBe(
      'pattern: /akan (membangun [^.,]+)/',
    );
    expect(sourceNote({ key: 'k', kind: 'learned', count: 1 })).toBe('you tagged this 1×');
  });
});

describe('a suggestion accepted under another tag', () => {
  // *kereta api* learned as a cooperation area, with the built-in pattern for it waiting behind.
  const text = 'jalur kereta api baru';
  const codebook = withPatterns('cooperation_area', [{ kind: 'phrase', text: 'kereta api' }]);
  const matchers = [
    ...learnedMatchers(
      [
        { tag: 'cooperation_area', phrase: 'kereta api', count: 1, attributes: {} },
        { tag: 'commitment', phrase: 'kereta api', count: 1, attributes: {} },
      ],
      codebook,
    ),
    ...patternMatchers(codebook).filter((m) => m.tag === 'cooperation_area'),
  ];
  const learnedKey = learnedSourceKey('cooperation_area', 'kereta api');
  const asDispute: SuggestionDecision = {
    annotator: 'ana',
    documentPath: 'a.txt',
    start: 6,
    end: 16,
    tag: 'dispute',
    sourceKey: learnedKey,
    decision: 'accepted',
    decidedAt: '2026-01-02T00:00:00.000Z',
  };
  const annotation = { tag: 'dispute', start: 6, end: 16 };
  const stands = (tag: string, start: number, end: number): boolean =>
    tag === annotation.tag && start === annotation.start && end === annotation.end;

  it('answers its span for the tag proposed there, whichever source proposes it next', () => {
    const before = suggestForText({ text, matchers, annotations: [] });
    expect(before.map((s) => [s.tag, s.source.key])).toEqual([
      ['commitment', learnedSourceKey('commitment', 'kereta api')],
      ['cooperation_area', learnedKey],
    ]);
    const spans = answeredSpans([asDispute], 'a.txt', stands);
    expect(spans).toEqual([{ tag: 'cooperation_area', start: 6, end: 16 }]);
    const after = suggestForText({
      text,
      matchers,
      annotations: [annotation, ...spans],
      rejected: answeredKeys([asDispute], 'a.txt', stands),
    });
    // The pattern behind the learned phrase does not bring the cooperation area back; a third tag stays.
    expect(after.map((s) => [s.tag, s.source.key])).toEqual([
      ['commitment', learnedSourceKey('commitment', 'kereta api')],
    ]);
  });

  it('answers nothing more once that annotation is gone, nor for an accept as the proposed tag or a rejection', () => {
    expect(answeredSpans([asDispute], 'a.txt', () => false)).toEqual([]);
    expect(answeredSpans([asDispute], 'b.txt', stands)).toEqual([]);
    expect(answeredSpans([{ ...asDispute, tag: 'cooperation_area' }], 'a.txt', () => true)).toEqual([]);
    expect(answeredSpans([{ ...asDispute, decision: 'rejected' }], 'a.txt', () => true)).toEqual([]);
    expect(sourceTag(patternSourceKey('cooperation_area', { kind: 'regex', text: 'a:b' }))).toBe(
      'cooperation_area',
    );
  });
});
