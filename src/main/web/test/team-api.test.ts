import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../shared/team/hlc';
import { apiHandlers, type BackupStoreApi } from '../../api-dispatch';
import type { CorpusServiceApi } from '../../services/corpus-service-api';
import type { JournalEntry } from '../../../shared/team/journal-line';
import { startWebServer, type RunningWebServer } from '../web-server';

/** The parts of the answers these tests look at. */
interface TeamAnswer {
  project?: boolean;
  file?: string;
  batches: { entries: JournalEntry[] }[];
}

const DEVICE = '11111111-1111-4111-8111-111111111111';
const backups = {} as BackupStoreApi;

const annotation = {
  id: '00000000-0000-4000-8000-000000000001',
  documentPath: 'a.txt',
  contentSha256: 'ab'.repeat(32),
  annotator: 'Sari',
  tag: 'commitment',
  start: 0,
  end: 3,
  quote: 'abc',
  prefix: '',
  suffix: '',
  attributes: {},
  note: '',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};
const line = {
  v: 1,
  op: 'put',
  kind: 'annotation',
  key: annotation.id,
  hlc: formatHlc({ wall: Date.parse('2026-12-01T10:00:00Z'), counter: 0, device: DEVICE }),
  record: annotation,
};

describe('team calls over HTTP (browser mode)', () => {
  let root: string;
  let server: RunningWebServer;
  const call = async (name: string, body: unknown) => {
    const res = await fetch(`${server.url}api/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as {
      ok: boolean;
      value: TeamAnswer;
      error?: { code: string; message: string };
    };
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tanda-team-api-'));
    await mkdir(join(root, 'renderer'));
    await writeFile(join(root, 'renderer/index.html'), '<!doctype html>');
    const service = { root, onEvent: () => () => {} } as unknown as CorpusServiceApi;
    server = await startWebServer({
      handlers: apiHandlers({ corpus: () => service, backups: () => backups }),
      subscribe: () => () => {},
      rendererDir: join(root, 'renderer'),
      port: 0,
    });
  });
  afterEach(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('shares the folder, appends a line and reads it back', async () => {
    expect((await call('teamStatus', {})).value).toMatchObject({ project: false });
    expect((await call('createTeamProject', {})).value).toMatchObject({ project: true });
    const appended = await call('appendTeamChanges', {
      annotator: 'Sari',
      deviceId: DEVICE,
      entries: [line],
    });
    expect(appended.value.file).toBe(`.tanda/changes/sari/${DEVICE}.jsonl`);
    const read = await call('readTeamChanges', { cursors: {} });
    expect(read.value.batches[0]?.entries).toEqual([line]);
  });

  it.each([
    [{ annotator: 'Sari', deviceId: 'laptop', entries: [line] }, /^appendTeamChanges: deviceId: /],
    [{ annotator: 'Sari', deviceId: DEVICE, entries: [] }, /entries: send at least one line/],
    [
      { annotator: 'Sari', deviceId: DEVICE, entries: [{ ...line, record: { ...annotation, end: 0 } }] },
      /entries\.0: record\.end: end must be greater than start/,
    ],
    [
      { annotator: 'Sari', deviceId: DEVICE, entries: [{ ...line, hlc: 'yesterday' }] },
      /hlc: must be a clock stamp/,
    ],
    [{ annotator: '', deviceId: DEVICE, entries: [line] }, /annotator/],
  ])('refuses a bad append saying what and where (%#), writing nothing', async (body, message) => {
    await call('createTeamProject', {});
    const result = await call('appendTeamChanges', body);
    expect(result.error?.code).toBe('invalid-request');
    expect(result.error?.message).toMatch(message);
    expect((await call('readTeamChanges', { cursors: {} })).value.batches).toEqual([]);
  });

  it('refuses bad cursors', async () => {
    const result = await call('readTeamChanges', { cursors: { 'a.jsonl': { offset: -1, line: 0, ino: 1 } } });
    expect(result.error?.message).toMatch(/^readTeamChanges: cursors\.a\.jsonl\.offset: /);
  });
});
