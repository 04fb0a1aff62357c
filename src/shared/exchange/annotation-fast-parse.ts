import { AnnotationSchema, type Annotation, type AttributeValues } from '../annotation/annotation-types';
import { type BundleAnnotation } from './bundle-schema';
import { isPlainObject } from '../validation/plain-object';

/*
 * The annotation schemas, answered without zod for records that pass them.
 * An import or export of 100,000 annotations spent about 0.2 s in zod's
 * generic object walk; this checks the same rules in straight-line code.
 * It only ever says "valid": anything it is not certain of (an unusual key,
 * a nil UUID, a value of the wrong type) goes to the zod schema, so every
 * error a person sees is still zod's, with its path and wording.
 *
 * The record it returns is what zod's parse returns: a fresh object with the
 * schema's keys in the schema's order (unknown keys dropped), which is what
 * keeps `bundleToJson` byte-for-byte stable. A property test holds the two
 * paths to the same answer (`test/annotation-fast-parse.test.ts`).
 */

/**
 * The first branch of zod's `z.string().uuid()` pattern (`z.regexes.uuid()`), without the nil and
 * max UUIDs, which zod decides. `isUuid` answers it (a test holds the two equal).
 */
export const UUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** 1 for the code units of a hex digit, either case. */
const HEX_DIGIT = new Uint8Array(128);
for (const digit of '0123456789abcdefABCDEF') HEX_DIGIT[digit.charCodeAt(0)] = 1;

/**
 * `UUID_PATTERN.test(value)` as a loop over the 36 code units: half the time
 * of the pattern, which runs for every record of every import and export.
 */
export function isUuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false; // -
    } else if (c >= 128 || HEX_DIGIT[c] === 0) return false;
  }
  const version = value.charCodeAt(14);
  const variant = value.charCodeAt(19);
  return (
    version >= 0x31 && // 1..8
    version <= 0x38 &&
    (variant === 0x38 ||
      variant === 0x39 ||
      variant === 0x61 ||
      variant === 0x62 ||
      variant === 0x41 ||
      variant === 0x42) // 8 9 a b A B
  );
}
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The last hash that passed: records come grouped by document, so most
 * hashes are the previous record's, and comparing two strings is cheaper
 * than matching the pattern again.
 */
let lastSha = '';

function isSha256(value: unknown): value is string {
  if (value === lastSha) return true;
  if (typeof value !== 'string' || !SHA256.test(value)) return false;
  lastSha = value;
  return true;
}

export type RecordParse<T> =
  | { success: true; data: T }
  | { success: false; issues: readonly { path: PropertyKey[]; message: string }[] };

/** `AnnotationSchema.safeParse`, fast for records that pass. */
export function parseAnnotationRecord(value: unknown): RecordParse<Annotation> {
  const fast = fastAnnotation(value, false);
  if (fast) return { success: true, data: fast };
  const checked = AnnotationSchema.safeParse(value);
  return checked.success
    ? { success: true, data: checked.data }
    : { success: false, issues: checked.error.issues };
}

/**
 * `parseAnnotationRecord` for a record its caller built with exactly the
 * schema's required keys, in its order (the CSV import's): that record
 * itself when it certainly passes, so that 100,000 records are not copied
 * once more; zod's answer otherwise.
 */
export function parseBuiltAnnotation(record: Annotation): RecordParse<Annotation> {
  const { orphaned, original, placement } = record;
  const plain = orphaned === undefined && original === undefined && placement === undefined;
  if (plain && requiredFieldsPass(record) && attributesPass(record.attributes))
    return { success: true, data: record };
  return parseAnnotationRecord(record);
}

type Loose = Record<string, unknown>;

/** The required keys of the annotation schemas, in their order. */
export const REQUIRED_ANNOTATION_KEYS = [
  'id',
  'documentPath',
  'contentSha256',
  'annotator',
  'tag',
  'start',
  'end',
  'quote',
  'prefix',
  'suffix',
  'attributes',
  'note',
  'createdAt',
  'updatedAt',
] as const;

/**
 * `value` itself when it already is what `fastAnnotation` would return: a
 * record that passes with exactly the required keys, in the schema's order,
 * which is how Tanda writes and stores every record without optional fields.
 * Null when a copy or zod is needed. A bundle of 100,000 records then makes
 * no second 100,000 objects for the collector to move.
 */
