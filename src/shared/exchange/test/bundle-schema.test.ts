import { describe, expect, it } from 'vitest';
import committed from '../../../../docs/bundle.schema.json';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { BundleSchema, bundleJsonSchema, bundleJsonSchemaText } from '../bundle-schema';
import { buildBundle, parseBundleJson } from '../bundle';

/** A small bundle as another tool might write it: every optional field present. */
const SAMPLE = {
  format: 'tanda-bundle',
  version: 1,
  exportedAt: '2026-11-22T18:06:54.123+07:00',
  app: { name: 'Tanda', version: '0.1.0' },
  codebook: builtinCodebook(),
  documents: [
    { path: 'articles/hanoi.txt', title: 'Hà Nội', sha256: 'ab'.repeat(32) },
    { path: 'articles/gone.txt', title: 'gone.txt', sha256: null },
  ],
  annotations: [
    {
      id: '0f5b5c4e-2d0a-4c1e-9a57-3b1f0c2d4e6f',
      documentPath: 'articles/hanoi.txt',
      contentSha256: 'ab'.repeat(32),
      annotator: 'Ayu',
      tag: 'commitment',
      start: 3,
      end: 8,
      quote: 'Biển 🌊',
      prefix: 'Hà ',
      suffix: '\nĐông',
      attributes: { actor: 'vietnam', topics: ['fishing'] },
      note: 'see "annex"',
      createdAt: '2025-02-01T10:00:00.000Z',
      updatedAt: '2025-02-01T10:00:00.000Z',
      orphaned: false,
    },
  ],
  documentStatuses: [
    {
      annotator: 'Ayu',
      documentPath: 'articles/gone.txt',
      status: 'done',
      updatedAt: '2025-02-01T10:00:00.000Z',
    },
  ],
  annotators: ['Ayu'],
};

describe('docs/bundle.schema.json', () => {
  it('is what BundleSchema generates (run `npx tsx scripts/write-bundle-schema.ts` after changing the schema)', () => {
    expect(committed).toEqual(bundleJsonSchema());
    expect(bundleJsonSchemaText()).toBe(`${JSON.stringify(committed, null, 2)}\n`);
  });

  it('is a draft 2020-12 schema that says Tanda validates with the same schema', () => {
    expect(committed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(committed.description).toContain('same zod schema');
  });

  it('describes a bundle Tanda accepts, and one Tanda writes', () => {
    expect(BundleSchema.safeParse(SAMPLE).success).toBe(true);
    expect(parseBundleJson(JSON.stringify(SAMPLE)).annotations).toHaveLength(1);
    const written = buildBundle({
      codebook: builtinCodebook(),
      documents: [],
      annotations: [],
      statuses: [],
      now: new Date(0),
    });
    expect(BundleSchema.safeParse(written).success).toBe(true);
    for (const key of committed.required) expect(written).toHaveProperty(key);
  });
});
