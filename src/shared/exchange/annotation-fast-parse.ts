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

// The first branch of zod's `z.string().uuid()` pattern (`z.regexes.uuid()`), without the nil and
// max UUIDs, which zod decides; one branch runs in a third of the time of zod's alternation.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
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

type Loose = Record<string, unknown>;

/** The parsed record when `value` certainly passes the schema; null when only zod can say. */
export function fastAnnotation(value: unknown, withPage: true): BundleAnnotation | null;
export function fastAnnotation(value: unknown, withPage: false): Annotation | null;
export function fastAnnotation(value: unknown, withPage: boolean): BundleAnnotation | null {
  if (!isPlainObject(value)) return null;
  const a = value as Loose;
  const { id, documentPath, contentSha256, annotator, tag, start, end } = a;
  const { quote, prefix, suffix, note, createdAt, updatedAt } = a;
  if (
    typeof id !== 'string' ||
    !UUID.test(id) ||
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
  ) {
    return null;
  }
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
