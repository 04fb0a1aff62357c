import { useLiveQuery } from 'dexie-react-hooks';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { BUILTIN_CODEBOOK } from '../../../shared/codebook/builtin-codebook';
import { validateCodebook, type Codebook } from '../../../shared/codebook/codebook';
import { annotationsForDocument } from './annotation-repo';
import { db } from './db';
import {
  documentStatuses,
  getAnnotatorName,
  getSnapToWords,
  getSuggestionSources,
  loadCodebook,
  type SuggestionSources,
} from './settings-repo';
import { decisionsBy } from './suggestion-repo';
import type { SuggestionDecisionRecord, WorkStatus } from './tanda-db';
import { UndoHistory } from './undo-history';

/** Components read the database only through these live queries. */

/** Undefined while loading, null on first run (no name yet). */
export function useAnnotatorName(): string | null | undefined {
  return useLiveQuery(() => getAnnotatorName(db), [], undefined);
}

export function useSnapToWords(): boolean {
  return useLiveQuery(() => getSnapToWords(db), [], true);
}

export interface CodebookState {
  codebook: Codebook;
  /** Set when the stored codebook could not be read; the built-in one is shown meanwhile. */
  problem: string | null;
}

/** The stored codebook, or the built-in one until the analyst changes anything. */
export function useCodebook(): CodebookState | undefined {
  return useLiveQuery(async () => {
    const stored = await loadCodebook(db);
    if (stored === null) return { codebook: BUILTIN_CODEBOOK, problem: null };
    try {
      return { codebook: validateCodebook(stored), problem: null };
    } catch (error) {
      return {
        codebook: BUILTIN_CODEBOOK,
        problem: `The saved codebook could not be read (${(error as Error).message}); showing the built-in one.`,
      };
    }
  }, []);
}

export function useDocumentAnnotations(path: string | null): Annotation[] | undefined {
  return useLiveQuery(async () => (path ? annotationsForDocument(db, path) : []), [path]);
}

export function useDocumentStatuses(annotator: string | null | undefined): Map<string, WorkStatus> {
  return useLiveQuery(
    async () => (annotator ? documentStatuses(db, annotator) : new Map<string, WorkStatus>()),
    [annotator],
    new Map<string, WorkStatus>(),
  );
}

export function useSuggestionSources(): SuggestionSources {
  return useLiveQuery(() => getSuggestionSources(db), [], { patterns: true, learned: true });
}

/** The annotator's accepted and rejected suggestions, every document. */
export function useSuggestionDecisions(annotator: string): SuggestionDecisionRecord[] | undefined {
  return useLiveQuery(() => decisionsBy(db, annotator), [annotator]);
}

/** The annotator's own annotations in every document: what the learned source learns from. */
export function useAnnotationsBy(annotator: string): Annotation[] | undefined {
  return useLiveQuery(() => db.annotations.where('annotator').equals(annotator).toArray(), [annotator]);
}
