import { AnnotationSchema, type Annotation } from '../../../shared/annotation/annotation-types';
import { dottedPath } from '../../../shared/validation/zod-issues';
import {
  addStored,
  ANNOTATION_TABLES,
  countStored,
  deleteStored,
  everyStoredAnnotation,
  putStored,
  storedAnnotation,
  storedAnnotations,
  storedAnnotators,
  storedForDocumentBy,
  storedWhere,
} from './annotation-store';
import type { TandaDB } from './tanda-db';
import type { AnnotationChange } from './undo-history';

/*
 * The only code that writes annotations. Every exported write is ONE
 * `db.transaction('rw', …)`: its promise resolves after IndexedDB committed,
 * so the UI shows a change as saved only once the returned promise resolves,
 * and a failure (invalid record, quota full, …) leaves the database exactly
 * as it was.
 */

// ---------------------------------------------------------------- errors

/** A record does not satisfy AnnotationSchema; `fields` names the culprits. */
export class AnnotationValidationError extends Error {
  override readonly name = 'AnnotationValidationError';
  constructor(
    message: string,
    readonly fields: readonly string[],
  ) {
    super(message);
  }
}

export class AnnotationNotFoundError extends Error {
  override readonly name = 'AnnotationNotFoundError';
  constructor(readonly id: string) {
    super(`Annotation ${id} does not exist (it may have been deleted).`);
  }
}

export class AnnotationExistsError extends Error {
  override readonly name = 'AnnotationExistsError';
  constructor(readonly id: string) {
    super(`Annotation ${id} already exists.`);
  }
}

/** Only the current annotator's annotations are editable. */
/**
 * A note saved over one that changed since the edit began (another tab, the
 * same analyst): refused, so the later write never silently erases the other.
 */
export class NoteConflictError extends Error {
  override readonly name = 'NoteConflictError';
  constructor(
    readonly id: string,
    readonly stored: string,
    readonly yours: string,
  ) {
    super(
      `another tab saved a different note for this annotation while you were editing it, so yours was not saved. ` +
        `The saved note is ${JSON.stringify(stored)}; yours is still in the field (leave it again to save yours over it)`,
    );
  }
}

export class NotYourAnnotationError extends Error {
  override readonly name = 'NotYourAnnotationError';
  constructor(
    readonly id: string,
    readonly owner: string,
    readonly annotator: string,
  ) {
    super(
      `Annotation ${id} belongs to annotator "${owner}" and is read-only; ` +
        `only annotations by the current annotator "${annotator}" can be changed.`,
    );
  }
}

// ---------------------------------------------------------------- types

/** What `createAnnotation` needs; id and timestamps are filled in when absent. */
export type NewAnnotation = Omit<Annotation, 'id' | 'createdAt' | 'updatedAt'> &
  Partial<Pick<Annotation, 'id' | 'createdAt' | 'updatedAt'>>;

/** The only fields an analyst can edit on an existing annotation. */
const EDITABLE_FIELDS = ['tag', 'note', 'attributes'] as const;
export type AnnotationPatch = Partial<Pick<Annotation, (typeof EDITABLE_FIELDS)[number]>>;

/** The fields re-anchoring may change; everything else is kept as stored. */
export type AnchorUpdate = Pick<
  Annotation,
  | 'id'
  | 'contentSha256'
  | 'start'
  | 'end'
  | 'quote'
  | 'prefix'
  | 'suffix'
  | 'orphaned'
  | 'original'
  | 'placement'
>;

export interface ClockOptions {
  /** Injectable clock for tests; defaults to `new Date()`. */
  now?: () => Date;
}
export interface OwnerOptions extends ClockOptions {
  /** The current annotator: only their own annotations may change. */
  annotator: string;
}

export type BulkUpsertMode = 'insert-new' | 'newer-wins';
export interface BulkUpsertResult {
  added: number;
  updated: number;
  unchanged: number;
}

// ---------------------------------------------------------------- helpers

/** Validate one record; throws AnnotationValidationError naming each bad field. */
export function validateAnnotation(record: unknown, label = 'Annotation'): Annotation {
  const result = AnnotationSchema.safeParse(record);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => dottedPath(issue.path, '(record)'));
  const details = result.error.issues.map((issue, i) => `field "${fields[i]}": ${issue.message}`).join('; ');
  throw new AnnotationValidationError(`${label} is invalid: ${details}`, fields);
}

