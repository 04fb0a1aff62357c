import type { DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction, Middleware, DBCore } from 'dexie';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { tallyByDocument, type DocumentTally } from '../../../shared/annotation/document-tally';
import { byPosition } from './annotation-repo';
import { ANNOTATION_TABLES } from './annotation-store';
import type { ColleagueAnnotationRow, TandaDB } from './tanda-db';

/** What a committed transaction did to the annotations table and the packed rows, in order. */
type Op =
  { put: Annotation } | { delete: string } | { putRow: ColleagueAnnotationRow } | { deleteRow: string };

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
  private readonly listeners = new Set<() => void>();
  /** Commits seen while the table was being read: applied again after, in order (puts and deletes repeat safely). */
  private replay: Op[][] | null = null;
  private loading: Promise<void> | null = null;
  private stale = false;
  private readonly channel: InstanceType<typeof BroadcastChannel> | null;
  private readonly tracked = new WeakSet<object>();
  /** Set when a read failed, so consumers can say so rather than wait forever. */
  error: unknown = null;

  constructor(private readonly db: TandaDB) {
    db.use(this.middleware());
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName(db.name)) : null;
    if (this.channel) this.channel.onmessage = () => this.reload();
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
    if (!this.rows) return undefined;
    return this.cached(`d:${documentPath}`, () =>
      [...(this.byDocument.get(documentPath)?.values() ?? [])].sort(byPosition),
    );
  }

  /** Every annotation by one annotator, by id (as the `annotator` index gives them); undefined until read. */
  forAnnotator(annotator: string): Annotation[] | undefined {
    if (!this.rows) return undefined;
    return this.cached(`a:${annotator}`, () =>
      [...(this.byAnnotator.get(annotator)?.values() ?? [])].sort(byId),
    );
  }

  /**
   * One annotator's annotations counted per document and tag (the document
   * list's counts), counted again only when that annotator's rows change;
   * undefined until read. The bench times this same call.
   */
  annotatorTallies(annotator: string): Map<string, DocumentTally> | undefined {
    const mine = this.forAnnotator(annotator);
    return mine && this.derived('a', annotator, 'tally', () => tallyByDocument(mine));
  }

  /** A value derived from one key's rows, computed again only when they change. */
  derived<T>(key: 'd' | 'a', name: string, tag: string, compute: () => T): T {
    return this.cached(`${key}:${name}`, compute, tag);
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

  private reload(): void {
    if (this.loading) {
      this.stale = true;
      return;
    }
    this.replay = [];
    this.loading = (async () => {
      try {
        do {
          this.stale = false;
          this.replay = [];
          const [own, rows] = await this.db.transaction('r', [...ANNOTATION_TABLES], () =>
            Promise.all([this.db.annotations.toArray(), this.db.colleagueAnnotations.toArray()]),
          );
          this.rebuild(own, rows);
          for (const ops of this.replay) this.apply(ops);
        } while (this.stale);
        this.error = null;
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
    // Every cached list is stale now.
    for (const key of this.cache.keys()) {
      const base = key.split('\u0000')[0]!;
      this.versions.set(base, (this.versions.get(base) ?? 0) + 1);
    }
  }

  private insert(a: Annotation, source: string, touch = true): void {
    this.rows!.set(a.id, a);
    this.source.set(a.id, source);
    group(this.byDocument, a.documentPath).set(a.id, a);
    group(this.byAnnotator, a.annotator).set(a.id, a);
    if (touch) this.touch(a);
  }

  private remove(id: string, touch = true): void {
    const old = this.rows!.get(id);
    if (!old) return;
    this.rows!.delete(id);
    this.source.delete(id);
    this.byDocument.get(old.documentPath)?.delete(id);
    this.byAnnotator.get(old.annotator)?.delete(id);
    if (touch) this.touch(old);
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

  private touch(a: Annotation): void {
    for (const key of [`d:${a.documentPath}`, `a:${a.annotator}`])
      this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
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

  /** A transaction of this window committed these changes. */
  private committed(ops: Op[] | null): void {
    this.channel?.postMessage('changed');
    if (ops === null) {
      this.reload(); // a range delete or a write without its records: read it all
      return;
    }
    if (this.replay) this.replay.push(ops);
    if (!this.rows) return;
    this.apply(ops);
    this.notify();
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
          if (ops !== undefined) this.committed(ops);
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
          this.committed(null);
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

function group(map: Map<string, Map<string, Annotation>>, key: string): Map<string, Annotation> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function byId(a: Annotation, b: Annotation): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
