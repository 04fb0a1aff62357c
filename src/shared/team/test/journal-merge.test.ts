import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { compareHlc, formatHlc, initialHlcState, observeHlc, tickHlc } from '../hlc';
import {
  deleteEntry,
  journalLineText,
  parseJournalLines,
  putEntry,
  splitCompleteLines,
  type JournalEntry,
} from '../journal-line';
import { compactEntries, concurrentEdits, mergeAll, recordId, stateSnapshot } from '../journal-merge';

const SHA = 'ab'.repeat(32);
const DEVICE_A = '11111111-1111-4111-8111-111111111111';
const DEVICE_B = '22222222-2222-4222-8222-222222222222';

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function annotation(n: number, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: uuid(n),
    documentPath: 'articles/hanoi.txt',
    contentSha256: SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start: 10 * n,
    end: 10 * n + 5,
    quote: 'kerja',
    prefix: '',
    suffix: '',
    attributes: {},
    note: '',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

function stamp(wall: number, counter: number, device: string): string {
  return formatHlc({ wall, counter, device });
}

const T0 = Date.parse('2026-12-01T10:00:00.000Z');

/** Journal lines from two devices over a few records: puts with notes, and deletes. */
const entryArb: fc.Arbitrary<JournalEntry> = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    wall: fc.integer({ min: 0, max: 5 }),
    counter: fc.integer({ min: 0, max: 2 }),
    device: fc.constantFrom(DEVICE_A, DEVICE_B),
    del: fc.boolean(),
    note: fc.string({ maxLength: 5 }),
  })
  .map(({ n, wall, counter, device, del, note }) => {
    const hlc = stamp(T0 + wall, counter, device);
    return del
      ? deleteEntry('annotation', uuid(n), hlc)
      : putEntry('annotation', annotation(n, { note }), hlc);
  });

/** Read the way the app reads: each file as text, line by line. */
function read(files: readonly string[]) {
  return files.map((text, i) => parseJournalLines(text, `f${i}.jsonl`).entries);
}

describe('the merge of team journals', () => {
  it('gives the same state for any order and duplication of lines, across any split into files', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 1, maxLength: 30 }),
        fc.infiniteStream(fc.nat()),
        (entries, picks) => {
          const reference = stateSnapshot(mergeAll([entries]));
          // Shuffle, duplicate some lines, and spread them over up to 3 files (copies of journals).
          const it = picks[Symbol.iterator]();
          const next = () => it.next().value as number;
          const shuffled = [...entries, ...entries.filter(() => next() % 3 === 0)].sort(
            () => (next() % 3) - 1,
          );
          const files = ['', '', ''];
          for (const e of shuffled) files[next() % 3] += journalLineText(e);
          expect(stateSnapshot(mergeAll(read(files)))).toBe(reference);
          expect(stateSnapshot(mergeAll(read([...files].reverse())))).toBe(reference);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is idempotent: reading everything twice changes nothing', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 30 }), (entries) => {
        expect(stateSnapshot(mergeAll([entries, entries]))).toBe(stateSnapshot(mergeAll([entries])));
      }),
    );
  });

  it('lets the newest clock win, a tombstone beating older puts but not newer ones', () => {
    const put1 = putEntry('annotation', annotation(1, { note: 'first' }), stamp(T0, 0, DEVICE_A));
    const del = deleteEntry('annotation', uuid(1), stamp(T0 + 5, 0, DEVICE_B));
    const put2 = putEntry('annotation', annotation(1, { note: 'again' }), stamp(T0 + 9, 0, DEVICE_A));
    const id = recordId('annotation', uuid(1));
    expect(mergeAll([[put1, del]]).get(id)?.winner).toEqual(del);
    expect(mergeAll([[del, put1]]).get(id)?.winner).toEqual(del);
    expect(mergeAll([[put2], [del, put1]]).get(id)?.winner).toEqual(put2);
  });

  it('keeps the losing edit of another device as recoverable history', () => {
    const mine = putEntry('annotation', annotation(1, { note: 'mine' }), stamp(T0 + 1, 0, DEVICE_A));
    const theirs = putEntry('annotation', annotation(1, { note: 'theirs' }), stamp(T0 + 2, 0, DEVICE_B));
    const record = mergeAll([[mine, theirs]]).get(recordId('annotation', uuid(1)))!;
    expect(record.winner).toEqual(theirs);
    expect(concurrentEdits(record)).toEqual([
      { device: DEVICE_A, at: '2026-12-01T10:00:00.001Z', entry: mine },
    ]);
    // An older step of the same device is not offered as well: only its newest version lost.
    const before = putEntry('annotation', annotation(1, { note: 'draft' }), stamp(T0, 0, DEVICE_A));
    const again = mergeAll([[before, mine, theirs]]).get(recordId('annotation', uuid(1)))!;
    expect(concurrentEdits(again).map((e) => e.entry)).toEqual([mine]);
  });

  it('does not let a clock hours ahead win once a colleague has seen its change', () => {
    const ahead = T0 + 5 * 3600_000;
    const skewed = putEntry('annotation', annotation(1, { note: 'fast clock' }), stamp(ahead, 0, DEVICE_B));
    const clock = initialHlcState();
    observeHlc(clock, skewed.hlc);
    // A's wall clock says T0 + 1 min, hours before B's stamp; A's edit still comes after it.
    const later = tickHlc(clock, T0 + 60_000, DEVICE_A);
    expect(compareHlc(later, skewed.hlc)).toBeGreaterThan(0);
    const fix = putEntry('annotation', annotation(1, { note: 'fixed' }), later);
    expect(mergeAll([[fix, skewed]]).get(recordId('annotation', uuid(1)))?.winner).toEqual(fix);
  });

  it('issues ever-increasing stamps even when the wall clock goes back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 2, maxLength: 50 }), (walls) => {
        const clock = initialHlcState();
        const stamps = walls.map((w) => tickHlc(clock, T0 + w, DEVICE_A));
        for (let i = 1; i < stamps.length; i++)
          expect(compareHlc(stamps[i]!, stamps[i - 1]!)).toBeGreaterThan(0);
      }),
    );
  });

  it('compacts a journal to the same state, tombstones kept', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 30 }),
        fc.array(entryArb, { maxLength: 10 }),
        (own, other) => {
          const winners = (s: ReturnType<typeof mergeAll>) =>
            JSON.stringify([...s.entries()].map(([id, r]) => [id, r.winner]).sort());
          expect(winners(mergeAll([compactEntries(own), other]))).toBe(winners(mergeAll([own, other])));
        },
      ),
    );
  });
});

