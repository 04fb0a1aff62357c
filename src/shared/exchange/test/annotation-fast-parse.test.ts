import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnnotationSchema } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { expectVouchedOnlyWhatZodAccepts, strangeValue } from '../../validation/test/fast-parse-agreement';
import { describeIssue } from '../../validation/zod-issues';
import {
  REQUIRED_ANNOTATION_KEYS,
  UUID_PATTERN,
  annotationAsIs,
  fastAnnotation,
  isUuid,
  parseAnnotationRecord,
} from '../annotation-fast-parse';
import { parseBundleJson, validateBundle } from '../bundle';
import { BundleAnnotationSchema, BundleError, BundleSchema } from '../bundle-schema';
import { spanAnnotation } from './span-annotation';

const SHA = 'ab'.repeat(32);

const hex = (n: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });

const validAnnotation = fc
  .record({
    id: fc.uuid(),
    documentPath: fc.string({ minLength: 1, maxLength: 40 }),
    contentSha256: hex(64),
    annotator: fc.string({ minLength: 1, maxLength: 200 }),
    tag: fc.string({ minLength: 1, maxLength: 20 }),
    start: fc.nat({ max: 1_000_000 }),
    length: fc.integer({ min: 1, max: 500 }),
    quote: fc.string(),
    prefix: fc.string({ maxLength: 32 }),
    suffix: fc.string({ maxLength: 32 }),
    attributes: fc.dictionary(
      // An own `__proto__` is left to zod on purpose (see fastAttributes): not a record it vouches for.
      fc.string({ maxLength: 10 }).filter((key) => key !== '__proto__'),
      fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
      { maxKeys: 3 },
    ),
    note: fc.string({ maxLength: 40 }),
    createdAt: fc.constant('2025-02-01T10:00:00.000Z'),
    updatedAt: fc.constant('2025-02-02T10:00:00.000Z'),
    orphaned: fc.option(fc.boolean(), { nil: undefined }),
    placement: fc.option(fc.constant('moved' as const), { nil: undefined }),
    page: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }),
    withOriginal: fc.boolean(),
    extra: fc.option(fc.string(), { nil: undefined }),
  })
  .map(({ length, withOriginal, extra, orphaned, placement, page, ...a }) => ({
    ...a,
    end: a.start + length,
    ...(orphaned === undefined ? {} : { orphaned }),
    ...(placement === undefined ? {} : { placement }),
    ...(page === undefined ? {} : { page }),
    ...(withOriginal
      ? {
          original: {
            contentSha256: SHA,
            start: a.start,
            end: a.start + length,
            quote: a.quote,
            prefix: '',
            suffix: '',
          },
        }
      : {}),
    // A key the schema does not know: zod drops it, and so must the fast path.
    ...(extra === undefined ? {} : { fromAnotherTool: extra }),
  }));

/** What a hand-edited or damaged file may hold in any one field. */
const strange = strangeValue(
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(201),
  { a: 1 },
  { a: ['b', 2] },
  { contentSha256: SHA, start: 5, end: 5, quote: '', prefix: '', suffix: '' },
  'fixed',
);

const FIELDS = [...REQUIRED_ANNOTATION_KEYS, 'orphaned', 'original', 'placement', 'page'] as const;

