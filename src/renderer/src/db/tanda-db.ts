import Dexie, { type Table } from 'dexie';
import { annotationEpochs, type TallyCacheRow } from './annotation-epoch';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import type { JournalEntry } from '../../../shared/team/journal-line';
import type { MergedRecord } from '../../../shared/team/journal-merge';
import type { SuggestionDecision } from '../../../shared/suggest/suggestion-types';

import type { WorkStatus } from '../../../shared/annotation/work-status';

// The database's own vocabulary, defined once in shared (bundles carry it too).
export { WORK_STATUSES, type WorkStatus } from '../../../shared/annotation/work-status';

/** One analyst's status for one document; primary key `[annotator+documentPath]`. */
export interface DocumentStatusRecord {
  annotator: string;
  documentPath: string;
  status: WorkStatus;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

/**
 * The single codebook row (`id: 'current'`). The codebook is stored as an
 * opaque JSON value: its own module validates its shape, so a codebook format
 * change needs no schema version here.
 */
export interface CodebookRecord {
  id: 'current';
  codebook: unknown;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

/** A key/value setting (annotator name, snap-to-words, …). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * A document's normalized text as it was when annotations were placed on
 * it, kept while any annotation's selector names its hash, so a later
 * change of the file can be diffed against it (re-anchoring follows the
 * edit). Primary key `sha256`.
 */
export interface DocumentTextRecord {
  sha256: string;
  documentPath: string;
  text: string;
}

/**
 * What the team journals say about one record (`recordId(kind, key)`): the
 * winning line and the versions that lost. Local records that differ from
 * `winner` are this device's changes not yet written to its journal.
 */
export interface TeamRecordRow {
  id: string;
  winner: JournalEntry;
  history: JournalEntry[];
}

/**
 * One segment of the team journals' merged state (`team-state.ts`): the
 * records one write changed; a record's newest segment holds its live
 * version. Primary key `id`, in write order.
 */
export interface TeamSegmentRow {
  id: number;
  records: MergedRecord[];
}

/**
 * Up to PACKED_ROW_RECORDS annotations of one annotator as a team merge
 * brought them, colleagues' mostly (`annotation-store.ts`; the table's name
 * predates this analyst's own from other devices). Primary key `id`, a new
 * one each time the row is rewritten.
 */
export interface ColleagueAnnotationRow {
  id: string;
  annotator: string;
  records: Annotation[];
}

/** A suggestion accepted or rejected; primary key `id` = `decisionId(…)` (annotator, document, span, source). */
export interface SuggestionDecisionRecord extends SuggestionDecision {
  id: string;
}

/** Records per team segment row: few rows, each small enough to clone without a long pause. */
export const TEAM_SEGMENT_RECORDS = 5000;

/** Default IndexedDB database name of the app. */
export const DEFAULT_DB_NAME = 'tanda';

/**
 * Tanda's IndexedDB schema. Versions are APPEND-ONLY: once released, a
 * `this.version(n)` block (above all one with an upgrade function) is never
 * edited; a change adds `this.version(n + 1)` below the last one.
 *
 * Only `src/renderer/src/db/*-repo.ts` and `history-apply.ts` write to it,
 * each write in one transaction.
 */
export class TandaDB extends Dexie {
  // `declare` (not `!`): a class field would be re-initialised to undefined
  // after Dexie set up the table properties.
  declare annotations: Table<Annotation, string>;
  declare codebook: Table<CodebookRecord, 'current'>;
  declare documentStatus: Table<DocumentStatusRecord, [string, string]>;
  declare settings: Table<SettingRecord, string>;
  declare documentTexts: Table<DocumentTextRecord, string>;
  /** Read only by the version 6 upgrade, which moves its rows into `teamSegments`. */
  declare teamRecords: Table<TeamRecordRow, string>;
  declare teamSegments: Table<TeamSegmentRow, number>;
  declare suggestionDecisions: Table<SuggestionDecisionRecord, string>;
  /** Read and written only by `annotation-store.ts`. */
  declare colleagueAnnotations: Table<ColleagueAnnotationRow, string>;
  /** The annotations' epoch and the copies keyed by it; written only by `annotation-epoch.ts` and the mirror. */
  declare tallyCache: Table<TallyCacheRow, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores({
      annotations: 'id, documentPath, [documentPath+annotator], annotator, tag, updatedAt',
      codebook: 'id',
      documentStatus: '[annotator+documentPath]',
      settings: 'key',
    });
    this.version(2).stores({ documentTexts: 'sha256, documentPath' });
    // Team projects (journals in the corpus folder's .tanda/): the merged state per record.
    this.version(3).stores({ teamRecords: 'id' });
    // Suggestions: what the analyst accepted and rejected, read per annotator.
    this.version(4).stores({
      suggestionDecisions: 'id, annotator, [annotator+documentPath]',
    });
    // Team projects: the merged state in segments of thousands of records, not a row per record
    // (a first merge of 100,000 lines spent most of its time on those rows' requests).
    this.version(6)
      .stores({ teamRecords: null, teamSegments: 'id' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('teamRecords').toArray()) as TeamRecordRow[];
        const records: MergedRecord[] = rows.map((r) => ({
          kind: r.winner.kind,
          key: r.winner.key,
          winner: r.winner,
          history: r.history,
        }));
        const segments: TeamSegmentRow[] = [];
        for (let i = 0; i < records.length; i += TEAM_SEGMENT_RECORDS)
          segments.push({ id: segments.length + 1, records: records.slice(i, i + TEAM_SEGMENT_RECORDS) });
        await tx.table('teamSegments').bulkPut(segments);
      });
    // Colleagues' annotations from team merges, a thousand to a row: a row each cost Chromium ~200 µs
    // apiece, twenty seconds for a first merge of 100,000. Existing rows stay where they are.
    this.version(7).stores({ colleagueAnnotations: 'id' });
    // The document list's counts kept for the next launch, with the epoch every annotation write stamps.
    this.version(8).stores({ tallyCache: 'key' });
    this.use(annotationEpochs());
  }
}
