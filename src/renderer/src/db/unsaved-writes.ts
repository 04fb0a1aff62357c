import Dexie from 'dexie';
import { z } from 'zod';
import {
  AnnotationExistsError,
  AnnotationNotFoundError,
  createAnnotation,
  type NewAnnotation,
} from './annotation-repo';
import { applyChange, HistoryConflictError } from './history-apply';
import type { TandaDB } from './tanda-db';
import type { HistoryEntry } from './undo-history';

/*
 * An analyst's tag or undo is drawn before it is written: the write waits
 * for the paint, and behind any transaction under way (a team merge holds
 * the annotations table a fifth of a second at a time). A reload meanwhile
 * ended the page before the write began, and the work shown was lost. So
 * the write is noted first in sessionStorage, which is written at once,
 * outlives a reload of the tab and is no other tab's, and the note goes
 * once the write has committed; at the next start, notes left over are
 * written. Each write checks what is stored (the id not taken, the record
 * still as the step found it), so one that did commit before the page went
 * is not written twice: its note is dropped.
 */

export type UnsavedWrite =
  | { kind: 'create'; input: NewAnnotation & { id: string } }
  | { kind: 'step'; entry: HistoryEntry; annotator: string };

const PREFIX = 'tanda.unsaved.';

const isRecord = (v: unknown): boolean => typeof v === 'object' && v !== null;

/**
 * A note is ours, but sessionStorage is open to anything on the origin: only one of this shape is acted
 * on. What it carries is checked where it is written (`createAnnotation`, `applyChange`), as at the tag.
 */
const noteSchema = z.object({
  database: z.string(),
  seq: z.number(),
  write: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('create'), input: z.custom<NewAnnotation & { id: string }>(isRecord) }),
    z.object({ kind: z.literal('step'), entry: z.custom<HistoryEntry>(isRecord), annotator: z.string() }),
  ]),
  /** Starts that tried this write and could not reach the database. */
  tries: z.number().int().nonnegative().optional(),
});

type Note = z.infer<typeof noteSchema>;

/** Starts that may try a write the database refused to take before its note is given up. */
const MAX_TRIES = 3;

let seq = 0;

function store(storage: Storage | undefined): Storage | undefined {
  if (storage) return storage;
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage refused (a sandboxed page): the write is as safe as before
  }
}

/** Notes `write` before it is started; returns what `forgetUnsaved` takes once it is done (or refused). */
export function rememberUnsaved(db: TandaDB, write: UnsavedWrite, storage?: Storage): string | null {
  const s = store(storage);
  if (!s) return null;
  const key = `${PREFIX}${crypto.randomUUID()}`;
  const note: Note = { database: db.name, seq: Date.now() * 1000 + (seq++ % 1000), write };
  try {
    s.setItem(key, JSON.stringify(note));
    return key;
  } catch {
    return null; // full: the write goes ahead unnoted
  }
}

export function forgetUnsaved(key: string | null, storage?: Storage): void {
  if (key !== null) store(storage)?.removeItem(key);
}

/** Errors that say the write was done already (or overtaken since): its note is dropped. */
function doneAlready(error: unknown): boolean {
  return (
    error instanceof AnnotationExistsError ||
    error instanceof AnnotationNotFoundError ||
    error instanceof HistoryConflictError
  );
}

/**
 * Writes what a page of this tab drew but did not get to write, in the order
 * it was drawn; returns how many were written. A write refused as invalid (or
 * a note not of our shape) is dropped, as the page would have dropped it.
 */
export async function replayUnsaved(db: TandaDB, storage?: Storage): Promise<number> {
  const s = store(storage);
  if (!s) return 0;
  const notes: { key: string; note: Note }[] = [];
  // The keys first: removing one while walking by index would skip the next.
  const keys = Array.from({ length: s.length }, (_, i) => s.key(i)).filter(
    (k): k is string => k?.startsWith(PREFIX) === true,
  );
  for (const key of keys) {
    let raw: unknown;
    try {
      raw = JSON.parse(s.getItem(key) ?? 'null');
    } catch {
      raw = null;
    }
    const parsed = noteSchema.safeParse(raw);
    if (!parsed.success) s.removeItem(key);
    else if (parsed.data.database === db.name) notes.push({ key, note: parsed.data });
  }
  notes.sort((a, b) => a.note.seq - b.note.seq);
  let written = 0;
  for (const { key, note } of notes) {
    try {
      const { write } = note;
      if (write.kind === 'create') await createAnnotation(db, write.input);
      else await applyChange(db, write.entry, { annotator: write.annotator });
      written += 1;
    } catch (error) {
      // Kept for the next start when the database itself failed (it may open then), a few times.
      const tries = (note.tries ?? 0) + 1;
      if (!doneAlready(error) && error instanceof Dexie.DexieError && tries < MAX_TRIES) {
        s.setItem(key, JSON.stringify({ ...note, tries }));
        continue;
      }
    }
    s.removeItem(key);
  }
  return written;
}
