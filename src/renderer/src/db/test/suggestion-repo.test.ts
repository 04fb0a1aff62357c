import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sourceRecords } from '../../../../shared/suggest/suggestion-types';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { buildBundle, bundleToJson, parseBundleJson } from '../../../../shared/exchange/bundle';
import { exportBundle, importBundle, restoreBundle } from '../bundle-io';
import { getSuggestionSources, setSuggestionSources } from '../settings-repo';
import {
  acceptSuggestions,
  decisionsBy,
  putDecisions,
  rejectSuggestions,
  type NewDecision,
} from '../suggestion-repo';
import { ARTICLE, freshDb, newAnnotation } from './annotation-fixtures';

const decision = (overrides: Partial<NewDecision> = {}): NewDecision => ({
  annotator: 'Ayu',
  documentPath: ARTICLE,
  start: 10,
  end: 20,
  tag: 'commitment',
  sourceKey: 'pattern:commitment:phrase:kerja sama',
  ...overrides,
});

describe('suggestion decisions', () => {
  it('accepts: the annotation and the acceptance are written together', async () => {
    const db = freshDb();
    const changes = await acceptSuggestions(db, [{ annotation: newAnnotation(), decision: decision() }]);
    expect(changes).toHaveLength(1);
    expect(await db.annotations.count()).toBe(1);
    const [d] = await decisionsBy(db, 'Ayu');
    expect(d).toMatchObject({ decision: 'accepted', start: 10, end: 20 });
  });

  it('writes nothing when any part is bad', async () => {
    const db = freshDb();
    await expect(
      acceptSuggestions(db, [{ annotation: newAnnotation(), decision: decision({ end: 0 }) }]),
    ).rejects.toThrow(/Suggestion decision: end: /);
    await expect(
      acceptSuggestions(db, [
        { annotation: newAnnotation(), decision: decision() },
        { annotation: newAnnotation({ end: 5 }), decision: decision({ start: 30, end: 35 }) },
      ]),
    ).rejects.toThrow();
    expect(await db.annotations.count()).toBe(0);
    expect(await db.suggestionDecisions.count()).toBe(0);
  });

  it('remembers rejections per document, span and source; the newer decision replaces the older', async () => {
    const db = freshDb();
    await rejectSuggestions(db, [decision(), decision({ start: 30, end: 40 })]);
    await rejectSuggestions(db, [decision()]);
    expect(await decisionsBy(db, 'Ayu')).toHaveLength(2);
    expect(await decisionsBy(db, 'Budi')).toHaveLength(0);
    await acceptSuggestions(db, [
      { annotation: newAnnotation({ start: 50, end: 60 }), decision: decision({ start: 50, end: 60 }) },
    ]);
    expect(sourceRecords(await decisionsBy(db, 'Ayu')).get(decision().sourceKey)).toEqual({
      accepted: 1,
      rejected: 2,
      precision: 1 / 3,
    });
  });

  it('takes decisions from a bundle, adding or replacing by id', async () => {
    const db = freshDb();
    await rejectSuggestions(db, [decision()]);
    await putDecisions(db, [{ ...decision(), decision: 'accepted', decidedAt: '2026-12-02T00:00:00.000Z' }]);
    const all = await decisionsBy(db, 'Ayu');
    expect(all.map((d) => d.decision)).toEqual(['accepted']);
  });
});

describe('suggestion sources setting', () => {
  it('has both sources on until one is turned off, and refuses anything but booleans', async () => {
    const db = freshDb();
    expect(await getSuggestionSources(db)).toEqual({ patterns: true, learned: true });
    await setSuggestionSources(db, { patterns: false, learned: true });
    expect(await getSuggestionSources(db)).toEqual({ patterns: false, learned: true });
    await expect(setSuggestionSources(db, { patterns: 'no', learned: true } as never)).rejects.toThrow(
      /patterns and learned must each be on or off/,
    );
    expect(await getSuggestionSources(db)).toEqual({ patterns: false, learned: true });
  });
});

describe('suggestion decisions in bundles and backups', () => {
  const documents = [{ path: ARTICLE, title: 'Hanoi', sha256: null }];
  const NOW = new Date('2026-12-02T05:00:00.000Z');

  it('travel in a bundle: exported, merged (newer wins) and restored', async () => {
    const source = freshDb();
    await rejectSuggestions(source, [decision()], new Date('2026-12-02T01:00:00.000Z'));
    const json = bundleToJson(await exportBundle(source, { documents, now: NOW }));
    expect(JSON.parse(json).suggestionDecisions).toEqual([
      { ...decision(), decision: 'rejected', decidedAt: '2026-12-02T01:00:00.000Z' },
    ]);

    const target = freshDb();
    await acceptSuggestions(
      target,
      [{ annotation: newAnnotation(), decision: decision() }],
      new Date('2026-12-02T02:00:00.000Z'),
    );
    await importBundle(target, parseBundleJson(json));
    // The target's own decision is newer: it stays.
    expect((await decisionsBy(target, 'Ayu')).map((d) => d.decision)).toEqual(['accepted']);

    const empty = freshDb();
    await importBundle(empty, parseBundleJson(json));
    expect((await decisionsBy(empty, 'Ayu')).map((d) => d.decision)).toEqual(['rejected']);

    await restoreBundle(target, parseBundleJson(json));
    expect((await decisionsBy(target, 'Ayu')).map((d) => d.decision)).toEqual(['rejected']);
  });

  it('refuses a bundle whose decision is malformed, naming where', () => {
    const bundle = {
      ...JSON.parse(bundleToJson(emptyBundle())),
      suggestionDecisions: [{ ...decision(), decision: 'maybe' }],
    };
    expect(() => parseBundleJson(JSON.stringify(bundle))).toThrow(/suggestionDecisions\[0\]\.decision/);
  });

  function emptyBundle() {
    return buildBundle({ codebook: builtinCodebook(), documents, annotations: [], statuses: [], now: NOW });
  }
});
