import { describe, expect, it } from 'vitest';
import type { AttributeValues } from '../../annotation/annotation-types';
import { computeAgreement } from '../agreement';
import { matchSpanPairs, nominalKappa } from '../attribute-agreement';
import { disagreementsPerDocument } from '../disagreements';

function span(
  annotator: string,
  start: number,
  end: number,
  attributes: AttributeValues,
  tag = 'commitment',
) {
  return {
    id: `${annotator}-${start}-${end}-${tag}`,
    annotator,
    documentPath: 'a.txt',
    tag,
    start,
    end,
    attributes,
  };
}

describe('attribute agreement over matched spans', () => {
  const spans = [
    span('ann', 0, 10, { strength: 'firm', actor: 'china' }),
    span('bob', 0, 10, { strength: 'firm', actor: 'china' }),
    span('ann', 20, 30, { strength: 'firm', actor: 'both' }),
    span('bob', 22, 30, { strength: 'conditional', actor: 'both' }),
    span('ann', 40, 50, { strength: 'aspirational' }),
    span('bob', 40, 50, { strength: 'aspirational', actor: 'vietnam' }),
    // Not matched (no overlap): not part of attribute agreement.
    span('ann', 60, 70, { strength: 'firm' }),
  ];
  const report = computeAgreement({
    documents: [{ path: 'a.txt', chars: 100 }],
    spans,
    annotators: ['ann', 'bob'],
    tags: ['commitment'],
  });

  it('reports observed agreement and Cohen’s kappa per tag and attribute', () => {
    // strength pairs: firm/firm, firm/conditional, aspirational/aspirational → p_o = 2/3;
    // p_e = (2/3·1/3) + (1/3·1/3) + 0 = 1/3 → κ = (2/3 − 1/3) / (2/3) = 1/2.
    const strength = report.attributes.commitment!.strength!;
    expect(strength.pairs).toBe(3);
    expect(strength.observed).toBeCloseTo(2 / 3, 12);
    expect(strength.kappa).toBeCloseTo(0.5, 12);
    // actor: china/china, both/both, unset/vietnam → p_o = 2/3, p_e = 1/9 + 1/9 = 2/9 → κ = (4/9)/(7/9) = 4/7.
    const actor = report.attributes.commitment!.actor!;
    expect(actor.pairs).toBe(3);
    expect(actor.observed).toBeCloseTo(2 / 3, 12);
    expect(actor.kappa).toBeCloseTo(4 / 7, 12);
  });

  it('counts an agreeing span with a changed attribute as a disagreement of its document', () => {
    const same = [span('ann', 0, 10, { strength: 'firm' }), span('bob', 0, 10, { strength: 'conditional' })];
    const r = computeAgreement({
      documents: [{ path: 'a.txt', chars: 20 }],
      spans: same,
      annotators: ['ann', 'bob'],
      tags: ['commitment'],
    });
    const [row] = disagreementsPerDocument(same, r);
    expect(row).toMatchObject({ attributeConflicts: 1, disagreements: 1, kappa: 1, alpha: 1 });
    expect(r.per_document[0]).toMatchObject({ kappa: 1, alpha: 1 });
  });

  it('pairs one to one: the same extent first, then the largest overlap', () => {
    const a = [span('ann', 0, 10, {}), span('ann', 12, 20, {})];
    const b = [span('bob', 5, 18, {}), span('bob', 0, 10, {})];
    expect(matchSpanPairs(a, b).map(([x, y]) => [x.start, y.start])).toEqual([
      [0, 0],
      [12, 5],
    ]);
  });

  it('is undefined without pairs or with one value throughout', () => {
    expect(nominalKappa([])).toEqual({ pairs: 0, observed: null, kappa: null });
    expect(nominalKappa([['x', 'x']])).toEqual({ pairs: 1, observed: 1, kappa: null });
  });
});