export function annotationAsIs(value: unknown): Annotation | null {
  if (!isPlainObject(value)) return null;
  let i = 0;
  for (const key in value) if (key !== REQUIRED_ANNOTATION_KEYS[i++]) return null;
  if (i !== REQUIRED_ANNOTATION_KEYS.length || !requiredFieldsPass(value)) return null;
  return attributesPass((value as Loose).attributes) ? (value as Annotation) : null;
}

/** The parsed record when `value` certainly passes the schema; null when only zod can say. */
export function fastAnnotation(value: unknown, withPage: true): BundleAnnotation | null;
export function fastAnnotation(value: unknown, withPage: false): Annotation | null;
export function fastAnnotation(value: unknown, withPage: boolean): BundleAnnotation | null {
  if (!isPlainObject(value)) return null;
  const a = value as Loose;
  if (!requiredFieldsPass(a)) return null;
  const attributes = fastAttributes(a.attributes);
  if (!attributes) return null;
  const { orphaned, original, placement, page } = a;
  if (orphaned !== undefined && typeof orphaned !== 'boolean') return null;
  if (placement !== undefined && placement !== 'moved') return null;
  let originalCopy: Annotation['original'];
  if (original !== undefined) {
    originalCopy = fastOriginal(original) ?? undefined;
    if (!originalCopy) return null;
  }
  if (withPage && page !== undefined && !(Number.isSafeInteger(page) && (page as number) > 0)) return null;
  const { id, documentPath, contentSha256, annotator, tag, start, end } = a as unknown as Annotation;
  const { quote, prefix, suffix, note, createdAt, updatedAt } = a as unknown as Annotation;
  // Keys in the schema's order, optional ones only when present, as zod builds its output.
  const out: BundleAnnotation = {
    id,
    documentPath,
    contentSha256,
    annotator,
    tag,
    start,
    end,
    quote,
    prefix,
    suffix,
    attributes,
    note,
    createdAt,
    updatedAt,
  };
  if (orphaned !== undefined) out.orphaned = orphaned;
  if (originalCopy !== undefined) out.original = originalCopy;
  if (placement !== undefined) out.placement = placement;
  if (withPage && page !== undefined) out.page = page as number;
  return out;
}

/** The schema's rules for every required field but `attributes`. */
function requiredFieldsPass(a: object): boolean {
  const { id, documentPath, contentSha256, annotator, tag, start, end } = a as Loose;
  const { quote, prefix, suffix, note, createdAt, updatedAt } = a as Loose;
  return !(
    typeof id !== 'string' ||
    !isUuid(id) ||
    typeof documentPath !== 'string' ||
    documentPath.length < 1 ||
    documentPath.length > 4096 ||
    !isSha256(contentSha256) ||
    typeof annotator !== 'string' ||
    annotator.length < 1 ||
    annotator.length > 200 ||
    typeof tag !== 'string' ||
    tag.length < 1 ||
    !isOffset(start) ||
    !isOffset(end) ||
    end <= start ||
    typeof quote !== 'string' ||
    typeof prefix !== 'string' ||
    typeof suffix !== 'string' ||
    typeof note !== 'string' ||
    typeof createdAt !== 'string' ||
    typeof updatedAt !== 'string'
  );
}

function fastOriginal(value: unknown): NonNullable<Annotation['original']> | null {
  if (!isPlainObject(value)) return null;
  const { contentSha256, start, end, quote, prefix, suffix } = value as Loose;
  if (
    !isSha256(contentSha256) ||
    !isOffset(start) ||
    !isOffset(end) ||
    end <= start ||
    typeof quote !== 'string' ||
    typeof prefix !== 'string' ||
    typeof suffix !== 'string'
  ) {
    return null;
  }
  return { contentSha256, start, end, quote, prefix, suffix };
}

/** Whether `fastAttributes` would copy the attribute values (each a string or a list of strings). */
function attributesPass(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key === '__proto__') return false;
    const v = (value as Loose)[key];
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((item) => typeof item === 'string')))
      return false;
  }
  return true;
}

/** A copy of the attribute values when each is a string or a list of strings. */
function fastAttributes(value: unknown): AttributeValues | null {
  if (!isPlainObject(value)) return null;
  const out: AttributeValues = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    // An own `__proto__` (JSON.parse makes one) would set the copy's prototype: leave it to zod.
    if (key === '__proto__') return null;
    const v = (value as Loose)[key];
    if (typeof v === 'string') out[key] = v;
    else if (Array.isArray(v) && v.every((item) => typeof item === 'string')) out[key] = [...(v as string[])];
    else return null;
  }
  return out;
}

function isOffset(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
