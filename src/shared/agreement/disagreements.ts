import type { AttributeValues } from '../annotation/annotation-types';
import { differingAttributes } from './attribute-agreement';
import { meanOfDefined, type AgreementReport, type DocumentAgreement } from './agreement-report';

/**
 * Where two annotators disagree in one document, as units a reviewer can
 * step through and decide on. Pure: the caller passes each annotator's
 * spans of one document.
 *
 * Every span belongs to exactly one unit. Spans are paired in four passes,
 * each taking only spans no earlier pass took:
 *  1. `agree`: a span of a and one of b with the same start, end and tag;
 *  2. `tag-conflict`: same start and end, different tag;
 *  3. `boundary-conflict`: spans of one tag that overlap (share at least one
 *     code point) with different extents; a's and b's spans linked by
 *     overlaps form one unit, so a's one long span against b's two short
 *     ones is one conflict, not two;
 *  4. `only-a` / `only-b`: every span left, one unit each.
 * Pairing in 1 and 2 is one to one: a second identical span of b has no
 * partner left and falls through to later passes.
 *
 * Consequences worth knowing:
 *  - spans that overlap but differ in both tag and extent are no conflict of
 *    either kind: each side is `only-a` / `only-b` (the reviewer sees them
 *    side by side in the text, and can accept either or both);
 *  - a span of b that overlaps a's span of the same tag which already
 *    agrees with another span of b is `only-b`: the agreement is settled,
 *    and the extra span is what b added.
 * This is stricter than the agreement report's overlap matching, which is
 * existence based (two spans may match the same span); the report measures,
 * these units are what gets adjudicated, once each.
 *
 * Each unit has a `key` made of its spans' ids, so a decision stored
 * against it is found again later, whatever else changed in the document,
 * as long as the same spans form the unit.
 */

export interface ComparedSpan {
  /** Unique among both annotators' spans (annotation ids are UUIDs). */
  id: string;
  tag: string;
  /** Code point offsets, end exclusive. */
  start: number;
  end: number;
  /** Compared on agreeing spans: a differing attribute is a disagreement of its own. */
  attributes?: AttributeValues;
}

export type UnitKind = 'agree' | 'tag-conflict' | 'boundary-conflict' | 'only-a' | 'only-b';
export const UNIT_KINDS: readonly UnitKind[] = [
  'agree',
  'tag-conflict',
  'boundary-conflict',
  'only-a',
  'only-b',
];

export interface ComparisonUnit<S extends ComparedSpan = ComparedSpan> {
  /** `<a ids>|<b ids>`, each side's ids sorted and joined with `+`. */
  key: string;
  kind: UnitKind;
  /** a's spans in this unit, by start, end, tag, id (empty for `only-b`). */
  a: S[];
  /** b's spans in this unit (empty for `only-a`). */
  b: S[];
  /** Where the unit's spans begin and end, together. */
  start: number;
  end: number;
}

/** Units of a's and b's spans of one document, by start, end, kind, key. */
export function compareSpans<S extends ComparedSpan>(
  aSpans: readonly S[],
  bSpans: readonly S[],
): ComparisonUnit<S>[] {
  const units: ComparisonUnit<S>[] = [];
  let a = [...aSpans].sort(bySpan);
  let b = [...bSpans].sort(bySpan);

  // 1 and 2: pair by exact extent (and tag, for agreements).
  for (const [kind, keyOf] of [
    ['agree', (s: S) => `${s.start}:${s.end}:${s.tag}`],
    ['tag-conflict', (s: S) => `${s.start}:${s.end}`],
  ] as const) {
    const waiting = new Map<string, S[]>();
    for (const s of a) {
      const k = keyOf(s);
      const list = waiting.get(k);
      if (list) list.push(s);
      else waiting.set(k, [s]);
    }
    const pairedA = new Set<S>();
    const restB: S[] = [];
    for (const s of b) {
      const partner = waiting.get(keyOf(s))?.shift();
      if (partner) {
        pairedA.add(partner);
        units.push(unit(kind, [partner], [s]));
      } else {
        restB.push(s);
      }
    }
    a = a.filter((s) => !pairedA.has(s));
    b = restB;
  }

  // 3: same tag, overlapping; connected groups of a's and b's spans.
  const tags = new Set([...a.map((s) => s.tag), ...b.map((s) => s.tag)]);
  const left = new Set<S>([...a, ...b]);
  for (const tag of tags) {
    for (const group of overlapGroups(
      a.filter((s) => s.tag === tag),
      b.filter((s) => s.tag === tag),
    )) {
      units.push(unit('boundary-conflict', group.a, group.b));
      for (const s of [...group.a, ...group.b]) left.delete(s);
    }
  }

  // 4: whatever is left stands alone.
  for (const s of a) if (left.has(s)) units.push(unit('only-a', [s], []));
  for (const s of b) if (left.has(s)) units.push(unit('only-b', [], [s]));

  return units.sort(byPosition);
}

