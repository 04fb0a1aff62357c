import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  MAX_RECENT_CORPORA,
  parseSettings,
  pickStartupCorpus,
  saveSettings,
  withOpenedCorpus,
  withRecentCleared,
} from '../app-settings';

describe('parseSettings', () => {
  it('reads a valid file and fills in a missing recent list', () => {
    expect(parseSettings('{"lastCorpus":"/c/news","recentCorpora":["/c/news"]}')).toEqual({
      ok: true,
      settings: { lastCorpus: '/c/news', recentCorpora: ['/c/news'] },
    });
    expect(parseSettings('{}')).toEqual({ ok: true, settings: { recentCorpora: [] } });
  });

  it('trims an over-long recent list instead of rejecting it', () => {
    const list = Array.from({ length: 15 }, (_, i) => `/c/${i}`);
    const parsed = parseSettings(JSON.stringify({ recentCorpora: list }));
    expect(parsed.ok && parsed.settings.recentCorpora).toEqual(list.slice(0, MAX_RECENT_CORPORA));
  });

  it('says what is wrong with a corrupt file', () => {
    expect(parseSettings('{"lastCorpus": ')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^not JSON/),
    });
    expect(parseSettings('{"recentCorpora":"/c/news"}')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^recentCorpora: /),
    });
    expect(parseSettings('[]')).toMatchObject({ ok: false });
  });
});

describe('recent corpora', () => {
  it('puts the opened corpus first, once, and keeps at most ten', () => {
    let settings = DEFAULT_SETTINGS;
    for (let i = 0; i < 12; i += 1) settings = withOpenedCorpus(settings, `/c/${i}`);
    settings = withOpenedCorpus(settings, '/c/5');
    expect(settings.lastCorpus).toBe('/c/5');
    expect(settings.recentCorpora).toHaveLength(MAX_RECENT_CORPORA);
    expect(settings.recentCorpora.slice(0, 3)).toEqual(['/c/5', '/c/11', '/c/10']);
    expect(new Set(settings.recentCorpora).size).toBe(MAX_RECENT_CORPORA);
  });

  it('clearing keeps the last corpus', () => {
    const cleared = withRecentCleared(withOpenedCorpus(DEFAULT_SETTINGS, '/c/news'));
    expect(cleared).toEqual({ lastCorpus: '/c/news', recentCorpora: [] });
  });
});

describe('pickStartupCorpus', () => {
  const sample = '/app/resources/sample-corpus';

  it('opens the sample corpus on first launch', async () => {
    expect(await pickStartupCorpus(DEFAULT_SETTINGS, sample, () => true)).toEqual({ root: sample });
  });

  it('reopens the last corpus when its folder is still there', async () => {
    const settings = withOpenedCorpus(DEFAULT_SETTINGS, '/c/news');
    expect(await pickStartupCorpus(settings, sample, (path) => path === '/c/news')).toEqual({
      root: '/c/news',
    });
  });

  it('falls back to the sample corpus, with a message naming the missing folder', async () => {
    const settings = withOpenedCorpus(DEFAULT_SETTINGS, '/c/gone');
    const startup = await pickStartupCorpus(settings, sample, () => false);
    expect(startup.root).toBe(sample);
    expect(startup.notice).toContain('/c/gone');
  });
});

describe('loadSettings / saveSettings', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tanda-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts with defaults when there is no file', async () => {
    expect(await loadSettings(dir)).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('round-trips, leaving no temporary file behind', async () => {
    const settings = withOpenedCorpus(DEFAULT_SETTINGS, '/c/news');
    await saveSettings(join(dir, 'nested'), settings);
    expect(await loadSettings(join(dir, 'nested'))).toEqual({ settings });
    expect(await readdir(join(dir, 'nested'))).toEqual(['settings.json']);
  });

  it('sets a corrupt file aside and starts with defaults', async () => {
    await writeFile(join(dir, 'settings.json'), '{"recentCorpora": 7}');
    const loaded = await loadSettings(dir, () => new Date('2025-01-02T03:04:05.678Z'));
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.warning).toMatch(/recentCorpora/);
    expect(await readdir(dir)).toEqual(['settings.json.bad-2025-01-02T03-04-05-678Z']);
    expect(await readFile(join(dir, 'settings.json.bad-2025-01-02T03-04-05-678Z'), 'utf8')).toBe(
      '{"recentCorpora": 7}',
    );
  });
});
