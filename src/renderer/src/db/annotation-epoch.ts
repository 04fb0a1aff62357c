import type { DBCore, DBCoreTransaction, Middleware } from 'dexie';
import type { DocumentTally } from '../../../shared/annotation/document-tally';
import { ANNOTATION_TABLES } from './annotation-store';

/*
 * Which state of the annotations a saved copy of something derived from them
 * belongs to. Every transaction that writes annotations (in any window, any
 * connection) also writes a new random epoch to `tallyCache`, in the same
 * transaction, so a copy saved with the epoch it was derived at is current
 * exactly while the stored epoch is still that one. The document list's
 * counts are such a copy (`annotation-mirror.ts`): reading 100,000
 * annotations takes Chromium about a second, the copy a few milliseconds.
 */

/** The table of the epoch and the copies keyed by it. */
export const TALLY_CACHE = 'tallyCache';

/** The row that holds the annotations' current epoch. */
export const EPOCH_KEY = 'epoch';

/** The row that holds the document list's counts of every annotator, as of `epoch`. */
export const TALLIES_KEY = 'tallies';

export type TallyCacheRow =
  | { key: typeof EPOCH_KEY; epoch: string }
  | {
      key: typeof TALLIES_KEY;
      /** The epoch the counts were taken at; null when no write had stamped one yet. */
      epoch: string | null;
      /** Annotator → document path → counts. */
      tallies: ReadonlyMap<string, ReadonlyMap<string, DocumentTally>>;
    };

/**
 * A transaction's epoch once it wrote annotations: a string it stamped, or
 * null when it could not stamp one (an upgrade from before the table
 * existed), so nothing derived after it may be saved as current.
 */
const epochs = new WeakMap<object, string | null>();

/** The epoch a transaction stamped; undefined when it wrote no annotations. */
export function transactionEpoch(trans: object): string | null | undefined {
  return epochs.get(trans);
}

function writesAnnotations(stores: readonly string[]): boolean {
  return stores.some((s) => (ANNOTATION_TABLES as readonly string[]).includes(s));
}

/** Whether the IndexedDB transaction under Dexie's has the table (an upgrade's may predate it). */
function hasCache(trans: DBCoreTransaction): boolean {
  const names = (trans as unknown as { objectStoreNames?: { contains(name: string): boolean } })
    .objectStoreNames;
  return names === undefined || names.contains(TALLY_CACHE);
}

/** The DBCore middleware that widens annotation writes to the cache table and stamps each with an epoch. */
export function annotationEpochs(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'annotation-epoch',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(
          mode === 'readwrite' && writesAnnotations(stores) && !stores.includes(TALLY_CACHE)
            ? [...stores, TALLY_CACHE]
            : stores,
          mode,
          options,
        ),
      table: (name) => {
        const table = down.table(name);
        if (!(ANNOTATION_TABLES as readonly string[]).includes(name)) return table;
        const stamp = (trans: DBCoreTransaction): Promise<unknown> | null => {
          if (epochs.has(trans)) return null;
          if (!hasCache(trans)) {
            epochs.set(trans, null);
            return null;
          }
          const epoch = crypto.randomUUID();
          epochs.set(trans, epoch);
          const row: TallyCacheRow = { key: EPOCH_KEY, epoch };
          return down.table(TALLY_CACHE).mutate({ type: 'put', trans, values: [row] });
        };
        return {
          ...table,
          // Stamped with the write's first request, so a transaction that wrote commits its epoch
          // with it, or neither (a failed stamp fails the write).
          mutate: async (req) => {
            const stamped = stamp(req.trans);
            if (!stamped) return table.mutate(req);
            const [res] = await Promise.all([table.mutate(req), stamped]);
            return res;
          },
        };
      },
    }),
  };
}
