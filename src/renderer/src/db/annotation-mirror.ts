import type {
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTransaction,
  Middleware,
  DBCore,
  Table,
} from 'dexie';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { tallyByDocument, type DocumentTally } from '../../../shared/annotation/document-tally';
import { patchSorted } from '../../../shared/annotation/sorted-patch';
import {
  EPOCH_KEY,
  TALLIES_KEY,
  TALLY_CACHE,
  transactionEpoch,
  type TallyCacheRow,
} from './annotation-epoch';
import { annotationsForDocument, byPosition } from './annotation-repo';
import { ANNOTATION_TABLES } from './annotation-store';
import type { ColleagueAnnotationRow, TandaDB } from './tanda-db';

/** What a committed transaction did to the annotations table and the packed rows, in order. */
type Op =
  { put: Annotation } | { delete: string } | { putRow: ColleagueAnnotationRow } | { deleteRow: string };

/** One committed transaction's changes and the epoch it stamped (undefined: none known). */
interface Commit {
  ops: Op[];
  epoch: string | undefined;
}

/** How long after the last change the document list's counts are saved for the next launch. */
export const SAVE_TALLIES_AFTER_MS = 2000;

/** `requestIdleCallback` and its cancel, where there are (the page; not Node, where the bench and tests run this too). */
interface IdleScheduling {
  requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
}

/** An annotator without annotations in the saved counts (one value, so React sees no change). */
const NO_TALLIES: ReadonlyMap<string, DocumentTally> = new Map();

/** Where the mirror took an annotation from: the table (OWN_ROW), or the key of its packed row. */
const OWN_ROW = '';

/**
 * The part of an IDBTransaction the mirror listens to (named here so the
 * bench, typed for Node without the DOM library, can run this module too).
 */
interface CommitEvents {
  addEventListener(type: 'complete' | 'abort', listener: () => void): void;
}

/** The channel windows of one database tell each other that annotations changed. */
const channelName = (dbName: string): string => `tanda-annotations:${dbName}`;

/**
 * The annotations table, held in memory and kept current from the writes
 * themselves. With ten thousand annotations on a document, live queries
 * re-read every row after every write (and a write then waited seconds
 * behind those reads: a readwrite transaction starts only once the readonly
 * ones opened before it are done). Here a write's own records are applied
 * when its transaction commits, so one tag costs one put, not three reads
 * of ten thousand rows.
 *
 * Writes made in this window pass through a DBCore middleware; those of
 * another window (another tab in browser mode) arrive as a message, and the
 * table is read again whole: the message cannot carry what was written.
 *
 * Reading the table takes Chromium about a second at 100,000 annotations,
 * so the document list's counts are also saved, a little after each change,
 * with the epoch of the state they count (`annotation-epoch.ts`). A launch
 * reads them first and shows them, if the stored epoch is still theirs,
 * until the table has been read.
 */
export class AnnotationMirror {
  private rows: Map<string, Annotation> | null = null;
  private byDocument = new Map<string, Map<string, Annotation>>();
  private byAnnotator = new Map<string, Map<string, Annotation>>();
  /** Where each annotation is stored (see `annotation-store.ts`): a row of the table wins over a packed copy. */
  private source = new Map<string, string>();
  /** The ids each packed row holds, so its deletion says which annotations went with it. */
  private rowIds = new Map<string, string[]>();
  /** Bumped for a document or annotator whenever one of its rows changes; keys the cached lists. */
  private readonly versions = new Map<string, number>();
  private readonly cache = new Map<string, { version: number; value: unknown }>();
  /** The sorted lists given out, by key (`d:` document, `a:` annotator), with the version each is of. */
  private readonly lists = new Map<string, { version: number; value: Annotation[] }>();
  /**
   * The rows of a listed key changed since its list was made (id → the row now, null: gone), to
   * patch the list with; null once too many changed for a patch to be cheaper than a sort.
   */
  private readonly changed = new Map<string, Map<string, Annotation | null> | null>();
  private readonly listeners = new Set<() => void>();
  /** Commits seen while the table was being read: applied again after, in order (puts and deletes repeat safely). */
  private replay: Commit[] | null = null;
  /**
   * The epoch of the state held: a string, null when no write has stamped one yet, undefined when
   * unknown (a commit without one, a read under way): then nothing is saved.
   */
  private epoch: string | null | undefined = undefined;
  /** The epoch of the counts last saved or found current; saving again is needed only after it. */
  private savedEpoch: string | null | undefined = undefined;
  /** The counts saved at an earlier launch and still current: shown until the table is read. */
  private saved: ReadonlyMap<string, ReadonlyMap<string, DocumentTally>> | null = null;
  private savedRead: Promise<void> | null = null;
  /**
   * Documents read on their own while the table is being read (a launch's open document: its
   * highlights need not wait a second for every annotation), kept current by this window's writes.
   */
  private early = new Map<string, Annotation[]>();
  /** Documents whose own read has been asked for (once each, until the table is read). */
  private readonly earlyAsked = new Set<string>();
  /** Changes heard of before the table was read: an own read that overlapped one is not kept. */
  private changesBeforeRead = 0;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** A save waiting for the page to be idle (requestIdleCallback's handle). */
  private saveIdle: number | null = null;
  private loading: Promise<void> | null = null;
  private stale = false;
  private readonly channel: InstanceType<typeof BroadcastChannel> | null;
  private readonly tracked = new WeakSet<object>();
  /** Set when a read failed, so consumers can say so rather than wait forever. */
  error: unknown = null;

  constructor(
    private readonly db: TandaDB,
    private readonly options: { saveTalliesAfterMs?: number } = {},
  ) {
    db.use(this.middleware());
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName(db.name)) : null;
    if (this.channel) this.channel.onmessage = () => this.changedElsewhere();
  }

