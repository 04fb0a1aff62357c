import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import { planQdpxImport } from '../../../shared/exchange/qdpx-import';
import { readQdpx, readQdpxWithRichText } from '../../../shared/exchange/qdpx-read';
import { apiHandlers, type BackupStoreApi } from '../../api-dispatch';
import type { CorpusServiceApi } from '../../services/corpus-service-api';
import { docxExtractor } from '../../services/extractors/docx-extractor';
import { DEFAULT_EXTRACTION_LIMITS } from '../../services/extractors/extraction';
import { makeDocx } from '../../services/extractors/test/fixture-files';
import { startWebServer, type RunningWebServer } from '../web-server';

type Answer = {
  ok: boolean;
  value?: { text: string; format: string; extractor: string };
  error?: { code: string; message: string };
};

/** `extractDocumentText` over browser mode's HTTP API, and a QDPX whose source is only a DOCX read through it. */
describe('extractDocumentText over HTTP', () => {
  let dir: string;
  let server: RunningWebServer;
  let docx: Uint8Array;
  let canonical: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tanda-extract-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer/index.html'), '<!doctype html>');
    server = await startWebServer({
      handlers: apiHandlers({
        corpus: () => ({}) as CorpusServiceApi,
        backups: () => ({}) as BackupStoreApi,
      }),
      subscribe: () => () => {},
      rendererDir: join(dir, 'renderer'),
      port: 0,
    });
    docx = await makeDocx();
    const direct = await docxExtractor.extract(docx, DEFAULT_EXTRACTION_LIMITS);
    if (direct.kind !== 'text') throw new Error(direct.reason);
    canonical = direct.text;
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const call = async (request: unknown): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/extractDocumentText`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await res.json()) as Answer;
  };
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  it("answers a DOCX's canonical text, the same as the corpus's extractor gives", async () => {
    expect(await call({ name: 'sources/report.docx', bytesBase64: base64(docx) })).toEqual({
      ok: true,
      value: { text: canonical, format: 'docx', extractor: docxExtractor.id },
    });
  });

  it.each([
    [{ name: 'x.docx', bytesBase64: base64(strToU8('not a zip')) }, 'not-readable', /x\.docx: /],
    [{ name: 'x.exe', bytesBase64: '' }, 'invalid-request', /name: must end in \.docx/],
    [{ name: 'x.docx', bytesBase64: '***' }, 'invalid-request', /bytesBase64: not base64/],
    [{ name: 'x.docx', bytesBase64: 'A'.repeat(45_000_000) }, 'invalid-request', /over 33554432 bytes/],
    [{ name: 'x.docx' }, 'invalid-request', /bytesBase64/],
  ])('refuses %#: a bad file or request, saying what', async (request, code, reason) => {
    const answer = await call(request);
    expect(answer.ok).toBe(false);
    expect(answer.error!.code).toBe(code);
    expect(answer.error!.message).toMatch(reason);
  });

  const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const projectXml = (richTextPath: string) => `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Word">
  <Users><User guid="${G(1)}" name="Maria"/></Users>
  <CodeBook><Codes><Code guid="${G(10)}" name="Economy" isCodable="true" color="#aa0000"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(20)}" name="Report" richTextPath="${richTextPath}">
      <PlainTextSelection guid="${G(30)}" name="Vietnam" startPosition="11" endPosition="18" creatingUser="${G(1)}">
        <Coding guid="${G(40)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(31)}" name="pembangunan" startPosition="0" endPosition="11" creatingUser="${G(1)}">
        <Coding guid="${G(41)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  const project = (files: Record<string, Uint8Array>) => zipSync(files);
  const throughHttp = async (name: string, bytes: Uint8Array): Promise<string> => {
    const answer = await call({ name, bytesBase64: base64(bytes) });
    if (!answer.ok) throw new Error(answer.error!.message);
    return answer.value!.text;
  };

  it('imports a hand-made QDPX whose source is only a DOCX, with the extractor’s text', async () => {
    const bytes = project({
      'project.qde': strToU8(projectXml(`internal://${G(20)}.docx`)),
      [`sources/${G(20)}.docx`]: docx,
    });
    const read = await readQdpxWithRichText(bytes, throughHttp);
    expect(read.adaptations).toEqual([
      '1 source(s) given only as DOCX read through the DOCX extractor',
      '1 selection(s) placed by their quote where the positions disagreed',
    ]);
    expect(read.sources[0]!.text).toBe(canonical);
    const plan = await planQdpxImport(read, {
      documents: [],
      codebook: builtinCodebook(),
      folder: 'imported/Word',
      sha256: async (t) => createHash('sha256').update(t, 'utf8').digest('hex'),
      now: '2026-12-01T00:00:00.000Z',
    });
    expect(plan.files.map((f) => [f.path, f.text])).toEqual([['imported/Word/Report.txt', canonical]]);
    const chars = [...canonical];
    expect(plan.annotations.map((a) => [a.quote, chars.slice(a.start, a.end).join('')])).toEqual([
      ['Vietnam', 'Vietnam'],
      ['pembangunan', 'pembangunan'],
    ]);
  });

  it('refuses the project whole when its DOCX cannot be read, or when no reader is given', async () => {
    const bad = project({
      'project.qde': strToU8(projectXml(`internal://${G(20)}.docx`)),
      [`sources/${G(20)}.docx`]: strToU8('not a zip'),
    });
    await expect(readQdpxWithRichText(bad, throughHttp)).rejects.toThrow(
      /Sources\/TextSource\[1\]: sources\/.*\.docx could not be read as DOCX \(.*\.docx: /,
    );
    const good = project({
      'project.qde': strToU8(projectXml(`internal://${G(20)}.docx`)),
      [`sources/${G(20)}.docx`]: docx,
    });
    expect(() => readQdpx(good)).toThrow(/only a rich-text \(DOCX\) version, and no DOCX reader/);
    const missing = project({ 'project.qde': strToU8(projectXml(`internal://${G(21)}.docx`)) });
    await expect(readQdpxWithRichText(missing, throughHttp)).rejects.toThrow(/is not in the zip/);
    const rtf = project({
      'project.qde': strToU8(projectXml(`internal://${G(20)}.rtf`)),
      [`sources/${G(20)}.rtf`]: strToU8('{\\rtf1}'),
    });
    await expect(readQdpxWithRichText(rtf, throughHttp)).rejects.toThrow(/is not a \.docx/);
  });
});
