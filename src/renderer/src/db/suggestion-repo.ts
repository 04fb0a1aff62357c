import {
  decisionId,
  SuggestionDecisionSchema,
  type SuggestionDecision,
} from '../../../shared/suggest/suggestion-types';
import { describeIssue } from '../../../shared/validation/zod-issues';
import { createAnnotations, type NewAnnotation } from './annotation-repo';
import { ANNOTATION_TABLES } from './annotation-store';
import type { SuggestionDecisionRecord, TandaDB } from './tanda-db';
import type { AnnotationChange } from './undo-history';

/*
 * The only code that writes suggestion decisions. Accepting writes the new
 * annotations and their decisions in one transaction, so a suggestion is
 * never half accepted.
 */

export type NewDecision = Omit<SuggestionDecision, 'decidedAt' | 'decision'>;

function record(
  d: NewDecision,
  decision: SuggestionDecision['decision'],
  now: string,
): SuggestionDecisionRecord {
  const parsed = SuggestionDecisionSchema.safeParse({ ...d, decision, decidedAt: now });
  if (!parsed.success) throw new Error(`Suggestion decision: ${describeIssue(parsed.error.issues[0]!)}`);
  return { id: decisionId(parsed.data), ...parsed.data };
}

/** Remember that the analyst rejected these suggestions (per document, span and source). */
export async function rejectSuggestions(
  db: TandaDB,
  decisions: readonly NewDecision[],
  now = new Date(),
): Promise<void> {
  const rows = decisions.map((d) => record(d, 'rejected', now.toISOString()));
  await db.transaction('rw', db.suggestionDecisions, () => db.suggestionDecisions.bulkPut(rows));
}

/** Create the annotations of accepted suggestions and record the acceptances, all or none. */
export async function acceptSuggestions(
  db: TandaDB,
  accepted: readonly { annotation: NewAnnotation; decision: NewDecision }[],
  now = new Date(),
): Promise<AnnotationChange[]> {
  const rows = accepted.map((a) => record(a.decision, 'accepted', now.toISOString()));
  return db.transaction('rw', [...ANNOTATION_TABLES, 'suggestionDecisions'], async () => {
    const changes = await createAnnotations(
      db,
      accepted.map((a) => a.annotation),
      { now: () => now },
    );
    await db.suggestionDecisions.bulkPut(rows);
    return changes;
  });
}

export function decisionsBy(db: TandaDB, annotator: string): Promise<SuggestionDecisionRecord[]> {
  return db.suggestionDecisions.where('annotator').equals(annotator).toArray();
}

/** Every decision, for bundles and backups. */
export function allDecisions(db: TandaDB): Promise<SuggestionDecisionRecord[]> {
  return db.suggestionDecisions.toArray();
}

/** Bundle or backup import: decisions are added or replaced by id, never deleted. */
export async function putDecisions(db: TandaDB, decisions: readonly SuggestionDecision[]): Promise<void> {
  const rows = decisions.map((d) => ({ id: decisionId(d), ...d }));
  await db.transaction('rw', db.suggestionDecisions, () => db.suggestionDecisions.bulkPut(rows));
}