  /** Calls `listener` after every change; loads the table on first use. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.rows && !this.loading) this.reload();
    return () => this.listeners.delete(listener);
  };

  /** Resolves once the table has been read (again, when a read is under way). */
  async ready(): Promise<void> {
    if (!this.rows && !this.loading) this.reload();
    while (this.loading) await this.loading;
  }

  /** Whether the table has been read. */
  loaded(): boolean {
    return this.rows !== null;
  }

  /** Every annotator's annotations on one document, by start then end; undefined until read. */
  forDocument(documentPath: string): Annotation[] | undefined {
    if (!this.rows) return this.earlyFor(documentPath);
    return this.sortedList(`d:${documentPath}`, this.byDocument.get(documentPath), byPosition);
  }

  /** Every annotation by one annotator, by id (as the `annotator` index gives them); undefined until read. */
  forAnnotator(annotator: string): Annotation[] | undefined {
    if (!this.rows) return undefined;
    return this.sortedList(`a:${annotator}`, this.byAnnotator.get(annotator), byId);
  }

  /**
   * One annotator's annotations counted per document and tag (the document
   * list's counts), counted again only when that annotator's rows change;
   * undefined until read. The bench times this same call.
   */
  annotatorTallies(annotator: string): ReadonlyMap<string, DocumentTally> | undefined {
    if (this.rows) {
      // Counted in any order: a colleague's rows need no sorted list for the save to count them.
      const mine = this.byAnnotator.get(annotator);
      return this.derived('a', annotator, 'tally', () => tallyByDocument([...(mine?.values() ?? [])]));
    }
    return this.saved ? (this.saved.get(annotator) ?? NO_TALLIES) : undefined;
  }

  /** Whether the document list's counts can be shown: the table read, or current counts saved at a launch before. */
  talliesKnown(): boolean {
    return this.rows !== null || this.saved !== null;
  }

  /**
   * Saves every annotator's counts with the epoch they were taken at, unless those are saved
   * already; false when nothing was saved (the table not read, or its epoch unknown).
   */
  async saveTallies(): Promise<boolean> {
    const epoch = this.epoch;
    if (!this.rows || epoch === undefined || epoch === this.savedEpoch || !this.db.isOpen()) return false;
    const tallies = new Map<string, ReadonlyMap<string, DocumentTally>>();
    // Through the cache the document list reads too: an annotator's counts are taken again only
    // when their rows changed, not for every save.
    for (const [annotator, group] of this.byAnnotator)
      if (group.size > 0) tallies.set(annotator, this.annotatorTallies(annotator)!);
    const row: TallyCacheRow = { key: TALLIES_KEY, epoch, tallies };
    await this.db.tallyCache.put(row);
    this.savedEpoch = epoch;
    return true;
  }

