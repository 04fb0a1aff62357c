import { describe, expect, it } from 'vitest';
import { computeAgreement, type AgreementSpan } from '../agreement';
import { agreementInput, orderLikeExports } from '../agreement-scope';
import {
  compareSpans,
  countUnits,
  disagreementsPerDocument,
  nextUndecided,
  stepDisagreement,
  type ComparedSpan,
  type ComparisonUnit,
} from '../disagreements';

/** `s('a1', 'claim', 0, 10)` */
function s(id: string, tag: string, start: number, end: number): ComparedSpan {
  return { id, tag, start, end };
}

/** Units as `kind a-ids/b-ids`, easy to read in a failure. */
function summary(units: ComparisonUnit[]): string[] {
  return units.map((u) => `${u.kind} ${u.a.map((x) => x.id).join(',')}/${u.b.map((x) => x.id).join(',')}`);
}

describe("classifying two annotators' spans", () => {
  it('names each of the five kinds', () => {
    const a = [
      s('a1', 'claim', 0, 10),
      s('a2', 'claim', 20, 30),
      s('a3', 'claim', 40, 50),
      s('a4', 'claim', 60, 70),
    ];
    const b = [
      s('b1', 'claim', 0, 10),
      s('b2', 'dispute', 20, 30),
      s('b3', 'claim', 42, 55),
      s('b4', 'claim', 80, 90),
    ];
    expect(summary(compareSpans(a, b))).toEqual([
      'agree a1/b1',
      'tag-conflict a2/b2',
      'boundary-conflict a3/b3',
      'only-a a4/',
      'only-b /b4',
    ]);
  });

  it("keys a unit by its spans' ids and places it where they begin and end together", () => {
    const [unit] = compareSpans([s('a1', 'claim', 5, 12)], [s('b1', 'claim', 3, 9)]);
    expect(unit).toMatchObject({ key: 'a1|b1', kind: 'boundary-conflict', start: 3, end: 12 });
    expect(compareSpans([s('a1', 'claim', 5, 12)], [])[0]!.key).toBe('a1|');
    expect(compareSpans([], [s('b1', 'claim', 5, 12)])[0]!.key).toBe('|b1');
  });

  it('the key does not depend on the order spans come in, nor on unrelated spans', () => {
    const a = [s('a2', 'claim', 0, 10), s('a1', 'claim', 8, 20)];
    const b = [s('b1', 'claim', 5, 15)];
    const keys = compareSpans(a, b).map((u) => u.key);
    expect(keys).toEqual(['a1+a2|b1']);
    expect(compareSpans([...a].reverse(), b).map((u) => u.key)).toEqual(keys);
    expect(compareSpans(a, [...b, s('b9', 'dispute', 100, 110)]).map((u) => u.key)).toEqual([...keys, '|b9']);
  });

  it('overlapping spans that differ in both tag and extent are only-a and only-b', () => {
    expect(summary(compareSpans([s('a1', 'claim', 0, 10)], [s('b1', 'dispute', 5, 15)]))).toEqual([
      'only-a a1/',
      'only-b /b1',
    ]);
  });

  it('groups one long span against two short ones into one boundary conflict', () => {
    const units = compareSpans(
      [s('a1', 'claim', 0, 30)],
      [s('b1', 'claim', 0, 12), s('b2', 'claim', 15, 30)],
    );
    expect(summary(units)).toEqual(['boundary-conflict a1/b1,b2']);
  });

  it("does not link an annotator's own overlapping spans through each other", () => {
    const units = compareSpans(
      [s('a1', 'claim', 0, 10), s('a2', 'claim', 5, 20)],
      [s('b1', 'claim', 15, 25)],
    );
    expect(summary(units)).toEqual(['only-a a1/', 'boundary-conflict a2/b1']);
  });

  it('pairs identical spans one to one; an extra copy stands alone', () => {
    const units = compareSpans([s('a1', 'claim', 0, 10)], [s('b1', 'claim', 0, 10), s('b2', 'claim', 0, 10)]);
    expect(summary(units)).toEqual(['agree a1/b1', 'only-b /b2']);
  });

  it('prefers an agreement over a tag conflict at the same extent', () => {
    const a = [s('a1', 'claim', 0, 10), s('a2', 'dispute', 0, 10)];
    const b = [s('b1', 'dispute', 0, 10), s('b2', 'other', 0, 10)];
    expect(summary(compareSpans(a, b))).toEqual(['agree a2/b1', 'tag-conflict a1/b2']);
  });

  it("a span overlapping an already agreed span of its tag is only that annotator's", () => {
    const units = compareSpans([s('a1', 'claim', 0, 10)], [s('b1', 'claim', 0, 10), s('b2', 'claim', 5, 15)]);
    expect(summary(units)).toEqual(['agree a1/b1', 'only-b /b2']);
  });

  it('spans that only touch do not overlap', () => {
    expect(summary(compareSpans([s('a1', 'claim', 0, 10)], [s('b1', 'claim', 10, 20)]))).toEqual([
      'only-a a1/',
      'only-b /b1',
    ]);
  });

  it('nothing from nothing', () => {
    expect(compareSpans([], [])).toEqual([]);
  });
});