export function isDisagreement(unit: { kind: UnitKind }): boolean {
  return unit.kind !== 'agree';
}

/**
 * Index of the next (direction 1) or previous (-1) disagreement after
 * `from` (an index into `units`; -1 or `units.length` to start at an end),
 * or null when there is none that way (no wrapping: the reviewer should
 * notice they reached the end).
 */
export function stepDisagreement(
  units: readonly { kind: UnitKind }[],
  from: number,
  direction: 1 | -1,
): number | null {
  for (let i = from + direction; i >= 0 && i < units.length; i += direction) {
    if (isDisagreement(units[i]!)) return i;
  }
  return null;
}

/**
 * Index of the first undecided disagreement after `from`, wrapping round to
 * the start (the one at `from` is the one just decided), or null when every
 * disagreement is decided. Where the reviewer goes after a decision.
 */
export function nextUndecided(
  units: readonly { key: string; kind: UnitKind }[],
  from: number,
  decided: (key: string) => boolean,
): number | null {
  for (let step = 1; step <= units.length; step++) {
    const i = (((from + step) % units.length) + units.length) % units.length;
    if (i === from) continue;
    const unit = units[i]!;
    if (isDisagreement(unit) && !decided(unit.key)) return i;
  }
  return null;
}

export type UnitCounts = Record<UnitKind, number>;

export function countUnits(units: readonly { kind: UnitKind }[]): UnitCounts {
  const counts: UnitCounts = {
    agree: 0,
    'tag-conflict': 0,
    'boundary-conflict': 0,
    'only-a': 0,
    'only-b': 0,
  };
  for (const u of units) counts[u.kind] += 1;
  return counts;
}

// ---------------------------------------------------------------- per document

export interface DocumentDisagreement {
  documentPath: string;
  counts: UnitCounts;
  /** Agreeing spans (same extent and tag) whose attribute values differ. */
  attributeConflicts: number;
  /** Units that are not agreements, plus agreeing ones whose attributes differ. */
  disagreements: number;
  /** Mean over tags of Cohen's kappa in this document (tags where it is defined); null when none is. */
  kappa: number | null;
  /** The same for Krippendorff's alpha. */
  alpha: number | null;
}

/**
 * One row per document of the report, sorted by disagreement: most
 * non-agreeing units first, then lower kappa (a document whose kappa is
 * undefined after those with one), then path.
 *
 * `spans` are both annotators' (others are ignored) in the report's
 * documents; `report` is `computeAgreement`'s over the same spans, whose
 * `annotators` say which one is a and which b.
 */