/** JSON with sorted keys; `undefined` members vanish, as in an export. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Same content, whatever the key order (both null counts as the same). */
export function sameAnnotation(a: Annotation | null | undefined, b: Annotation | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return canonical(a) === canonical(b);
}

/** Order two ISO timestamps by instant; falls back to string order if unparsable. */
function compareTimestamps(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `now` as ISO UTC, but strictly after `previous`, so an edit always wins a
 * newer-wins merge against the record it replaced, even within one millisecond
 * or after the clock stepped back.
 */
export function nextTimestamp(previous: string | undefined, now: Date): string {
  let t = now.getTime();
  const prev = previous === undefined ? NaN : Date.parse(previous);
  if (Number.isFinite(prev) && t <= prev) t = prev + 1;
  return new Date(t).toISOString();
}

export function assertOwner(record: Annotation, annotator: string): void {
  if (record.annotator !== annotator)
    throw new NotYourAnnotationError(record.id, record.annotator, annotator);
}

function clock(options?: ClockOptions): Date {
  return options?.now ? options.now() : new Date();
}

// ---------------------------------------------------------------- writes

/** Add a new annotation (the caller stamps `annotator`). */
export async function createAnnotation(
  db: TandaDB,
  input: NewAnnotation,
  options?: ClockOptions,
): Promise<AnnotationChange> {
  const stamp = clock(options).toISOString();
  const record = validateAnnotation({
    ...input,
    id: input.id ?? crypto.randomUUID(),
    createdAt: input.createdAt ?? stamp,
    updatedAt: input.updatedAt ?? input.createdAt ?? stamp,
  });
  return db.transaction('rw', [...ANNOTATION_TABLES], async () => {
    if (await storedAnnotation(db, record.id)) throw new AnnotationExistsError(record.id);
    await addStored(db, [record]);
    return { kind: 'create', before: null, after: record };
  });
}

/** Add several new annotations in one transaction, all or none ("Tag all matches"). */
export async function createAnnotations(
  db: TandaDB,
  inputs: readonly NewAnnotation[],
  options?: ClockOptions,
): Promise<AnnotationChange[]> {
  const stamp = clock(options).toISOString();
  const records = inputs.map((input, i) =>
    validateAnnotation(
      {
        ...input,
        id: input.id ?? crypto.randomUUID(),
        createdAt: input.createdAt ?? stamp,
        updatedAt: input.updatedAt ?? input.createdAt ?? stamp,
      },
      `Annotation ${i + 1}`,
    ),
  );
  return db.transaction('rw', [...ANNOTATION_TABLES], async () => {
    const existing = await storedAnnotations(
      db,
      records.map((r) => r.id),
    );
    const clash = existing.find((r) => r !== undefined);
    if (clash) throw new AnnotationExistsError(clash.id);
    await addStored(db, records);
    return records.map((after) => ({ kind: 'create' as const, before: null, after }));
  });
}

/** Edit tag, note or attributes of one of the current annotator's annotations. */
export async function updateAnnotation(
  db: TandaDB,
  id: string,
  patch: AnnotationPatch,
  options: OwnerOptions & {
    /** The stored note the edit started from: a different one stored now is a NoteConflictError. */
    expectedNote?: string;
  },
): Promise<AnnotationChange> {
  const refused = Object.keys(patch).filter((k) => !(EDITABLE_FIELDS as readonly string[]).includes(k));
  if (refused.length > 0) {
    throw new AnnotationValidationError(
      `Annotation ${id}: field "${refused[0]}" cannot be edited (only ${EDITABLE_FIELDS.join(', ')} can).`,
      refused,
    );
  }
  return db.transaction('rw', [...ANNOTATION_TABLES], async () => {
    const before = await storedAnnotation(db, id);
    if (!before) throw new AnnotationNotFoundError(id);
    assertOwner(before, options.annotator);
    const { expectedNote } = options;
    if (
      patch.note !== undefined &&
      expectedNote !== undefined &&
      ![expectedNote, patch.note].includes(before.note)
    )
      throw new NoteConflictError(id, before.note, patch.note);
    const edited: Annotation = { ...before };
    if (patch.tag !== undefined) edited.tag = patch.tag;
    if (patch.note !== undefined) edited.note = patch.note;
    if (patch.attributes !== undefined) edited.attributes = patch.attributes;
    edited.updatedAt = nextTimestamp(before.updatedAt, clock(options));
    const after = validateAnnotation(edited, `Annotation ${id}`);
    await putStored(db, [after]);
    return { kind: 'update', before, after };
  });
}

/**
 * A person confirms an automatic placement ("moved — check"): it becomes
 * the annotation's own, the selector later edits are followed from. An
 * analyst's decision, so `updatedAt` moves and undo can take it back.
 */
export async function confirmPlacement(
  db: TandaDB,
  id: string,
  options: OwnerOptions,
): Promise<AnnotationChange> {
  return db.transaction('rw', [...ANNOTATION_TABLES], async () => {
    const before = await storedAnnotation(db, id);
    if (!before) throw new AnnotationNotFoundError(id);
    assertOwner(before, options.annotator);
    if (before.orphaned) {
      throw new AnnotationValidationError(`Annotation ${id} is orphaned: there is no placement to confirm.`, [
        'orphaned',
      ]);
    }
    const { original: _original, placement: _placement, ...rest } = before;
    const after = validateAnnotation(
      { ...rest, updatedAt: nextTimestamp(before.updatedAt, clock(options)) },
      `Annotation ${id}`,
    );
    await putStored(db, [after]);
    return { kind: 'update', before, after };
  });
}

/** Delete one of the current annotator's annotations. */
export async function deleteAnnotation(
  db: TandaDB,
  id: string,
  options: OwnerOptions,
): Promise<AnnotationChange> {
  return db.transaction('rw', [...ANNOTATION_TABLES], async () => {
    const before = await storedAnnotation(db, id);
    if (!before) throw new AnnotationNotFoundError(id);
    assertOwner(before, options.annotator);
    await deleteStored(db, [id]);
    return { kind: 'delete', before, after: null };
  });
}

/**
 * Store the outcome of re-anchoring, all in one transaction. Only the anchor
 * fields (hash, offsets, quote, context, `orphaned`, `original`, `placement`)
 * are taken from `anchors`;
 * tag, note and attributes stay as stored, so an edit made meanwhile is not
 * overwritten. Nothing is ever deleted: an annotation that could not be placed
 * comes with `orphaned: true`. `updatedAt` is not bumped: re-anchoring follows
 * the text, it is not an analyst's edit. Records deleted meanwhile are skipped
 * (listed in `missing`), never resurrected.
 */
export async function applyReanchor(
  db: TandaDB,
  anchors: readonly AnchorUpdate[],
): Promise<{ updated: number; unchanged: number; missing: string[] }> {
  return db.transaction('rw', [...ANNOTATION_TABLES], async () => {
    const stored = await storedAnnotations(
      db,
      anchors.map((a) => a.id),
    );
    const writes: Annotation[] = [];
    const missing: string[] = [];
    let unchanged = 0;
    anchors.forEach((anchor, i) => {
      const current = stored[i];
      if (!current) {
        missing.push(anchor.id);
        return;
      }
      const merged: Annotation = {
        ...current,
        contentSha256: anchor.contentSha256,
        start: anchor.start,
        end: anchor.end,
        quote: anchor.quote,
        prefix: anchor.prefix,
        suffix: anchor.suffix,
      };
      for (const key of ['orphaned', 'original', 'placement'] as const) {
        if (anchor[key] === undefined) delete merged[key];
        else (merged as Record<typeof key, unknown>)[key] = anchor[key];
      }
      const record = validateAnnotation(merged, `Re-anchored annotation ${anchor.id}`);
      if (sameAnnotation(record, current)) unchanged += 1;
      else writes.push(record);
    });
    await putStored(db, writes);
    return { updated: writes.length, unchanged, missing };
  });
}

/**
 * Insert or merge many records, all or none, in one transaction (CSV/bundle
 * import, merge of another analyst's work). Idempotent by id:
 * - `insert-new`: records whose id is absent are added; existing ids are left alone;
 * - `newer-wins`: additionally, an existing record is replaced when the incoming
 *   `updatedAt` is strictly later (a tie keeps the stored record).
 * Every record is validated first; one invalid record or a repeated id rejects
 * the whole call with nothing written.
 */
export async function bulkUpsert(
  db: TandaDB,
  annotations: readonly unknown[],
  options: { mode: BulkUpsertMode },
): Promise<BulkUpsertResult> {
  const records = annotations.map((a, i) => validateAnnotation(a, `Record ${i + 1}`));
  const firstRow = new Map<string, number>();
  records.forEach((r, i) => {
    const seen = firstRow.get(r.id);
    if (seen !== undefined) {
      throw new AnnotationValidationError(
        `Record ${i + 1} repeats annotation id ${r.id} (first seen in record ${seen + 1}).`,
        ['id'],
      );
    }
    firstRow.set(r.id, i);
  });
  return db.transaction('rw', [...ANNOTATION_TABLES], async () => {
    const stored = await storedAnnotations(
      db,
      records.map((r) => r.id),
    );
    const writes: Annotation[] = [];
    let added = 0;
    let updated = 0;
    records.forEach((record, i) => {
      const current = stored[i];
      if (!current) {
        added += 1;
        writes.push(record);
      } else if (
        options.mode === 'newer-wins' &&
        compareTimestamps(record.updatedAt, current.updatedAt) > 0 &&
        !sameAnnotation(record, current)
      ) {
        updated += 1;
        writes.push(record);
      }
    });
    await putStored(db, writes);
    return { added, updated, unchanged: records.length - added - updated };
  });
}

// ---------------------------------------------------------------- reads
// Plain Dexie queries: call them inside `useLiveQuery` to follow changes.

/** Text order: start, then end, then the older first (ties by id), as every list of a document's annotations shows them. */
export function byPosition(a: Annotation, b: Annotation): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    compareTimestamps(a.createdAt, b.createdAt) ||
    (a.id < b.id ? -1 : 1)
  );
}

