import type { AttributeValues } from '../annotation/annotation-types';

/**
 * Attribute agreement: for the spans two annotators both marked (matched
 * one to one within a document and tag: the same extent first, else the
 * largest overlap), how often each attribute has the same value, and
 * Cohen's kappa over those pairs with the values as nominal categories.
 *
 * An attribute one side left unset counts as the value "unset": a span
 * whose strength only a filled in is a disagreement about strength. A
 * multiple choice is compared as a set (its values sorted). Attributes are
 * reported per tag, for every attribute either side set on a matched span.
 */

export interface AttributeAgreement {
  /** Matched span pairs the figures are over. */
  pairs: number;
  /** Share of pairs with the same value; null without pairs. */
  observed: number | null;
  /** Cohen's kappa over the pairs; null without pairs, or when chance agreement is 1 (one value throughout). */
  kappa: number | null;
}

export interface AttributedSpan {
  documentPath: string;
  tag: string;
  start: number;
  end: number;
  attributes?: AttributeValues;
}

/** One-to-one matched pairs of a's and b's spans (same document and tag). */
export function matchSpanPairs<S extends AttributedSpan>(a: readonly S[], b: readonly S[]): [S, S][] {
  const groups = new Map<string, { a: S[]; b: S[] }>();
  const group = (s: S): { a: S[]; b: S[] } => {
    const key = `${s.documentPath}\u0000${s.tag}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { a: [], b: [] }));
    return g;
  };
  for (const s of a) group(s).a.push(s);
  for (const s of b) group(s).b.push(s);
  const pairs: [S, S][] = [];
  for (const g of groups.values()) {
    const free = new Set(g.b);
    const left: S[] = [];
    for (const s of g.a) {
      const same = [...free].find((t) => t.start === s.start && t.end === s.end);
      if (same) {
        free.delete(same);
        pairs.push([s, same]);
      } else left.push(s);
    }
    for (const s of left) {
      let best: S | null = null;
      let bestOverlap = 0;
      for (const t of free) {
        const overlap = Math.min(s.end, t.end) - Math.max(s.start, t.start);
        if (overlap > bestOverlap) [best, bestOverlap] = [t, overlap];
      }
      if (best) {
        free.delete(best);
        pairs.push([s, best]);
      }
    }
  }
  return pairs;
}

/** The attribute's value as one nominal category. */
export function attributeCategory(values: AttributeValues | undefined, attribute: string): string {
  const v = values?.[attribute];
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '\u0000unset';
  return Array.isArray(v) ? JSON.stringify([...v].sort()) : JSON.stringify(v);
}

/** Attributes whose values differ between two matched spans. */
export function differingAttributes(
  x: AttributeValues | undefined,
  y: AttributeValues | undefined,
): string[] {
  const names = new Set([...Object.keys(x ?? {}), ...Object.keys(y ?? {})]);
  return [...names].filter((n) => attributeCategory(x, n) !== attributeCategory(y, n)).sort();
}

/** Per tag, per attribute: agreement of a and b over their matched spans. */
export function attributeAgreement<S extends AttributedSpan>(
  a: readonly S[],
  b: readonly S[],
): Record<string, Record<string, AttributeAgreement>> {
  const byTag = new Map<string, [S, S][]>();
  for (const pair of matchSpanPairs(a, b)) {
    const tag = pair[0].tag;
    byTag.set(tag, [...(byTag.get(tag) ?? []), pair]);
  }
  const out = Object.create(null) as Record<string, Record<string, AttributeAgreement>>;
  for (const [tag, pairs] of [...byTag].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const names = new Set<string>();
    for (const [x, y] of pairs)
      for (const n of [...Object.keys(x.attributes ?? {}), ...Object.keys(y.attributes ?? {})]) names.add(n);
    if (names.size === 0) continue;
    const perAttribute = Object.create(null) as Record<string, AttributeAgreement>;
    for (const name of [...names].sort()) {
      perAttribute[name] = nominalKappa(
        pairs.map(([x, y]) => [attributeCategory(x.attributes, name), attributeCategory(y.attributes, name)]),
      );
    }
    out[tag] = perAttribute;
  }
  return out;
}

/** Observed agreement and Cohen's kappa of paired nominal ratings. */
export function nominalKappa(ratings: readonly (readonly [string, string])[]): AttributeAgreement {
  const n = ratings.length;
  if (n === 0) return { pairs: 0, observed: null, kappa: null };
  const aCount = new Map<string, number>();
  const bCount = new Map<string, number>();
  let same = 0;
  for (const [x, y] of ratings) {
    if (x === y) same++;
    aCount.set(x, (aCount.get(x) ?? 0) + 1);
    bCount.set(y, (bCount.get(y) ?? 0) + 1);
  }
  const observed = same / n;
  let expected = 0;
  for (const [k, c] of aCount) expected += (c / n) * ((bCount.get(k) ?? 0) / n);
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { pairs: n, observed, kappa };
}