export function disagreementsPerDocument(
  spans: readonly (ComparedSpan & { annotator: string; documentPath: string })[],
  report: AgreementReport,
): DocumentDisagreement[] {
  const [aName, bName] = report.annotators as [string, string];
  const byDocument = new Map<string, { a: ComparedSpan[]; b: ComparedSpan[] }>();
  for (const doc of report.per_document) byDocument.set(doc.document_path, { a: [], b: [] });
  for (const s of spans) {
    const side = s.annotator === aName ? 'a' : s.annotator === bName ? 'b' : null;
    if (side) byDocument.get(s.documentPath)?.[side].push(s);
  }
  const rows = report.per_document.map((doc): DocumentDisagreement => {
    const { a, b } = byDocument.get(doc.document_path)!;
    const units = compareSpans(a, b);
    const counts = countUnits(units);
    const attributeConflicts = units.filter(
      (u) => u.kind === 'agree' && differingAttributes(u.a[0]!.attributes, u.b[0]!.attributes).length > 0,
    ).length;
    return {
      documentPath: doc.document_path,
      counts,
      attributeConflicts,
      disagreements: totalDisagreements(counts) + attributeConflicts,
      kappa: documentKappa(doc),
      alpha: doc.alpha,
    };
  });
  return rows.sort(
    (x, y) =>
      y.disagreements - x.disagreements ||
      (x.kappa === null ? (y.kappa === null ? 0 : 1) : y.kappa === null ? -1 : x.kappa - y.kappa) ||
      (x.documentPath < y.documentPath ? -1 : x.documentPath > y.documentPath ? 1 : 0),
  );
}

export function totalDisagreements(counts: UnitCounts): number {
  return counts['tag-conflict'] + counts['boundary-conflict'] + counts['only-a'] + counts['only-b'];
}

/** The document's kappa: the mean over tags where it is defined (the macro rule, per document). */
export function documentKappa(doc: DocumentAgreement): number | null {
  return meanOfDefined(Object.values(doc.tags).map((t) => t.kappa));
}

// ---------------------------------------------------------------- helpers

function unit<S extends ComparedSpan>(kind: UnitKind, a: S[], b: S[]): ComparisonUnit<S> {
  a.sort(bySpan);
  b.sort(bySpan);
  const all = [...a, ...b];
  return {
    key: `${a
      .map((s) => s.id)
      .sort()
      .join('+')}|${b
      .map((s) => s.id)
      .sort()
      .join('+')}`,
    kind,
    a,
    b,
    start: Math.min(...all.map((s) => s.start)),
    end: Math.max(...all.map((s) => s.end)),
  };
}

/**
 * Connected groups of spans of one tag, where an edge is an overlap between
 * a span of a and a span of b (a's own overlapping spans are not linked
 * through each other). Only groups with both sides are returned. A sweep by
 * start: each span is linked with the other side's spans still open.
 */
function overlapGroups<S extends ComparedSpan>(a: readonly S[], b: readonly S[]): { a: S[]; b: S[] }[] {
  if (a.length === 0 || b.length === 0) return [];
  const spans = [...a.map((s) => ({ s, side: 0 })), ...b.map((s) => ({ s, side: 1 }))];
  spans.sort((x, y) => x.s.start - y.s.start || x.side - y.side);
  const parent = spans.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const open: number[][] = [[], []];
  spans.forEach(({ s, side }, i) => {
    for (const list of open) {
      // Drop spans that ended before this one starts: they cannot overlap anything later.
      for (let k = list.length - 1; k >= 0; k--) if (spans[list[k]!]!.s.end <= s.start) list.splice(k, 1);
    }
    for (const j of open[1 - side]!) parent[find(j)] = find(i);
    open[side]!.push(i);
  });
  const groups = new Map<number, { a: S[]; b: S[] }>();
  spans.forEach(({ s, side }, i) => {
    const root = find(i);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { a: [], b: [] }));
    (side === 0 ? group.a : group.b).push(s);
  });
  return [...groups.values()].filter((g) => g.a.length > 0 && g.b.length > 0);
}

function bySpan(x: ComparedSpan, y: ComparedSpan): number {
  return x.start - y.start || x.end - y.end || compareStrings(x.tag, y.tag) || compareStrings(x.id, y.id);
}

function byPosition(x: ComparisonUnit, y: ComparisonUnit): number {
  return (
    x.start - y.start ||
    x.end - y.end ||
    UNIT_KINDS.indexOf(x.kind) - UNIT_KINDS.indexOf(y.kind) ||
    compareStrings(x.key, y.key)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
