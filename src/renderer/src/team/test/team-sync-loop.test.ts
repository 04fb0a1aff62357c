import 'fake-indexeddb/auto';
import { allAnnotations, countAnnotations } from '../../db/annotation-repo';
import { afterEach, describe, expect, it } from 'vitest';
import type { TandaApi } from '../../../../shared/api/api-contract';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { addTag } from '../../../../shared/codebook/codebook';
import type { CorpusEvent, DocumentMeta } from '../../../../shared/corpus/corpus-types';
import { formatHlc } from '../../../../shared/team/hlc';
import { putEntry, type JournalEntry } from '../../../../shared/team/journal-line';
import type { TandaDB } from '../../db/tanda-db';
import { freshDb, storedTeamRecords } from '../../db/test/annotation-fixtures';
import { startTeamSync, type TeamSyncState } from '../team-sync-loop';

const TEXT = 'Kedua negara sepakat kerja sama di bidang energi.';
const SHA = 'ab'.repeat(32);
const PATH = 'articles/hanoi.txt';
const DEVICE = '11111111-1111-4111-8111-111111111111';
const FILE = `.tanda/changes/ayu/${DEVICE}.jsonl`;
const hlc = (n: number) =>
  formatHlc({ wall: Date.parse('2026-12-02T10:00:00.000Z') + n, counter: 0, device: DEVICE });

function annotation(n: number, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentPath: PATH,
    contentSha256: SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start: 21,
    end: 31,
    quote: 'kerja sama',
    prefix: '',
    suffix: '',
    attributes: {},
    note: '',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

const DOCUMENT: DocumentMeta = {
  path: PATH,
  title: 'Hanoi',
  sha256: SHA,
  chars: [...TEXT].length,
  encoding: 'utf-8',
  status: 'ok',
};

/** A host whose team folder holds `journal` (line i + 1 of FILE), read from a cursor like main does. */
function host(journal: JournalEntry[], perAnswer = Infinity) {
  let listener: ((e: CorpusEvent) => void) | null = null;
  const api = {
    teamStatus: async () => ({ project: true, problem: null, writes: [] }),
    readTeamChanges: async ({ cursors }: { cursors: Record<string, { line: number }> }) => {
      const from = cursors[FILE]?.line ?? 0;
      const entries = journal.slice(from, from + perAnswer);
      const to = from + entries.length;
      return {
        batches: entries.length ? [{ file: FILE, entries, lines: entries.map((_, i) => from + i + 1) }] : [],
        problems: [],
        cursors: { [FILE]: { offset: to, line: to, ino: 1 } },
        done: to === journal.length,
        remainingLines: journal.length - to,
      };
    },
    appendTeamChanges: async () => ({ file: FILE, bytes: 0, compacted: false }),
    readDocuments: async () => ({ documents: [{ ok: true, document: { meta: DOCUMENT, text: TEXT } }] }),
    onCorpusEvent: (l: (e: CorpusEvent) => void) => {
      listener = l;
      return () => (listener = null);
    },
  };
  return { api: api as unknown as TandaApi, changed: () => listener?.({ type: 'team-changed' }) };
}

const dbs: TandaDB[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()));
});

