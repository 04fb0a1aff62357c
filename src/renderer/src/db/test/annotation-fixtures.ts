import { afterEach } from 'vitest';
import type { NewAnnotation } from '../annotation-repo';
import type { MergedRecord } from '../../../../shared/team/journal-merge';
import { TandaDB } from '../tanda-db';
import { allTeamRecords } from '../team-state';

/** A database of its own for each test. */
export function freshDb(): TandaDB {
  return new TandaDB('tanda-test-' + crypto.randomUUID());
}

/**
 * For a test file: a `freshDb` whose databases are deleted after each test,
 * so that fake-indexeddb does not keep every test's data until the file ends.
 */
export function deletedAfterEach(): () => TandaDB {
  const dbs: TandaDB[] = [];
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((d) => d.delete()));
  });
  return () => {
    const db = freshDb();
    dbs.push(db);
    return db;
  };
}

export const ARTICLE = 'articles/2024/hanoi-beijing.txt';
export const OTHER_ARTICLE = 'articles/2024/sea-dispute.md';
export const SHA = 'ab'.repeat(32);

/** A small valid annotation by Ayu on ARTICLE; override what the test is about. */
export function newAnnotation(overrides: Partial<NewAnnotation> = {}): NewAnnotation {
  return {
    documentPath: ARTICLE,
    contentSha256: SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start: 10,
    end: 20,
    quote: 'kerja sama',
    prefix: 'Kedua negara ',
    suffix: ' di bidang',
    attributes: {},
    note: '',
    ...overrides,
  };
}

/** A clock that moves one second per call from `start`. */
export function steppingClock(start = '2025-03-01T08:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}

/** The team journals' merged state as stored, by record id. */
export async function storedTeamRecords(db: TandaDB): Promise<ReadonlyMap<string, MergedRecord>> {
  return db.transaction('r', db.teamSegments, db.settings, () => allTeamRecords(db));
}