export function getAnnotation(db: TandaDB, id: string): Promise<Annotation | undefined> {
  return storedAnnotation(db, id);
}

/** Every annotator's annotations on one document, by start then end. */
export async function annotationsForDocument(db: TandaDB, documentPath: string): Promise<Annotation[]> {
  const rows = await storedWhere(db, 'documentPath', documentPath);
  return rows.sort(byPosition);
}

/** One annotator's annotations on one document, by start then end. */
export async function annotationsForDocumentBy(
  db: TandaDB,
  documentPath: string,
  annotator: string,
): Promise<Annotation[]> {
  const rows = await storedForDocumentBy(db, documentPath, annotator);
  return rows.sort(byPosition);
}

/** Distinct annotator names present in the database, sorted. */
export async function annotatorsInDb(db: TandaDB): Promise<string[]> {
  return storedAnnotators(db);
}

/** Every annotation in the database, every annotator's. */
export function allAnnotations(db: TandaDB): Promise<Annotation[]> {
  return everyStoredAnnotation(db);
}

/**
 * Every annotation by these annotators, in any document, by annotator then id.
 * One `equals` read per name rather than one `anyOf`: a key range is read in
 * one request (getAll), where `anyOf` walks a cursor record by record (in
 * fake-indexeddb, 10,000 records took minutes).
 */
