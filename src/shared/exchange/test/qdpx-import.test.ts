import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { QdaError } from '../qda-xml';
import { exportQdpx } from '../qdpx-export';
import { planQdpxImport, type QdpxImportContext } from '../qdpx-import';
import { readQdpx } from '../qdpx-read';
import { ANNOTATIONS, CODEBOOK, DOCS, SHA } from './qda-fixtures';

const NOW = '2026-12-01T00:00:00.000Z';
const context = (over: Partial<QdpxImportContext> = {}): QdpxImportContext => ({
  documents: DOCS.map((d) => ({ path: d.path, sha256: SHA(d.text) })),
  codebook: CODEBOOK,
  folder: 'imported/Trial',
  sha256: async (text) => SHA(text),
  now: NOW,
  ...over,
});
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

describe('QDPX round trip: Tanda → QDPX → Tanda', () => {
  const bytes = exportQdpx({
    projectName: 'Sample',
    codebook: CODEBOOK,
    documents: DOCS,
    annotations: ANNOTATIONS,
    statuses: [{ annotator: 'ana', documentPath: 'b.txt', status: 'done', updatedAt: NOW }],
    now: new Date(NOW),
  }).bytes;

  it('gives back the same annotations, notes, codes and users, on the documents they came from', async () => {
    const project = readQdpx(bytes);
    expect(project.adaptations).toEqual([]);
    const plan = await planQdpxImport(project, context());
    expect(plan.files).toEqual([]);
    expect(plan.linked.map((l) => l.path).sort()).toEqual(['b.txt', 'news/a.txt']);
    expect(plan.addedTags).toEqual([]);
    expect(plan.codebook).toEqual(CODEBOOK);
    expect([...plan.annotations].sort(byId)).toEqual([...ANNOTATIONS].sort(byId));
    expect(plan.preview.users).toEqual(['ana', 'budi']);
    expect(plan.statuses).toEqual([
      { annotator: 'ana', documentPath: 'b.txt', status: 'done', updatedAt: NOW },
    ]);
  });

  it('adds nothing the second time', async () => {
    const plan = await planQdpxImport(
      readQdpx(bytes),
      context({ existingIds: new Set(ANNOTATIONS.map((a) => a.id)) }),
    );
    expect(plan.annotations).toEqual([]);
    expect(plan.duplicates).toBe(ANNOTATIONS.length);
  });

  it('writes sources that are not in the corpus into the chosen folder, and into an empty codebook as new tags', async () => {
    const plan = await planQdpxImport(
      readQdpx(bytes),
      context({
        documents: [{ path: 'imported/Trial/b.txt', sha256: null }],
        codebook: { version: 1, tags: [] },
      }),
    );
    expect(plan.files.map((f) => f.path)).toEqual(['imported/Trial/b (2).txt', 'imported/Trial/news/a.txt']);
    expect(plan.addedTags.map((t) => [t.id, t.label])).toContainEqual(['commitment', 'Commitment']);
    expect(plan.addedTags.find((t) => t.id === 'commitment')!.attributes.map((a) => a.label)).toEqual([
      'Actor',
      'Strength',
    ]);
    expect(plan.annotations.every((a) => a.documentPath.startsWith('imported/Trial/'))).toBe(true);
  });
});

function qdpx(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** Made by hand the way other tools write them: project file named after the project, `Sources/`, CRLF, no colours. */
const TRIAL_XML = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Trial">
  <Users><User guid="${G(1)}" name="Maria"/></Users>
  <CodeBook><Codes>
    <Code guid="${G(10)}" name="Economy" isCodable="true" color="#aa0000">
      <Code guid="${G(11)}" name="Trade" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(20)}" name="Interview 1" plainTextPath="internal://${G(20)}.txt">
      <PlainTextSelection guid="${G(30)}" name="trade deal" startPosition="13" endPosition="23" creatingUser="${G(1)}">
        <Coding guid="${G(40)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(11)}"/></Coding>
        <NoteRef targetGUID="${G(60)}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(31)}" startPosition="5" endPosition="5" creatingUser="${G(1)}">
        <Coding guid="${G(41)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="${G(21)}" name="Memo">
      <PlainTextContent>Economy is fine.</PlainTextContent>
      <PlainTextSelection guid="${G(32)}" startPosition="0" endPosition="7" creatingUser="${G(1)}">
        <Coding guid="${G(42)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes><Note guid="${G(60)}" name="n"><PlainTextContent>check this</PlainTextContent></Note></Notes>
