import 'fake-indexeddb/auto';
import { allAnnotations } from '../annotation-repo';
import fc from 'fast-check';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { formatHlc } from '../../../../shared/team/hlc';
import { deleteEntry, putEntry, type JournalEntry } from '../../../../shared/team/journal-line';
import { mergeAll } from '../../../../shared/team/journal-merge';
import { statusKey } from '../../../../shared/exchange/record-order';
import { allRejectedUnits, parseRejectedKey } from '../adjudication-repo';
import { metadataOverrides, setDocumentDate } from '../metadata-repo';
import type { TandaDB } from '../tanda-db';
import { applyTeamBatch } from '../team-sync';
import { TEAM_STATE_VERSION_KEY } from '../team-state';
import { freshDb, SHA, storedTeamRecords } from './annotation-fixtures';

/*
 * `applyTeamBatch` reads and writes each kind once per batch. Whatever the
 * mix of kinds, puts, tombstones and clocks, one batch must leave the
 * database as applying its lines one at a time does.
 */

const dbs: TandaDB[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()));
});

const DEVICES = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];
const PATHS = ['berita/a.txt', 'berita/b.txt', 'berita/c.txt'];
const PEOPLE = ['Ayu', 'Budi'];
const T0 = Date.parse('2026-12-01T08:00:00.000Z');

function annotation(n: number, note: string): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentPath: PATHS[n % PATHS.length]!,
    contentSha256: SHA,
    annotator: PEOPLE[n % PEOPLE.length]!,
    tag: 'commitment',
    start: n,
    end: n + 5,
    quote: 'kerja',
    prefix: '',
    suffix: '',
    attributes: {},
    note,
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
  };
}

/** One line of any kind, about a few records only, so puts, tombstones and conflicts meet. */
const lineArb = fc
  .record({
    kind: fc.constantFrom('annotation', 'status', 'date', 'rejected', 'tag'),
    n: fc.nat(3),
    put: fc.boolean(),
    variant: fc.nat(2),
    wall: fc.nat(20),
    device: fc.constantFrom(...DEVICES),
  })
  .map(({ kind, n, put, variant, wall, device }): JournalEntry => {
    const hlc = formatHlc({ wall: T0 + wall, counter: 0, device });
    const documentPath = PATHS[n % PATHS.length]!;
    const annotator = PEOPLE[n % PEOPLE.length]!;
    switch (kind) {
      case 'annotation': {
        const record = annotation(n, `note ${variant}`);
        return put ? putEntry('annotation', record, hlc) : deleteEntry('annotation', record.id, hlc);
      }
      case 'status': {
        const record = {
          annotator,
          documentPath,
          status: (['not_started', 'in_progress', 'done'] as const)[variant]!,
          updatedAt: '2026-12-01T08:00:00.000Z',
        };
        return put
          ? putEntry('status', record, hlc)
          : deleteEntry('status', JSON.stringify([annotator, documentPath]), hlc);
      }
      case 'date':
        return put
          ? putEntry('date', { documentPath, date: `202${variant}-0${(n % 9) + 1}` }, hlc)
          : deleteEntry('date', documentPath, hlc);
      case 'rejected': {
        const record = { annotator, documentPath, units: [`unit-${variant}`, 'unit-x'].sort() };
        return put
          ? putEntry('rejected', record, hlc)
          : deleteEntry('rejected', JSON.stringify([annotator, documentPath]), hlc);
      }
      default: {
        // A codebook edit: a built-in tag renamed in its place (moves and removals depend on order by design).
        const position = n % builtinCodebook().tags.length;
        const tag = builtinCodebook().tags[position]!;
        return putEntry('tag', { tag: { ...tag, label: `${tag.label} ${variant}` }, position }, hlc);
      }
    }
  });

