import type { Annotation, AttributeValues } from '../annotation/annotation-types';
import { TANDA_UUID_NAMESPACE, uuidV5 } from '../exchange/csv-format';
import type { ComparisonUnit } from './disagreements';

/**
 * Adjudication: a reviewer decides each unit of a comparison
 * (`disagreements.ts`), and the outcome is plain annotations of a target
 * annotator ("adjudicated" unless chosen otherwise), so it is exported,
 * compared and backed up like anyone's work.
 *
 * Nothing else records a decision but the annotations themselves: each one
 * the adjudication writes has an id derived from the target, the document,
 * the unit's key and which part of the unit it came from
 * (`adjudicatedId`). So the view finds which units are decided by looking
 * those ids up, accepting the same unit twice writes nothing new, and a set
 * exported and imported elsewhere is recognised there too. Only a rejection
 * leaves no annotation; it is remembered as a list of unit keys in a
 * settings row (`adjudication-repo.ts`).
 */

export const DEFAULT_ADJUDICATION_TARGET = 'adjudicated';

/** What a reviewer can decide for one unit. */
export type Decision = 'a' | 'b' | 'both' | 'edit' | 'reject';

/** One span of one side (`a:<span id>`, `b:<span id>`), or the reviewer's own edited span. */
export type UnitPart = `a:${string}` | `b:${string}` | 'edit';

/**
 * The id of the adjudicated annotation made from `part` of a unit: a UUID
 * version 5 in Tanda's namespace, of the words `adjudication`, target,
 * document path, unit key and part joined with U+001F. In Python:
 * `uuid.uuid5(NS, '\x1f'.join(['adjudication', target, path, key, part]))`.
 */
export function adjudicatedId(target: string, documentPath: string, unitKey: string, part: UnitPart): string {
  return uuidV5(TANDA_UUID_NAMESPACE, ['adjudication', target, documentPath, unitKey, part].join('\u001f'));
}

export interface UnitParts {
  /** One id per span of a, in the unit's order. */
  a: string[];
  b: string[];
  edit: string;
}

export function unitPartIds(target: string, documentPath: string, unit: ComparisonUnit): UnitParts {
  return {
    a: unit.a.map((s) => adjudicatedId(target, documentPath, unit.key, `a:${s.id}`)),
    b: unit.b.map((s) => adjudicatedId(target, documentPath, unit.key, `b:${s.id}`)),
    edit: adjudicatedId(target, documentPath, unit.key, 'edit'),
  };
}

export function allPartIds(parts: UnitParts): string[] {
  return [...parts.a, ...parts.b, parts.edit];
}

/**
 * The decision a unit has, read from which of its parts the target has as
 * annotations and whether its key is among the rejected; null when none.
 * An edit wins over copies (an edit replaces them when written).
 */
export function decisionOf(
  unitKey: string,
  parts: UnitParts,
  existing: { has(id: string): boolean },
  rejected: { has(key: string): boolean },
): Decision | null {
  if (existing.has(parts.edit)) return 'edit';
  const a = parts.a.some((id) => existing.has(id));
  const b = parts.b.some((id) => existing.has(id));
  if (a && b) return 'both';
  if (a) return 'a';
  if (b) return 'b';
  return rejected.has(unitKey) ? 'reject' : null;
}

/** The reviewer's own version of a unit ("Edit…"). */
export interface EditedSpan {
  tag: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  attributes: AttributeValues;
  note: string;
}

/**
 * What writing a decision means for the target's annotations: the records
 * the unit should have afterwards (`keep`) and every id any decision of this
 * unit could have written (`partIds`); the repository deletes those of them
 * not kept, and marks or unmarks the unit as rejected.
 */
export interface DecisionPlan {
  unitKey: string;
  partIds: string[];
  keep: Annotation[];
  reject: boolean;
}

export function planDecision(
  unit: ComparisonUnit<Annotation>,
  decision: Decision,
  context: { target: string; documentPath: string; now: string; edited?: EditedSpan; contentSha256?: string },
): DecisionPlan {
  const parts = unitPartIds(context.target, context.documentPath, unit);
  const keep: Annotation[] = [];
  if (decision === 'a' || decision === 'both')
    unit.a.forEach((s, i) => keep.push(adjudicatedCopy(s, context.target, parts.a[i]!, context.now)));
  if (decision === 'b' || decision === 'both')
    unit.b.forEach((s, i) => keep.push(adjudicatedCopy(s, context.target, parts.b[i]!, context.now)));
  if (decision === 'edit') {
    const edited = context.edited;
    const base = unit.a[0] ?? unit.b[0];
    if (!edited || !base) throw new RangeError('an edit decision needs the edited span');
    keep.push({
      ...adjudicatedCopy(base, context.target, parts.edit, context.now),
      ...(context.contentSha256 ? { contentSha256: context.contentSha256 } : {}),
      tag: edited.tag,
      start: edited.start,
      end: edited.end,
      quote: edited.quote,
      prefix: edited.prefix,
      suffix: edited.suffix,
      attributes: copyAttributes(edited.attributes),
      note: edited.note,
    });
  }
  return { unitKey: unit.key, partIds: allPartIds(parts), keep, reject: decision === 'reject' };
}

/** `source` as the target's annotation: same span, tag, attributes and note, new id and times. */
export function adjudicatedCopy(source: Annotation, target: string, id: string, now: string): Annotation {
  return {
    id,
    documentPath: source.documentPath,
    contentSha256: source.contentSha256,
    annotator: target,
    tag: source.tag,
    start: source.start,
    end: source.end,
    quote: source.quote,
    prefix: source.prefix,
    suffix: source.suffix,
    attributes: copyAttributes(source.attributes),
    note: source.note,
    createdAt: now,
    updatedAt: now,
  };
}

/** Same annotation content, ignoring the times (what makes a second "accept" a no-op). */
export function sameContent(x: Annotation, y: Annotation): boolean {
  const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: Annotation): string => canonical(rest);
  return strip(x) === strip(y);
}

function copyAttributes(values: AttributeValues): AttributeValues {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