describe('the team sync loop', () => {
  it('applies good lines, reports refused ones with file and line, and applies them once what they need arrives', async () => {
    const db = freshDb();
    dbs.push(db);
    const journal: JournalEntry[] = [
      putEntry('annotation', annotation(1), hlc(1)),
      putEntry('annotation', annotation(2, { tag: 'sanksi' }), hlc(2)),
      putEntry('annotation', annotation(3, { end: 100000 }), hlc(3)),
    ];
    const { api, changed } = host(journal);
    let state: TeamSyncState | null = null;
    const errors: string[] = [];
    const sync = startTeamSync({
      db,
      api,
      annotator: () => 'Budi',
      documents: () => [DOCUMENT],
      onState: (s) => (state = s),
      onError: (m) => errors.push(m),
      debounceMs: 10,
    });
    try {
      await expect.poll(() => state?.lastReadAt ?? null).not.toBeNull();
      expect((await allAnnotations(db)).map((a) => a.id)).toEqual([annotation(1).id]);
      expect(state!.problems).toEqual([
        { file: FILE, line: 2, message: expect.stringMatching(/^record\.tag: unknown tag "sanksi"/) },
        { file: FILE, line: 3, message: 'record.end: end 100000 is beyond the text (49 code points)' },
      ]);
      expect(state!.lastApplied).toMatchObject({ added: 1 });
      expect(state!.lastMerge).toMatchObject({ report: { added: 1 }, at: state!.lastReadAt });
      // Nothing of a refused line was merged: the journals' state knows only the good one.
      expect((await storedTeamRecords(db)).size).toBe(1);

      // The tag arrives later, in another line: the refused annotation is taken then.
      const sanksi = addTag(builtinCodebook(), { label: 'Sanksi', shortcut: null }).tags.at(-1)!;
      journal.push(putEntry('tag', { tag: sanksi, position: builtinCodebook().tags.length }, hlc(4)));
      const before = state!.lastReadAt;
      changed();
      await expect.poll(() => state!.lastReadAt).not.toBe(before);
      expect((await allAnnotations(db)).map((a) => a.id).sort()).toEqual(
        [annotation(1).id, annotation(2).id].sort(),
      );
      expect(state!.problems.map((p) => p.line)).toEqual([3]);
      // A read that changes nothing leaves the last merge (and its notice) as it was.
      const merge = state!.lastMerge;
      const read = state!.lastReadAt;
      changed();
      await expect.poll(() => state!.lastReadAt).not.toBe(read);
      expect(state!.lastMerge).toBe(merge);
      expect(errors).toEqual([]);
    } finally {
      sync.stop();
    }
  });

  /** Runs the loop over `journal` until its first read is done; every `merging` it said, in order. */
  async function progressSaid(journal: JournalEntry[], perAnswer: number) {
    const db = freshDb();
    dbs.push(db);
    const { api } = host(journal, perAnswer);
    const seen: TeamSyncState['merging'][] = [];
    let state: TeamSyncState | null = null;
    const sync = startTeamSync({
      db,
      api,
      annotator: () => 'Budi',
      documents: () => [DOCUMENT],
      onState: (s) => {
        state = s;
        if (s.merging !== seen.at(-1)) seen.push(s.merging);
      },
      onError: () => {},
    });
    try {
      await expect.poll(() => state?.lastReadAt ?? null).not.toBeNull();
      return { seen, last: state!.merging, stored: await countAnnotations(db) };
    } finally {
      sync.stop();
    }
  }

  it('says how many of the lines it has merged while a read takes more than one answer, and nothing after', async () => {
    const journal = [1, 2, 3, 4, 5].map((n) => putEntry('annotation', annotation(n), hlc(n)));
    const { seen, last, stored } = await progressSaid(journal, 2);
    expect(stored).toBe(5);
    expect(seen.filter((m) => m !== null)).toEqual([
      { done: 0, total: 5 },
      { done: 2, total: 5 },
      { done: 4, total: 5 },
    ]);
    expect(last).toBeNull();
  });

  it('reads a small change without any progress said', async () => {
    const { seen, stored } = await progressSaid([putEntry('annotation', annotation(1), hlc(1))], 10);
    expect(stored).toBe(1);
    expect(seen.every((m) => m === null)).toBe(true);
  });

  it('waits for the corpus before reading lines it would check', async () => {
    const db = freshDb();
    dbs.push(db);
    const { api } = host([putEntry('annotation', annotation(1), hlc(1))]);
    let documents: DocumentMeta[] | null = null;
    let state: TeamSyncState | null = null;
    const sync = startTeamSync({
      db,
      api,
      annotator: () => 'Budi',
      documents: () => documents,
      onState: (s) => (state = s),
      onError: () => {},
    });
    try {
      await expect.poll(() => state?.project ?? false).toBe(true);
      expect(state!.lastReadAt).toBeNull();
      documents = [DOCUMENT];
      await sync.refresh();
      expect(await countAnnotations(db)).toBe(1);
    } finally {
      sync.stop();
    }
  });
});