  private scheduleSave(): void {
    const scheduling = globalThis as IdleScheduling;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    // A change since the wait for idle began: wait the whole time again, or the save may run in
    // the frame of the key that follows this change (a Tab right after a Delete, measured).
    if (this.saveIdle !== null) scheduling.cancelIdleCallback?.(this.saveIdle);
    this.saveIdle = null;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      // A copy for the next launch: failing to save it costs that launch a second, nothing more.
      const save = (): void => {
        this.saveIdle = null;
        void this.saveTallies().catch(() => {});
      };
      // Counting and cloning every annotator's counts takes a few milliseconds: not in a key's frame.
      if (scheduling.requestIdleCallback)
        this.saveIdle = scheduling.requestIdleCallback(save, { timeout: SAVE_TALLIES_AFTER_MS });
      else save();
    }, this.options.saveTalliesAfterMs ?? SAVE_TALLIES_AFTER_MS);
  }

  /** The counts saved at the last launch, kept if the stored epoch is still theirs. */
  private async readSaved(): Promise<void> {
    try {
      const [epochRow, talliesRow] = await this.db.transaction('r', TALLY_CACHE, () =>
        Promise.all([this.db.tallyCache.get(EPOCH_KEY), this.db.tallyCache.get(TALLIES_KEY)]),
      );
      if (this.rows || talliesRow?.key !== TALLIES_KEY || !(talliesRow.tallies instanceof Map)) return;
      if (talliesRow.epoch !== storedEpoch(epochRow)) return;
      this.saved = talliesRow.tallies;
      this.savedEpoch = talliesRow.epoch;
      this.notify();
    } catch {
      // Only a head start: the table's read follows, and says what failed.
    }
  }

  /** One document's annotations before the table is read: asks for them the first time. */
  private earlyFor(documentPath: string): Annotation[] | undefined {
    const known = this.early.get(documentPath);
    if (known || this.earlyAsked.has(documentPath)) return known;
    this.earlyAsked.add(documentPath);
    const changes = this.changesBeforeRead;
    void this.db
      .transaction('r', [...ANNOTATION_TABLES], () => annotationsForDocument(this.db, documentPath))
      .then(
        (rows) => {
          // Too late (the table is in), or a change may have landed after this read: the table decides.
          if (this.rows || changes !== this.changesBeforeRead) return;
          this.early.set(documentPath, rows);
          this.notify();
        },
        () => {}, // only a head start: the table's read follows, and says what failed
      );
    return undefined;
  }

  /** A commit before the table is read, on the documents read on their own. */
  private applyEarly(ops: readonly Op[]): void {
    this.changesBeforeRead++;
    if (this.early.size === 0) return;
    // A packed row's records may lose to rows of the table this copy does not know of: wait for it.
    if (ops.some((op) => 'putRow' in op || 'deleteRow' in op)) {
      this.early = new Map();
      return;
    }
    const changed = new Set<string>();
    const lists = new Map([...this.early].map(([path, list]) => [path, new Map(list.map((a) => [a.id, a]))]));
    for (const op of ops) {
      const id = 'put' in op ? op.put.id : (op as { delete: string }).delete;
      for (const [path, list] of lists) if (list.delete(id)) changed.add(path);
      if ('put' in op) {
        const list = lists.get(op.put.documentPath);
        if (list) {
          list.set(op.put.id, op.put);
          changed.add(op.put.documentPath);
        }
      }
    }
    for (const path of changed) this.early.set(path, [...lists.get(path)!.values()].sort(byPosition));
  }

  /** A value derived from one key's rows, computed again only when they change. */
  derived<T>(key: 'd' | 'a', name: string, tag: string, compute: () => T): T {
    return this.cached(`${key}:${name}`, compute, tag);
  }

  /** A key's rows sorted, patched with its changed rows when they are few (`sorted-patch.ts`). */
  private sortedList(
    key: string,
    rows: ReadonlyMap<string, Annotation> | undefined,
    compare: (a: Annotation, b: Annotation) => number,
  ): Annotation[] {
    const version = this.versions.get(key) ?? 0;
    const hit = this.lists.get(key);
    if (hit && hit.version === version) return hit.value;
    // A list is dropped when the table is read again, so one held has all its changes since in `changed`.
    const changed = this.changed.get(key);
    this.changed.delete(key);
    const value =
      hit && changed ? patchSorted(hit.value, changed, compare) : [...(rows?.values() ?? [])].sort(compare);
    this.lists.set(key, { version, value });
    return value;
  }

  private cached<T>(key: string, compute: () => T, tag = ''): T {
    const version = this.versions.get(key) ?? 0;
    const hit = this.cache.get(key + '\u0000' + tag);
    if (hit && hit.version === version) return hit.value as T;
    const value = compute();
    this.cache.set(key + '\u0000' + tag, { version, value });
    return value;
  }

  // ------------------------------------------------------------ keeping current

  /** A change this window cannot apply (another window's, a range delete): the table is read again. */
  private changedElsewhere(): void {
    if (!this.rows) {
      // What was read on its own may be missing it.
      this.changesBeforeRead++;
      this.early = new Map();
    }
    this.reload();
  }

  private reload(): void {
    if (this.loading) {
      this.stale = true;
      return;
    }
    this.replay = [];
    // First, in a transaction of its own: the counts saved before. The table is asked for once they
    // are in (a round trip later): asked together, Chromium answered the table first, a second on.
    if (!this.rows && !this.savedRead) this.savedRead = this.readSaved();
    const first = this.savedRead;
    this.loading = (async () => {
      try {
        await first;
        do {
          this.stale = false;
          this.replay = [];
          this.epoch = undefined;
          const [own, rows, epochRow] = await this.db.transaction(
            'r',
            [...ANNOTATION_TABLES, TALLY_CACHE],
            () =>
              Promise.all([
                inParts(this.db.annotations, READ_PART_ROWS),
                inParts(this.db.colleagueAnnotations, READ_PART_PACKED_ROWS),
                this.db.tallyCache.get(EPOCH_KEY),
              ]),
          );
          this.rebuild(own, rows);
          this.epoch = storedEpoch(epochRow);
          // This window's commits come in commit order, so the last one's epoch is the state's:
          // whether the read already had it or not.
          for (const commit of this.replay) {
            this.apply(commit.ops);
            this.epoch = commit.epoch;
          }
        } while (this.stale);
        this.error = null;
        this.scheduleSave();
      } catch (error) {
        this.error = error;
      } finally {
        this.replay = null;
        this.loading = null;
        this.notify();
      }
    })();
  }

  private rebuild(own: readonly Annotation[], rows: readonly ColleagueAnnotationRow[]): void {
    this.rows = new Map();
    this.saved = null;
    this.early = new Map();
    this.earlyAsked.clear();
    this.byDocument = new Map();
    this.byAnnotator = new Map();
    this.source = new Map();
    this.rowIds = new Map();
    // No per-row version bumps (two key strings and two map writes for each of 100,000 rows at
    // start-up): only cached values can be stale, and each of their keys is bumped once below.
    for (const row of rows) this.putRow(row, false);
    for (const a of own) {
      this.remove(a.id, false);
      this.insert(a, OWN_ROW, false);
    }
    // Every derived value is stale now, and every list is made again whole.
    for (const key of this.cache.keys()) {
      const base = key.split('\u0000')[0]!;
      this.versions.set(base, (this.versions.get(base) ?? 0) + 1);
    }
    this.lists.clear();
    this.changed.clear();
  }

  private insert(a: Annotation, source: string, touch = true): void {
    this.rows!.set(a.id, a);
    this.source.set(a.id, source);
    group(this.byDocument, a.documentPath).set(a.id, a);
    group(this.byAnnotator, a.annotator).set(a.id, a);
    if (touch) this.touch(a, a);
  }

  private remove(id: string, touch = true): void {
    const old = this.rows!.get(id);
    if (!old) return;
    this.rows!.delete(id);
    this.source.delete(id);
    this.byDocument.get(old.documentPath)?.delete(id);
    this.byAnnotator.get(old.annotator)?.delete(id);
    if (touch) this.touch(old, null);
  }

  private putRow(row: ColleagueAnnotationRow, touch = true): void {
    this.rowIds.set(
      row.id,
      row.records.map((a) => a.id),
    );
    for (const a of row.records) {
      if (this.source.get(a.id) === OWN_ROW) continue;
      this.remove(a.id, touch);
      this.insert(a, row.id, touch);
    }
  }

  private deleteRow(key: string): void {
    for (const id of this.rowIds.get(key) ?? []) if (this.source.get(id) === key) this.remove(id);
    this.rowIds.delete(key);
  }

  /** `a`'s document and annotator changed: `now` is the row as it is now (null: gone from them). */
  private touch(a: Annotation, now: Annotation | null): void {
    for (const key of [`d:${a.documentPath}`, `a:${a.annotator}`]) {
      this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
      if (!this.lists.has(key)) continue; // no list of it to patch
      let changed = this.changed.get(key);
      if (changed === undefined) this.changed.set(key, (changed = new Map()));
      if (changed === null) continue;
      changed.set(a.id, now);
      if (changed.size > PATCH_ROWS) this.changed.set(key, null);
    }
  }

  private apply(ops: readonly Op[]): void {
    if (!this.rows) return;
    for (const op of ops) {
      if ('put' in op) {
        this.remove(op.put.id);
        this.insert(op.put, OWN_ROW);
      } else if ('delete' in op) {
        if (this.source.get(op.delete) === OWN_ROW) this.remove(op.delete);
      } else if ('putRow' in op) this.putRow(op.putRow);
      else this.deleteRow(op.deleteRow);
    }
  }

  /** A transaction of this window committed these changes, stamped with this epoch. */
  private committed(ops: Op[] | null, epoch: string | undefined): void {
    this.channel?.postMessage('changed');
    if (ops === null) {
      this.changedElsewhere(); // a range delete or a write without its records: read it all
      return;
    }
    if (this.replay) this.replay.push({ ops, epoch });
    if (!this.rows) {
      this.applyEarly(ops);
      this.notify();
      return;
    }
    this.apply(ops);
    this.epoch = epoch;
    this.notify();
    this.scheduleSave();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private middleware(): Middleware<DBCore> {
    const pendingOps = new WeakMap<object, Op[] | null>();
    const track = (trans: DBCoreTransaction): Op[] | null | undefined => {
      const idb = trans as unknown as Partial<CommitEvents>;
      if (!this.tracked.has(trans)) {
        this.tracked.add(trans);
        if (typeof idb.addEventListener !== 'function') {
          // No commit to wait for: read everything after this write.
          pendingOps.set(trans, null);
          return null;
        }
        pendingOps.set(trans, []);
        idb.addEventListener('complete', () => {
          const ops = pendingOps.get(trans);
          pendingOps.delete(trans);
          if (ops !== undefined) this.committed(ops, transactionEpoch(trans) ?? undefined);
        });
        idb.addEventListener('abort', () => pendingOps.delete(trans));
      }
      return pendingOps.get(trans);
    };
    const record = (
      trans: DBCoreTransaction,
      req: DBCoreMutateRequest,
      res: DBCoreMutateResponse,
      packed: boolean,
    ): void => {
      const ops = track(trans);
      if (ops === undefined) return;
      if (ops === null) {
        if (typeof (trans as unknown as Partial<CommitEvents>).addEventListener !== 'function')
          this.committed(null, undefined);
        return;
      }
      const failed = (i: number): boolean => !!res.failures[i];
      if (req.type === 'add' || req.type === 'put') {
        if (req.values.length === 0 || ('updates' in req && req.updates)) {
          pendingOps.set(trans, null); // records not given: read everything once it commits
          return;
        }
        if (packed)
          req.values.forEach((v: ColleagueAnnotationRow, i) => failed(i) || ops.push({ putRow: v }));
        else req.values.forEach((v: Annotation, i) => failed(i) || ops.push({ put: v }));
      } else if (req.type === 'delete') {
        if (packed) req.keys.forEach((k: string, i) => failed(i) || ops.push({ deleteRow: k }));
        else req.keys.forEach((k: string, i) => failed(i) || ops.push({ delete: k }));
      } else {
        pendingOps.set(trans, null);
      }
    };
    return {
      stack: 'dbcore',
      name: 'annotation-mirror',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (!(ANNOTATION_TABLES as readonly string[]).includes(name)) return table;
          return {
            ...table,
            mutate: async (req) => {
              // Registered before the write, so the commit is seen even when nothing awaits the result.
              track(req.trans);
              const res = await table.mutate(req);
              record(req.trans, req, res, name === 'colleagueAnnotations');
              return res;
            },
          };
        },
      }),
    };
  }
}

