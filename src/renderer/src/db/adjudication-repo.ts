import type { DecisionPlan } from '../../../shared/agreement/adjudication';
import { sameContent } from '../../../shared/agreement/adjudication';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { AnnotationValidationError, assertOwner, nextTimestamp, validateAnnotation } from './annotation-repo';
import {
  addStored,
  ANNOTATION_TABLES,
  deleteStored,
  putStored,
  storedAnnotation,
  storedAnnotations,
} from './annotation-store';
import type { TandaDB } from './tanda-db';
import type { AnnotationChange, ChangeGroup, SettingChange } from './undo-history';

/*
 * Writes adjudication decisions (see shared/agreement/adjudication.ts): the target
 * annotator's annotations of the decided units, and the settings row that
 * remembers rejected units. One transaction per call, whatever the number
 * of units, and the result is one ChangeGroup, so one undo takes the whole
 * decision back ("accept both" is two annotations, "accept all agreements"
 * many).
 */

/** The settings row of a target's rejected units in one document. */
export function rejectedKey(target: string, documentPath: string): string {
  return `adjudication:${JSON.stringify([target, documentPath])}`;
}

/** Prefix of every such row, to read them all at once. */
export const REJECTED_KEY_PREFIX = 'adjudication:';

/** The target and document of a `rejectedKey`; null for a key that is not one. */
export function parseRejectedKey(key: string): { target: string; documentPath: string } | null {
  if (!key.startsWith(REJECTED_KEY_PREFIX)) return null;
  try {
    const pair: unknown = JSON.parse(key.slice(REJECTED_KEY_PREFIX.length));
    if (
      Array.isArray(pair) &&
      pair.length === 2 &&
      typeof pair[0] === 'string' &&
      typeof pair[1] === 'string'
    ) {
      return { target: pair[0], documentPath: pair[1] };
    }
  } catch {
    // not JSON: not a key this module wrote
  }
  return null;
}

/** The row's value: unit keys, sorted. */
export interface RejectedUnits {
  rejected: string[];
}

function parseRejected(value: unknown): Set<string> {
  const list = (value as Partial<RejectedUnits> | null | undefined)?.rejected;
  return new Set(Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : []);
}

export async function rejectedUnits(db: TandaDB, target: string, documentPath: string): Promise<Set<string>> {
  return parseRejected((await db.settings.get(rejectedKey(target, documentPath)))?.value);
}

/**
 * Every rejected-units row, as (target, document) → keys. Rows whose key
 * does not parse are skipped.
 */
export async function allRejectedUnits(db: TandaDB): Promise<Map<string, Set<string>>> {
  const rows = await db.settings.where('key').startsWith(REJECTED_KEY_PREFIX).toArray();
  return new Map(rows.map((row) => [row.key, parseRejected(row.value)]));
}

/**
 * Write the plans of one document's units as `target`, all or nothing:
 *  - each record of `keep` is added, or left alone when the stored one has
 *    the same content (accepting twice changes nothing), or replaced when it
 *    differs (a new edit of the unit); it keeps its first `createdAt`;
 *  - every other id of `partIds` that exists is deleted (a new decision
 *    replaces the previous one);
 *  - the unit's key is added to or removed from the rejected list.
 * Resolves to the group of changes made, or null when nothing changed.
 */
export async function writeDecisions(
  db: TandaDB,
  input: {
    target: string;
    documentPath: string;
    label: string;
    plans: readonly DecisionPlan[];
    now?: () => Date;
  },
): Promise<ChangeGroup | null> {
  const { target, documentPath } = input;
  for (const plan of input.plans) {
    for (const record of plan.keep) {
      validateAnnotation(record, `Adjudicated annotation ${record.id}`);
      if (record.annotator !== target || record.documentPath !== documentPath) {
        throw new AnnotationValidationError(
          `Adjudicated annotation ${record.id} must belong to "${target}" in ${documentPath}.`,
          ['annotator', 'documentPath'],
        );
      }
    }
  }
  const key = rejectedKey(target, documentPath);
  return db.transaction('rw', [...ANNOTATION_TABLES, 'settings'], async () => {
    const changes: AnnotationChange[] = [];
    for (const plan of input.plans) {
      const keepIds = new Set(plan.keep.map((r) => r.id));
      const stored = await storedAnnotations(db, plan.partIds);
      for (const before of stored) {
        if (!before || keepIds.has(before.id)) continue;
        assertOwner(before, target);
        await deleteStored(db, [before.id]);
        changes.push({ kind: 'delete', before, after: null });
      }
      for (const record of plan.keep) {
        const before = await storedAnnotation(db, record.id);
        if (!before) {
          await addStored(db, [record]);
          changes.push({ kind: 'create', before: null, after: record });
        } else if (!sameContent(before, record)) {
          assertOwner(before, target);
          const after: Annotation = {
            ...record,
            createdAt: before.createdAt,
            updatedAt: nextTimestamp(before.updatedAt, input.now ? input.now() : new Date()),
          };
          await putStored(db, [after]);
          changes.push({ kind: 'update', before, after });
        }
      }
    }

    const settings: SettingChange[] = [];
    const row = await db.settings.get(key);
    const rejected = parseRejected(row?.value);
    const was = [...rejected].sort();
    for (const plan of input.plans) {
      if (plan.reject) rejected.add(plan.unitKey);
      else rejected.delete(plan.unitKey);
    }
    const now = [...rejected].sort();
    if (now.join('\n') !== was.join('\n')) {
      const after: RejectedUnits | null = now.length > 0 ? { rejected: now } : null;
      if (after) await db.settings.put({ key, value: after });
      else await db.settings.delete(key);
      settings.push({ key, before: row ? row.value : null, after });
    }

    if (changes.length === 0 && settings.length === 0) return null;
    return {
      kind: 'group',
      before: null,
      after: null,
      documentPath,
      annotator: target,
      label: input.label,
      changes,
      settings,
    };
  });
}
