import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import { validateCodebook, type Codebook } from '../../../shared/codebook/codebook';
import { allAnnotations, annotatorsInDb, tagUsage, usedAttributeValues } from './annotation-repo';
import { allRejectedUnits } from './adjudication-repo';
import { metadataOverrides, type MetadataOverride } from './metadata-repo';
import { annotationMirror, db } from './db';
import { errorMessage } from '../../../shared/validation/error-message';
import { annotationConcurrentEdits, teamMembers, type TeamMember } from './team-sync';
import type { ConcurrentEdit } from '../../../shared/team/journal-merge';
import {
  documentStatuses,
  getAnnotatorName,
  getSnapToWords,
  getUiLanguageChoice,
  getSuggestionSources,
  loadCodebook,
  type SuggestionSources,
} from './settings-repo';
import { decisionsBy } from './suggestion-repo';
import type { SuggestionDecisionRecord, WorkStatus } from './tanda-db';
import { type DocumentTally } from '../../../shared/annotation/document-tally';
import type { UiLanguageChoice } from '../../../shared/i18n/languages';

/** Components read the database only through these live queries. */

/** Undefined while loading, null on first run (no name yet). */
export function useAnnotatorName(): string | null | undefined {
  return useLiveQuery(() => getAnnotatorName(db), [], undefined);
}

/** The stored interface-language choice ('system' until one is made). */
export function useUiLanguageChoice(): UiLanguageChoice {
  return useLiveQuery(() => getUiLanguageChoice(db), [], 'system');
}

export function useSnapToWords(): boolean {
  return useLiveQuery(() => getSnapToWords(db), [], true);
}

export interface CodebookState {
  codebook: Codebook;
  /**
   * Why the stored codebook could not be read (the check's own words), when
   * it could not; the built-in one is shown meanwhile. The view says it in
   * its language: db/ holds no interface text (Node tools reuse it).
   */
  problem: string | null;
}

/** The stored codebook, or the built-in one until the analyst changes anything. */
export function useCodebook(): CodebookState | undefined {
  return useLiveQuery(async () => {
    const stored = await loadCodebook(db);
    if (stored === null) return { codebook: builtinCodebook(), problem: null };
    try {
      return { codebook: validateCodebook(stored), problem: null };
    } catch (error) {
      return {
        codebook: builtinCodebook(),
        problem: errorMessage(error),
      };
    }
  }, []);
}

/*
 * The three reads of many annotations (the open document's, and the
 * annotator's for the document list and the suggestions) come from the
 * annotations held in memory, not from live queries: with ten thousand
 * annotations, three re-reads of every row followed each keystroke's write
 * and held the next write back for seconds.
 */
const NO_ANNOTATIONS: Annotation[] = [];
const NO_TALLIES = new Map<string, DocumentTally>();

/** The mirror's snapshot; a failed read of the table is thrown, as a failed live query is. */
function useMirror<T>(read: () => T): T {
  return useSyncExternalStore(annotationMirror.subscribe, () => {
    if (annotationMirror.error) throw annotationMirror.error;
    return read();
  });
}

export function useDocumentAnnotations(path: string | null): Annotation[] | undefined {
  return useMirror(() =>
    path ? annotationMirror.forDocument(path) : annotationMirror.loaded() ? NO_ANNOTATIONS : undefined,
  );
}

export function useDocumentStatuses(annotator: string | null | undefined): Map<string, WorkStatus> {
  return useLiveQuery(
    async () => (annotator ? documentStatuses(db, annotator) : new Map<string, WorkStatus>()),
    [annotator],
    new Map<string, WorkStatus>(),
  );
}

/** Every annotation in the database, every annotator's. */
export function useAllAnnotations(): Annotation[] | undefined {
  return useLiveQuery(() => allAnnotations(db), []);
}

/** The annotator's annotations counted per document, for the document list (counted again only when they change). */
export function useDocumentTallies(annotator: string | null | undefined): ReadonlyMap<string, DocumentTally> {
  return useMirror(() => {
    if (!annotator) return NO_TALLIES;
    return annotationMirror.annotatorTallies(annotator) ?? NO_TALLIES;
  });
}

/** Distinct annotator names in the database, sorted. */
export function useAnnotatorNames(): string[] | undefined {
  return useLiveQuery(() => annotatorsInDb(db), []);
}

/** Every annotation by these annotators (in any document), by annotator then id. */
export function useAnnotationsBy(names: readonly string[]): Annotation[] | undefined {
  const key = [...new Set(names)].sort().join('\u001f');
  const last = useRef<{ parts: Annotation[][]; value: Annotation[] } | null>(null);
  const read = useCallback((): Annotation[] | undefined => {
    if (key === '') return annotationMirror.loaded() ? NO_ANNOTATIONS : undefined;
    const parts: Annotation[][] = [];
    for (const name of key.split('\u001f')) {
      const rows = annotationMirror.forAnnotator(name);
      if (!rows) return undefined;
      parts.push(rows);
    }
    // The same rows give the same array, as useSyncExternalStore requires.
    const prev = last.current;
    if (prev && prev.parts.length === parts.length && prev.parts.every((p, i) => p === parts[i]))
      return prev.value;
    const value = parts.length === 1 ? parts[0]! : parts.flat();
    last.current = { parts, value };
    return value;
  }, [key]);
  return useMirror(read);
}

/** Rejected unit keys by settings key (`rejectedKey(target, path)`). */
export function useRejectedUnits(): Map<string, Set<string>> | undefined {
  return useLiveQuery(() => allRejectedUnits(db), []);
}

export function useMetadataOverrides(): Map<string, MetadataOverride> {
  return useLiveQuery(() => metadataOverrides(db), [], new Map<string, MetadataOverride>());
}

/** Versions of an annotation that lost to an edit on another device (team projects; empty otherwise). */
export function useConcurrentEdits(id: string): ConcurrentEdit[] {
  return useLiveQuery(() => annotationConcurrentEdits(db, id), [id], []);
}

/** How many annotations use each tag id (undefined while loading). */
export function useTagUsage(): Map<string, number> | undefined {
  return useLiveQuery(() => tagUsage(db), []);
}

/** Every value annotations give each attribute, by `attributeUsageKey`. */
export function useUsedAttributeValues(): Map<string, Set<string>> | undefined {
  return useLiveQuery(() => usedAttributeValues(db), []);
}

/** The annotators of a team project, from the merged journals (empty when the folder is not shared). */
export function useTeamMembers(): TeamMember[] {
  return useLiveQuery(() => teamMembers(db), [], []);
}

export function useSuggestionSources(): SuggestionSources {
  return useLiveQuery(() => getSuggestionSources(db), [], { patterns: true, learned: true });
}

/** The annotator's accepted and rejected suggestions, every document. */
export function useSuggestionDecisions(annotator: string): SuggestionDecisionRecord[] | undefined {
  return useLiveQuery(() => decisionsBy(db, annotator), [annotator]);
}
