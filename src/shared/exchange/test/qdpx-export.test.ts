import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { QDA_GUID, QDA_PROJECT_NAMESPACE, attr, child, children, parseXml } from '../qda-xml';
import { buildQdpxProject, exportQdpx, type QdpxExportInput } from '../qdpx-export';
import { ANNOTATIONS, CODEBOOK, DOCS } from './qda-fixtures';

const INPUT: QdpxExportInput = {
  projectName: 'Sample & "corpus"',
  codebook: CODEBOOK,
  documents: DOCS,
  annotations: ANNOTATIONS,
  statuses: [
    { annotator: 'ana', documentPath: 'b.txt', status: 'done', updatedAt: '2026-11-03T00:00:00.000Z' },
  ],
  now: new Date('2026-12-01T00:00:00.000Z'),
};

describe('QDPX export (REFI-QDA project)', () => {
  const zip = unzipSync(exportQdpx(INPUT).bytes);
  const xml = strFromU8(zip['project.qde']!);
  const project = parseXml(xml, 'project.qde')['Project'] as Record<string, unknown>;

  it('holds exactly one project.qde and a flat sources/ folder of <guid>.txt', () => {
    const names = Object.keys(zip).sort();
    expect(names.filter((n) => n.endsWith('.qde'))).toEqual(['project.qde']);
    const others = names.filter((n) => n !== 'project.qde');
    expect(others).toHaveLength(DOCS.length);
    for (const n of others) expect(n).toMatch(/^sources\/[0-9a-f-]{36}\.txt$/);
  });

  it('declares UTF-8 and the project namespace, with the required name', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain(`<Project xmlns="${QDA_PROJECT_NAMESPACE}"`);
    expect(attr(project, 'name')).toBe('Sample & "corpus"');
  });

  it('writes each text source as internal://<guid>.txt holding the canonical text', () => {
    const sources = children(child(project, 'Sources'), 'TextSource');
    expect(sources.map((s) => attr(s, 'name'))).toEqual(['b.txt', 'news/a.txt']);
    for (const s of sources) {
      const guid = attr(s, 'guid')!;
      expect(guid).toMatch(QDA_GUID);
      expect(attr(s, 'plainTextPath')).toBe(`internal://${guid}.txt`);
      const text = strFromU8(zip[`sources/${guid}.txt`]!);
      expect(text).toBe(DOCS.find((d) => d.path === attr(s, 'name'))!.text);
    }
  });

  it('writes selections in code points (end exclusive) inside their text, coded with known codes by known users', () => {
    const codeGuids = new Set<string>();
    const walk = (n: Record<string, unknown> | undefined): void => {
      for (const c of children(n, 'Code')) {
        expect(attr(c, 'guid')).toMatch(QDA_GUID);
        expect(attr(c, 'name')).toBeTruthy();
        expect(['true', 'false']).toContain(attr(c, 'isCodable'));
        codeGuids.add(attr(c, 'guid')!);
        walk(c);
      }
    };
    walk(child(child(project, 'CodeBook'), 'Codes'));
    const users = new Map(
      children(child(project, 'Users'), 'User').map((u) => [attr(u, 'guid')!, attr(u, 'name')]),
    );
    expect([...users.values()].sort()).toEqual(['ana', 'budi']);
    const noteGuids = new Set(children(child(project, 'Notes'), 'Note').map((n) => attr(n, 'guid')));
    let count = 0;
    for (const s of children(child(project, 'Sources'), 'TextSource')) {
      const text = strFromU8(zip[`sources/${attr(s, 'guid')}.txt`]!);
      const cps = [...text];
      for (const sel of children(s, 'PlainTextSelection')) {
        count++;
        expect(attr(sel, 'guid')).toMatch(QDA_GUID);
        const start = Number(attr(sel, 'startPosition'));
        const end = Number(attr(sel, 'endPosition'));
        expect(0 <= start && start < end && end <= cps.length).toBe(true);
        expect(cps.slice(start, end).join('')).toBe(attr(sel, 'name'));
        expect(users.has(attr(sel, 'creatingUser')!)).toBe(true);
        const codings = children(sel, 'Coding');
        expect(codings.length).toBeGreaterThan(0);
        for (const c of codings) {
          expect(attr(c, 'guid')).toMatch(QDA_GUID);
          expect(codeGuids.has(attr(child(c, 'CodeRef'), 'targetGUID')!)).toBe(true);
        }
        for (const ref of children(sel, 'NoteRef')) expect(noteGuids.has(attr(ref, 'targetGUID'))).toBe(true);
      }
    }
    expect(count).toBe(ANNOTATIONS.length);
  });

  it('codes attribute values as child codes named "<attribute>: <value>"', () => {
    const commitment = children(child(child(project, 'CodeBook'), 'Codes'), 'Code').find(
      (c) => attr(c, 'name') === 'Commitment',
    )!;
    expect(attr(commitment, 'color')).toBe('#2F7ED8');
    expect(children(commitment, 'Code').map((c) => attr(c, 'name'))).toContain('Actor: China');
  });

  it('keeps document statuses as a Text variable per annotator', () => {
    const variables = children(child(project, 'Variables'), 'Variable');
    expect(variables.map((v) => [attr(v, 'name'), attr(v, 'typeOfVariable')])).toEqual([
      ['Tanda status (ana)', 'Text'],
    ]);
    expect(xml).toContain('<TextValue>done</TextValue>');
  });

  it('gives the same GUIDs and bytes on every export of the same data', () => {
    expect(buildQdpxProject(INPUT).xml).toBe(xml);
    expect(exportQdpx(INPUT).bytes).toEqual(exportQdpx(INPUT).bytes);
  });

  it('leaves out (and counts) annotations whose quote is not at their offsets or that are orphaned', () => {
    const stale = { ...ANNOTATIONS[0]!, id: '6f1c1f0e-8a43-4c55-9d0e-1a2b3c4d5e09', start: 0, end: 3 };
    const orphan = { ...ANNOTATIONS[1]!, id: '6f1c1f0e-8a43-4c55-9d0e-1a2b3c4d5e0a', orphaned: true };
    const result = buildQdpxProject({ ...INPUT, annotations: [...ANNOTATIONS, stale, orphan] });
    expect(result.selections).toBe(ANNOTATIONS.length);
    expect(result.skipped).toBe(2);
  });
});