/** What the journals reach in a database, the merge's own clock included. */
async function contents(db: TandaDB) {
  return {
    annotations: await allAnnotations(db),
    statuses: await db.documentStatus.toArray(),
    settings: (await db.settings.toArray()).filter(
      (row) => row.key !== 'team.deviceId' && row.key !== TEAM_STATE_VERSION_KEY,
    ),
    codebook: (await db.codebook.toArray()).map((row) => row.codebook),
    // The records, not their segments: one batch writes one segment, one line at a time writes many.
    teamRecords: [...(await storedTeamRecords(db))].sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

/** A date corrected here and not journaled yet: kept against the journals' dates, batch or not. */
async function seeded(): Promise<TandaDB> {
  const db = freshDb();
  dbs.push(db);
  await setDocumentDate(db, 'berita/c.txt', '2023');
  return db;
}

describe('a batch of journal lines applied at once', () => {
  it('leaves the database as applying its lines one by one does, for any mix of kinds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 60, size: 'max' }), async (lines) => {
        const batched = await seeded();
        const oneByOne = await seeded();
        await applyTeamBatch(batched, lines, 'Ayu');
        for (const line of lines) await applyTeamBatch(oneByOne, [line], 'Ayu');
        expect(await contents(batched)).toEqual(await contents(oneByOne));
        // And that state is the newest line per record (the date corrected here aside; tags, which
        // differ from an unedited built-in codebook, stay as they are here until journaled).
        const newest = new Map<string, unknown>();
        for (const { winner } of mergeAll([lines]).values())
          if (winner.op === 'put' && !(winner.kind === 'date' && winner.key === 'berita/c.txt'))
            newest.set(`${winner.kind} ${winner.key}`, winner.record);
        const stored = new Map<string, unknown>();
        for (const a of await allAnnotations(batched)) stored.set(`annotation ${a.id}`, a);
        for (const s of await batched.documentStatus.toArray()) stored.set(`status ${statusKey(s)}`, s);
        for (const [documentPath, { date }] of await metadataOverrides(batched))
          if (documentPath !== 'berita/c.txt') stored.set(`date ${documentPath}`, { documentPath, date });
        for (const [key, units] of await allRejectedUnits(batched)) {
          const owner = parseRejectedKey(key)!;
          const record = {
            annotator: owner.target,
            documentPath: owner.documentPath,
            units: [...units].sort(),
          };
          stored.set(`rejected ${statusKey(record)}`, record);
        }
        expect(stored).toEqual(new Map([...newest].filter(([id]) => !id.startsWith('tag '))));
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same database and the same counts when a batch goes in several transactions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { minLength: 1, maxLength: 60, size: 'max' }),
        fc.integer({ min: 1, max: 6 }),
        async (lines, perTransaction) => {
          const whole = await seeded();
          const inParts = await seeded();
          const wholeReport = await applyTeamBatch(whole, lines, 'Ayu', Infinity);
          // Transactions begun outside any other: those that commit on their own.
          let transactions = 0;
          const begin = inParts.transaction.bind(inParts) as (...args: unknown[]) => unknown;
          (inParts as unknown as { transaction: unknown }).transaction = (...args: unknown[]) => {
            if (!Dexie.currentTransaction) transactions += 1;
            return begin(...args);
          };
          const partsReport = await applyTeamBatch(inParts, lines, 'Ayu', perTransaction);
          const begun = transactions;
          expect(partsReport).toEqual(wholeReport);
          expect(await contents(inParts)).toEqual(await contents(whole));
          // Tags all in the first part, which the other records fill up to `perTransaction`.
          const ids = (kind: (k: string) => boolean) =>
            new Set(lines.filter((l) => kind(l.kind)).map((l) => l.key)).size;
          const tags = ids((k) => k === 'tag');
          const others = new Set(lines.filter((l) => l.kind !== 'tag').map((l) => `${l.kind} ${l.key}`)).size;
          const rest = Math.max(0, others - Math.max(0, perTransaction - tags));
          expect(begun).toBe(1 + Math.ceil(rest / perTransaction));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('counts what one batch added, updated and removed across kinds', async () => {
    const db = await seeded();
    const at = (wall: number) => formatHlc({ wall: T0 + wall, counter: 0, device: DEVICES[1]! });
    const first = [
      putEntry('annotation', annotation(1, 'a'), at(1)),
      putEntry('annotation', annotation(2, 'b'), at(2)),
      putEntry('date', { documentPath: 'berita/a.txt', date: '2024-05' }, at(3)),
      putEntry('rejected', { annotator: 'Budi', documentPath: 'berita/b.txt', units: ['u1'] }, at(4)),
    ];
    expect(await applyTeamBatch(db, first, 'Ayu')).toMatchObject({ added: 4, updated: 0, deleted: 0 });
    const second = [
      putEntry('annotation', annotation(1, 'a, edited'), at(5)),
      deleteEntry('annotation', annotation(2, '').id, at(6)),
      deleteEntry('date', 'berita/a.txt', at(7)),
      deleteEntry('status', JSON.stringify(['Budi', 'berita/c.txt']), at(8)),
    ];
    expect(await applyTeamBatch(db, second, 'Ayu')).toMatchObject({
      added: 0,
      updated: 1,
      deleted: 2,
      unchanged: 1, // a tombstone of a status that was never here
    });
    expect((await allAnnotations(db)).map((a) => a.note)).toEqual(['a, edited']);
    expect([...(await metadataOverrides(db)).keys()]).toEqual(['berita/c.txt']);
  });
});