describe('stepping through disagreements', () => {
  const units = compareSpans(
    [s('a1', 'claim', 0, 10), s('a2', 'claim', 20, 30), s('a3', 'claim', 40, 50)],
    [s('b1', 'claim', 0, 10), s('b2', 'dispute', 20, 30), s('b3', 'claim', 40, 50)],
  );

  it('skips agreements and stops at the ends', () => {
    expect(units.map((u) => u.kind)).toEqual(['agree', 'tag-conflict', 'agree']);
    expect(stepDisagreement(units, -1, 1)).toBe(1);
    expect(stepDisagreement(units, 1, 1)).toBeNull();
    expect(stepDisagreement(units, units.length, -1)).toBe(1);
    expect(stepDisagreement(units, 1, -1)).toBeNull();
  });

  it('after a decision, goes to the next undecided disagreement, wrapping round', () => {
    const kinds = ['only-a', 'agree', 'tag-conflict', 'only-b', 'boundary-conflict'] as const;
    const list = kinds.map((kind, i) => ({ key: `u${i}`, kind }));
    const none = (): boolean => false;
    expect(nextUndecided(list, 0, none)).toBe(2); // the agreement is skipped
    expect(nextUndecided(list, 4, none)).toBe(0); // from the last, round to the first
    const decided = new Set(['u0', 'u3']);
    expect(nextUndecided(list, 2, (k) => decided.has(k))).toBe(4);
    expect(nextUndecided(list, 4, (k) => decided.has(k))).toBe(2);
    // The one just decided is never the answer, even before its decision is read back.
    expect(nextUndecided(list, 2, (k) => k !== 'u2')).toBeNull();
    expect(nextUndecided([], -1, none)).toBeNull();
  });

  it('counts units by kind', () => {
    expect(countUnits(units)).toEqual({
      agree: 2,
      'tag-conflict': 1,
      'boundary-conflict': 0,
      'only-a': 0,
      'only-b': 0,
    });
  });
});

describe('documents by disagreement', () => {
  type Span = AgreementSpan & { id: string };
  const span = (
    id: string,
    annotator: string,
    documentPath: string,
    tag: string,
    start: number,
    end: number,
  ): Span => ({
    id,
    annotator,
    documentPath,
    tag,
    start,
    end,
  });
  const spans: Span[] = [
    // calm.txt: one agreement
    span('1', 'ana', 'calm.txt', 'claim', 0, 10),
    span('2', 'bob', 'calm.txt', 'claim', 0, 10),
    // busy.txt: two disagreements
    span('3', 'ana', 'busy.txt', 'claim', 0, 10),
    span('4', 'bob', 'busy.txt', 'dispute', 0, 10),
    span('5', 'bob', 'busy.txt', 'claim', 50, 60),
    // mild.txt and worse.txt: one disagreement each, worse has the lower kappa
    span('6', 'ana', 'mild.txt', 'claim', 0, 40),
    span('7', 'bob', 'mild.txt', 'claim', 0, 38),
    span('8', 'ana', 'worse.txt', 'claim', 0, 40),
    span('9', 'bob', 'worse.txt', 'claim', 0, 10),
  ];
  const report = computeAgreement(agreementInput({ spans, annotators: ['ana', 'bob'], lengthOf: () => 100 }));

  it('sorts by the number of disagreements, then by lower kappa', () => {
    const rows = disagreementsPerDocument(spans, report);
    expect(rows.map((r) => [r.documentPath, r.disagreements])).toEqual([
      ['busy.txt', 2],
      ['worse.txt', 1],
      ['mild.txt', 1],
      ['calm.txt', 0],
    ]);
    expect(rows[1]!.kappa!).toBeLessThan(rows[2]!.kappa!);
    expect(rows[0]!.counts).toMatchObject({ 'tag-conflict': 1, 'only-b': 1 });
    expect(rows[3]!.kappa).toBe(1);
  });

  it('the kappa of a document is the mean over its tags where defined', () => {
    const busy = disagreementsPerDocument(spans, report).find((r) => r.documentPath === 'busy.txt')!;
    const perTag = report.per_document.find((d) => d.document_path === 'busy.txt')!.tags;
    const defined = Object.values(perTag)
      .map((t) => t.kappa)
      .filter((k): k is number => k !== null);
    expect(busy.kappa).toBeCloseTo(defined.reduce((x, y) => x + y, 0) / defined.length, 12);
  });
});

describe('agreement scope (shared by the CLI and the Compare view)', () => {
  it('documents sorted by path, tags in order of first appearance', () => {
    const input = agreementInput({
      spans: [
        { annotator: 'a', documentPath: 'z.txt', tag: 'dispute', start: 0, end: 1 },
        { annotator: 'b', documentPath: 'b.txt', tag: 'claim', start: 0, end: 1 },
        { annotator: 'a', documentPath: 'b.txt', tag: 'dispute', start: 0, end: 1 },
      ],
      annotators: ['a', 'b'],
      lengthOf: (path) => path.length,
    });
    expect(input.documents).toEqual([
      { path: 'b.txt', chars: 5 },
      { path: 'z.txt', chars: 5 },
    ]);
    expect(input.tags).toEqual(['dispute', 'claim']);
  });

  it("orders annotations as one export per annotator would, in the chosen annotators' order", () => {
    const at = (id: string, annotator: string, documentPath: string, start: number) => ({
      id,
      annotator,
      documentPath,
      tag: 't',
      start,
      end: start + 1,
    });
    const ordered = orderLikeExports(
      [
        at('1', 'bob', 'a.txt', 0),
        at('2', 'ana', 'b.txt', 0),
        at('3', 'ana', 'a.txt', 5),
        at('4', 'cy', 'a.txt', 0),
        at('5', 'ana', 'a.txt', 2),
      ],
      ['bob', 'ana'],
    );
    expect(ordered.map((x) => x.id)).toEqual(['1', '5', '3', '2']);
  });
});