export async function annotationsBy(db: TandaDB, annotators: readonly string[]): Promise<Annotation[]> {
  // Code-unit order, which is IndexedDB's order of string keys.
  const names = [...new Set(annotators)].sort();
  const rows = await Promise.all(names.map((name) => storedWhere(db, 'annotator', name)));
  return rows.flat();
}

export function countAnnotations(db: TandaDB): Promise<number> {
  return countStored(db);
}

/** How many annotations (any annotator's) a document has. */
export function countDocumentAnnotations(db: TandaDB, documentPath: string): Promise<number> {
  return countStored(db, 'documentPath', documentPath);
}

/** How many annotations use each tag id. */
export async function tagUsage(db: TandaDB): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const a of await everyStoredAnnotation(db)) counts.set(a.tag, (counts.get(a.tag) ?? 0) + 1);
  return counts;
}

/** The key `usedAttributeValues` files a tag's attribute under. */
export function attributeUsageKey(tagId: string, attributeId: string): string {
  return `${tagId}\u0000${attributeId}`;
}

/** Every value annotations give each attribute, by `attributeUsageKey(tag, attribute)`. */
export async function usedAttributeValues(db: TandaDB): Promise<Map<string, Set<string>>> {
  const used = new Map<string, Set<string>>();
  for (const a of await everyStoredAnnotation(db)) {
    for (const [attr, value] of Object.entries(a.attributes)) {
      const key = attributeUsageKey(a.tag, attr);
      const set = used.get(key) ?? new Set<string>();
      for (const v of Array.isArray(value) ? value : [value]) set.add(v);
      used.set(key, set);
    }
  }
  return used;
}
