import { describe, expect, it } from 'vitest';
import { validateCodebook } from '../../codebook/codebook';
import { importQdc, exportQdc, readQdc } from '../qdc';
import { QDA_CODEBOOK_NAMESPACE, QDA_GUID, QdaError } from '../qda-xml';
import { CODEBOOK } from './qda-fixtures';

describe('REFI-QDA codebook (.qdc)', () => {
  const xml = exportQdc(CODEBOOK);

  it('has the CodeBook root in the codebook namespace, and codes with guid, name, isCodable, color, description', () => {
    expect(xml).toContain(`<CodeBook xmlns="${QDA_CODEBOOK_NAMESPACE}"`);
    const codes = readQdc(xml);
    expect(codes.map((c) => c.name)).toEqual(CODEBOOK.tags.map((t) => t.label));
    for (const c of codes) {
      expect(c.guid).toMatch(QDA_GUID);
      expect(c.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(c.isCodable).toBe(true);
    }
    expect(codes[0]!.description).toBe(CODEBOOK.tags[0]!.description);
    expect(codes[0]!.children.map((c) => c.name)).toContain('Actor: China');
  });

  it('comes back into the same codebook unchanged', () => {
    const merged = importQdc(xml, CODEBOOK);
    expect(merged.added).toEqual([]);
    expect(merged.codebook).toEqual(CODEBOOK);
  });

  it('into an empty codebook gives the same tags, colours, descriptions and attribute values (kinds become single choice)', () => {
    const { codebook } = importQdc(xml, { version: 1, tags: [] });
    expect(validateCodebook(codebook)).toEqual(codebook);
    expect(codebook.tags.map((t) => [t.id, t.label, t.color, t.description])).toEqual(
      CODEBOOK.tags.map((t) => [t.id, t.label, t.color, t.description]),
    );
    const labels = (c: typeof CODEBOOK) =>
      c.tags.map((t) => t.attributes.map((a) => [a.label, a.values.map((v) => v.label)]));
    expect(labels(codebook)).toEqual(labels(CODEBOOK));
    expect(codebook.tags.flatMap((t) => t.attributes.map((a) => a.kind))).toEqual([
      'single',
      'single',
      'single',
      'single',
    ]);
  });

  it('refuses bad XML, another root, and codes without guid or name, saying where', () => {
    expect(() => readQdc('<CodeBook><Codes>')).toThrow(/line \d+: not well-formed/);
    expect(() => readQdc('<Project name="x"/>')).toThrow(/root element is not CodeBook \(this is a project/);
    try {
      readQdc(
        `<CodeBook xmlns="${QDA_CODEBOOK_NAMESPACE}"><Codes><Code name="A" isCodable="true"/><Code guid="${'1'.repeat(8)}-1111-4111-8111-${'1'.repeat(12)}"/></Codes></CodeBook>`,
      );
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(QdaError);
      expect((error as QdaError).problems).toEqual([
        'CodeBook/Codes/Code[1]: guid is missing or not a GUID',
        'CodeBook/Codes/Code[2]: name is missing',
      ]);
    }
  });
});