/** Changed rows up to which a sorted list is patched; beyond, sorted again (a splice each costs a copy). */
const PATCH_ROWS = 64;

/**
 * Rows per request of the table's read. In parts, the read of one document (a launch's open one)
 * is answered between two of them, not after all 100,000 rows are read and cloned (a second);
 * whole or in parts, the read takes as long.
 */
const READ_PART_ROWS = 10_000;
/** Packed rows (a thousand annotations each) per request. */
const READ_PART_PACKED_ROWS = 10;

/** Every row of a table keyed by `id`, in key order, `rows` at a time (inside the caller's transaction). */
async function inParts<T extends { id: string }>(table: Table<T, string>, rows: number): Promise<T[]> {
  const all: T[] = [];
  for (let part = await table.orderBy(':id').limit(rows).toArray(); ;) {
    for (const row of part) all.push(row);
    if (part.length < rows) return all;
    part = await table
      .where(':id')
      .above(part[part.length - 1]!.id)
      .limit(rows)
      .toArray();
  }
}

/** The epoch a stored row says (null: no write has stamped one yet). */
function storedEpoch(row: TallyCacheRow | undefined): string | null {
  return row?.key === EPOCH_KEY && typeof row.epoch === 'string' ? row.epoch : null;
}

function group(map: Map<string, Map<string, Annotation>>, key: string): Map<string, Annotation> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function byId(a: Annotation, b: Annotation): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