describe('reading journal lines', () => {
  const good = journalLineText(putEntry('annotation', annotation(1), stamp(T0, 0, DEVICE_A)));

  it('leaves a half-written last line for later and reads it once complete', () => {
    const half = good.slice(0, 40);
    const { complete, rest } = splitCompleteLines(good + half);
    expect(complete).toBe(good);
    expect(rest).toBe(half);
    expect(parseJournalLines(complete, 'a.jsonl').entries).toHaveLength(1);
    expect(parseJournalLines(rest + good.slice(40), 'a.jsonl', 2).entries).toHaveLength(1);
  });

  it('lists a bad line with its file and line number, and reads the others', () => {
    const badRecord = JSON.stringify({ ...JSON.parse(good), record: { ...annotation(2), end: 0 } });
    const wrongKey = JSON.stringify({ ...JSON.parse(good), key: uuid(9) });
    const text =
      [good.trim(), '{"v":1,"op":"put"', '', badRecord, wrongKey, '{"v":2}', good.trim()].join('\n') + '\n';
    const parsed = parseJournalLines(text, '.tanda/changes/ayu/x.jsonl', 10);
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.problems.map((p) => [p.file, p.line])).toEqual([
      ['.tanda/changes/ayu/x.jsonl', 11],
      ['.tanda/changes/ayu/x.jsonl', 13],
      ['.tanda/changes/ayu/x.jsonl', 14],
      ['.tanda/changes/ayu/x.jsonl', 15],
    ]);
    expect(parsed.problems[0]!.message).toBe('not JSON');
    expect(parsed.problems[1]!.message).toMatch(/^record\.end: end must be greater than start/);
    expect(parsed.problems[2]!.message).toMatch(/is not the record's key/);
  });

  it('reads statuses, dates, rejections and tags, keyed by what identifies them', () => {
    const hlc = stamp(T0, 0, DEVICE_A);
    const status = putEntry(
      'status',
      { annotator: 'Ayu', documentPath: 'a.txt', status: 'done', updatedAt: '2026-12-01T10:00:00Z' },
      hlc,
    );
    expect(status.key).toBe('["Ayu","a.txt"]');
    const date = putEntry('date', { documentPath: 'a.txt', date: '2024-02-30' }, hlc);
    expect(parseJournalLines(journalLineText(date), 'x').problems[0]?.message).toMatch(
      /record\.date: is not a day/,
    );
    const text = journalLineText(status) + journalLineText(deleteEntry('tag', 'commitment', hlc));
    expect(parseJournalLines(text, 'x')).toEqual({
      entries: [status, deleteEntry('tag', 'commitment', hlc)],
      lines: [1, 2],
      problems: [],
    });
  });
});
