import { describe, expect, it } from 'vitest';
import { adjudicatedId, decisionOf, planDecision, unitPartIds } from '../adjudication';
import type { Annotation } from '../../annotation/annotation-types';
import { compareSpans } from '../disagreements';

const NOW = '2025-04-01T10:00:00.000Z';

function annotation(id: string, annotator: string, tag: string, start: number, end: number): Annotation {
  return {
    id,
    documentPath: 'a.txt',
    contentSha256: 'ab'.repeat(32),
    annotator,
    tag,
    start,
    end,
    quote: 'x'.repeat(end - start),
    prefix: '',
    suffix: '',
    attributes: { sector: ['rail'] },
    note: `${annotator}'s note`,
    createdAt: '2025-03-01T08:00:00.000Z',
    updatedAt: '2025-03-01T08:00:00.000Z',
    orphaned: false,
  };
}

const [tagConflict] = compareSpans(
  [annotation('a1', 'Ayu', 'commitment', 0, 10)],
  [annotation('b1', 'Budi', 'dispute', 0, 10)],
);
const context = { target: 'adjudicated', documentPath: 'a.txt', now: NOW };

describe('adjudicated annotation ids', () => {
  it('are the documented UUID v5, as Python computes it', () => {
    // uuid.uuid5(uuid.UUID('c0010914-700b-4331-ad23-140eedce2fe6'), '\x1f'.join(['adjudication', 'adjudicated', 'a.txt', 'a1|b1', 'a:a1']))
    expect(adjudicatedId('adjudicated', 'a.txt', 'a1|b1', 'a:a1')).toBe(
      'bdaf7590-a36c-5f01-b7e3-8336e3febc3f',
    );
  });

  it('differ by target, so two adjudications of the same units do not collide', () => {
    expect(adjudicatedId('adjudicated', 'a.txt', 'a1|b1', 'a:a1')).not.toBe(
      adjudicatedId('Dewi', 'a.txt', 'a1|b1', 'a:a1'),
    );
  });
});

describe('planning a decision', () => {
  it("accept A copies a's span, tag, attributes and note to the target, fresh times, no orphan flag", () => {
    const plan = planDecision(tagConflict!, 'a', context);
    expect(plan.reject).toBe(false);
    const { orphaned: _dropped, ...source } = annotation('a1', 'Ayu', 'commitment', 0, 10);
    expect(plan.keep).toEqual([
      {
        ...source,
        id: adjudicatedId('adjudicated', 'a.txt', 'a1|b1', 'a:a1'),
        annotator: 'adjudicated',
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]);
    expect(plan.keep[0]!.attributes).not.toBe(tagConflict!.a[0]!.attributes); // a copy
    expect(plan.partIds).toHaveLength(3);
  });

  it('accept both keeps both sides; reject keeps nothing and marks the unit', () => {
    expect(planDecision(tagConflict!, 'both', context).keep.map((a) => a.tag)).toEqual([
      'commitment',
      'dispute',
    ]);
    expect(planDecision(tagConflict!, 'reject', context)).toMatchObject({
      keep: [],
      reject: true,
      unitKey: 'a1|b1',
    });
  });

  it("an edit takes the reviewer's tag and span", () => {
    const edited = {
      tag: 'dispute',
      start: 2,
      end: 8,
      quote: 'xxxxxx',
      prefix: 'xx',
      suffix: 'xx',
      attributes: {},
      note: 'mine',
    };
    const [kept] = planDecision(tagConflict!, 'edit', { ...context, edited }).keep;
    expect(kept).toMatchObject({
      id: unitPartIds('adjudicated', 'a.txt', tagConflict!).edit,
      ...edited,
      annotator: 'adjudicated',
    });
    expect(() => planDecision(tagConflict!, 'edit', context)).toThrow(RangeError);
  });
});

describe('reading a decision back', () => {
  const parts = unitPartIds('adjudicated', 'a.txt', tagConflict!);
  const none = new Set<string>();

  it('from which parts exist, an edit first, a rejection last', () => {
    expect(decisionOf('a1|b1', parts, none, none)).toBeNull();
    expect(decisionOf('a1|b1', parts, new Set(parts.a), none)).toBe('a');
    expect(decisionOf('a1|b1', parts, new Set(parts.b), none)).toBe('b');
    expect(decisionOf('a1|b1', parts, new Set([...parts.a, ...parts.b]), none)).toBe('both');
    expect(decisionOf('a1|b1', parts, new Set([parts.edit, ...parts.a]), none)).toBe('edit');
    expect(decisionOf('a1|b1', parts, none, new Set(['a1|b1']))).toBe('reject');
  });
});