describe('fastAnnotation: the annotation schemas without zod for records that pass', () => {
  it('accepts every valid record and returns exactly what zod returns (keys, order, values)', () => {
    fc.assert(
      fc.property(validAnnotation, (record) => {
        const withoutPage = fastAnnotation(record, false);
        const withPage = fastAnnotation(record, true);
        expect(JSON.stringify(withoutPage)).toBe(JSON.stringify(AnnotationSchema.parse(record)));
        expect(JSON.stringify(withPage)).toBe(JSON.stringify(BundleAnnotationSchema.parse(record)));
      }),
      { numRuns: 500 },
    );
  });

  it('never vouches for a record zod refuses, whatever one field holds', () => {
    fc.assert(
      fc.property(validAnnotation, fc.constantFrom(...FIELDS), strange, (record, field, value) => {
        const damaged: Record<string, unknown> = { ...record, [field]: value };
        for (const [schema, withPage] of [
          [AnnotationSchema, false],
          [BundleAnnotationSchema, true],
        ] as const) {
          const fast = withPage ? fastAnnotation(damaged, true) : fastAnnotation(damaged, false);
          expectVouchedOnlyWhatZodAccepts(fast, schema.safeParse(damaged));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('annotationAsIs keeps a record that is already what zod returns, and nothing else', () => {
    let kept = 0;
    fc.assert(
      fc.property(
        validAnnotation,
        fc.constantFrom(...FIELDS),
        strange,
        fc.boolean(),
        (record, field, value, damage) => {
          // Mostly records of the required keys only, in order, as Tanda writes them.
          const plain: Record<string, unknown> = Object.fromEntries(
            REQUIRED_ANNOTATION_KEYS.map((key) => [key, (record as Record<string, unknown>)[key]]),
          );
          const input = damage ? { ...plain, [field]: value } : plain;
          const asIs = annotationAsIs(input);
          const zod = BundleAnnotationSchema.safeParse(input);
          if (asIs !== null) {
            kept += 1;
            expect(asIs).toBe(input);
            expect(zod.success).toBe(true);
            expect(JSON.stringify(asIs)).toBe(JSON.stringify(zod.data));
            expect(JSON.stringify(asIs)).toBe(JSON.stringify(AnnotationSchema.parse(input)));
          }
          // A record of the required keys that fastAnnotation vouches for is kept, and so is zod's output of it.
          if (!damage && fastAnnotation(input, true) !== null) expect(asIs).toBe(input);
          if (!damage && asIs !== null && zod.success) expect(annotationAsIs(zod.data)).toBe(zod.data);
        },
      ),
      { numRuns: 2000 },
    );
    expect(kept).toBeGreaterThan(500);
  });

  it("parseAnnotationRecord gives zod's issues, path and words, for a record it refuses", () => {
    const record = { ...fc.sample(validAnnotation, 1)[0]!, start: 9, end: 3, id: 'not-a-uuid' };
    const parsed = parseAnnotationRecord(record);
    const zod = AnnotationSchema.safeParse(record);
    expect(parsed.success).toBe(false);
    expect(parsed.success ? [] : parsed.issues.map((i) => describeIssue(i))).toEqual(
      zod.error!.issues.map((i) => describeIssue(i)),
    );
  });
});

describe('validateBundle: the same problems as BundleSchema for a damaged bundle', () => {
  const good = (n: number): Record<string, unknown> =>
    spanAnnotation('Kedua negara kata sepakat.', 'kata', {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      documentPath: 'a.txt',
      contentSha256: SHA,
    });
  const bundle = (
    annotations: unknown,
    documents: unknown = [{ path: 'a.txt', title: 'A', sha256: SHA }],
  ) => ({
    format: 'tanda-bundle',
    version: 1,
    exportedAt: '2026-12-02T10:00:00.000Z',
    app: { name: 'Tanda' },
    codebook: builtinCodebook(),
    documents,
    annotations,
    documentStatuses: [{ annotator: '', documentPath: 'a.txt', status: 'done', updatedAt: 'x' }],
  });
  const zodProblems = (value: unknown): string[] =>
    BundleSchema.safeParse(value).error!.issues.map((issue) => describeIssue(issue));
  const problemsOf = (value: unknown): readonly string[] => {
    try {
      validateBundle(value);
    } catch (error) {
      expect(error).toBeInstanceOf(BundleError);
      return (error as BundleError).problems;
    }
    throw new Error('the bundle was accepted');
  };

  it('lists bad records where zod lists them, between the documents and the statuses', () => {
    const annotations = [
      good(0),
      { ...good(1), end: 5 },
      { ...good(2), id: 'abc', start: -1 },
      good(3),
      { ...good(4), attributes: { mood: 3 } },
    ];
    const value = bundle(annotations, [{ path: '', title: 'A', sha256: 'nope' }]);
    const problems = problemsOf(value);
    expect(problems).toEqual(zodProblems(value));
    expect(problems.join('\n')).toMatch(/^documents\[0\]\.path: document path is empty$/m);
    expect(problems.join('\n')).toMatch(/^annotations\[1\]\.end: end must be greater than start$/m);
    expect(problems.join('\n')).toMatch(/^annotations\[2\]\.id: /m);
    expect(problems.join('\n')).toMatch(/^annotations\[4\]\.attributes\.mood: /m);
    expect(problems.at(-1)).toMatch(/^documentStatuses\[0\]\./);
  });

  it('says so when annotations is not a list at all', () => {
    const value = bundle({ 0: good(0) });
    expect(problemsOf(value)).toEqual(zodProblems(value));
    expect(problemsOf(value)[0]).toMatch(/^annotations: /);
  });

  it('reads a good bundle to the records zod would give, unknown keys dropped', () => {
    const value = bundle([{ ...good(0), fromAnotherTool: 1 }, good(1)]);
    value.documentStatuses = [];
    const read = parseBundleJson(JSON.stringify(value));
    expect(JSON.stringify(read)).toBe(JSON.stringify(BundleSchema.parse(value)));
    expect(read.annotations[0]).not.toHaveProperty('fromAnotherTool');
  });
});

describe('isUuid: the pattern, as a loop', () => {
  /** Strings near a UUID: its digits, dashes and letters around the edges of each class. */
  const nearUuid = fc.oneof(
    fc.uuid(),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.string({ unit: fc.constantFrom(...'0189abAB-fFgG/:@`\u00e9\u0660'), minLength: 34, maxLength: 38 }),
    fc
      .tuple(fc.uuid(), fc.nat({ max: 35 }), fc.constantFrom(...'0189abABfFgG-/:@`\u00e9\u0000\u0130'))
      .map(([u, at, c]) => u.slice(0, at) + c + u.slice(at + 1)),
  );

  it('says what UUID_PATTERN says, for UUIDs and strings one character away', () => {
    fc.assert(
      fc.property(nearUuid, (value) => {
        expect(isUuid(value)).toBe(UUID_PATTERN.test(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses the nil UUID and a version or variant out of range', () => {
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(false);
    expect(isUuid('00000000-0000-9000-8000-000000000000')).toBe(false);
    expect(isUuid('00000000-0000-4000-c000-000000000000')).toBe(false);
    expect(isUuid('00000000-0000-4000-B000-00000000000F')).toBe(true);
  });
});