</Project>`;
const TRIAL_TEXT = 'Line one.\r\nA trade deal.\r\n';

describe('QDPX import of a project another tool made', () => {
  it('adapts to known deviations and says what it adapted', async () => {
    const project = readQdpx(qdpx({ 'Trial.qde': TRIAL_XML, [`Sources/${G(20)}.txt`]: TRIAL_TEXT }));
    expect(project.adaptations).toEqual([
      'the project file is named Trial.qde, not project.qde',
      "1 code(s) without a colour got one from Tanda's palette",
      'the sources folder is not named sources/ in lower case',
      '1 zero-length selection(s) skipped',
      '1 selection(s) counted the CR of CRLF line ends in their positions',
    ]);
    const plan = await planQdpxImport(project, context());
    expect(plan.files.map((f) => [f.path, f.text])).toEqual([
      ['imported/Trial/Interview 1.txt', 'Line one.\nA trade deal.\n'],
      ['imported/Trial/Memo.txt', 'Economy is fine.'],
    ]);
    expect(plan.addedTags.map((t) => [t.id, t.label, t.color])).toEqual([
      ['economy', 'Economy', '#aa0000'],
      ['economy_trade', 'Economy › Trade', expect.stringMatching(/^#[0-9a-f]{6}$/)],
    ]);
    const trade = plan.annotations.find((a) => a.tag === 'economy_trade')!;
    expect([trade.quote, trade.annotator, trade.note, trade.id]).toEqual([
      'trade deal',
      'Maria',
      'check this',
      G(30),
    ]);
    expect(plan.annotations.find((a) => a.tag === 'economy')!.quote).toBe('Economy');
  });
});

describe('QDPX import refuses a malformed project whole, saying where', () => {
  const refused = (files: Record<string, string>): QdaError => {
    try {
      readQdpx(qdpx(files));
    } catch (error) {
      expect(error).toBeInstanceOf(QdaError);
      return error as QdaError;
    }
    throw new Error('expected a refusal');
  };
  const source = { [`sources/${G(20)}.txt`]: TRIAL_TEXT };

  it('not a zip', () => {
    expect(() => readQdpx(strToU8('hello'))).toThrow(/not a zip archive/);
  });
  it('no .qde', () => {
    expect(refused(source).message).toMatch(/no \.qde file/);
  });
  it('bad XML, with its line', () => {
    expect(refused({ 'project.qde': '<Project>\n<Users>\n</Project>', ...source }).message).toMatch(
      /project\.qde line \d+: not well-formed/,
    );
  });
  it('a selection beyond its text', () => {
    const xml = TRIAL_XML.replace('endPosition="23"', 'endPosition="999"');
    expect(refused({ 'project.qde': xml, ...source }).problems).toContainEqual(
      'Sources/TextSource[1]/PlainTextSelection[1]: endPosition 999 is beyond the end of its text (26 characters)',
    );
  });
  it('an unknown CodeRef', () => {
    const xml = TRIAL_XML.replace(`<CodeRef targetGUID="${G(11)}"/>`, `<CodeRef targetGUID="${G(99)}"/>`);
    expect(refused({ 'project.qde': xml, ...source }).problems).toContainEqual(
      `Sources/TextSource[1]/PlainTextSelection[1]/Coding[1]: CodeRef ${G(99)} names no code of the project`,
    );
  });
  it('a source whose text file is missing', () => {
    expect(refused({ 'project.qde': TRIAL_XML }).problems[0]).toMatch(
      /^Sources\/TextSource\[1\]: internal:\/\/.* is not in the zip/,
    );
  });
});
