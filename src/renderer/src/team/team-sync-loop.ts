import { TEAM_APPEND_MAX_ENTRIES, TandaApiError, type TandaApi } from '../../../shared/api/api-contract';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { checkJournalRecords, type LocatedEntry } from '../../../shared/team/journal-checks';
import type { JournalProblem } from '../../../shared/team/journal-line';
import { textsForCheck } from '../exchange/texts-for-check';
import { i18n } from '../i18n/i18n';
import type { TandaDB } from '../db/tanda-db';
import {
  addApplyReport,
  applyTeamBatch,
  emptyApplyReport,
  markJournaled,
  onTeamTablesChanged,
  pendingTeamChanges,
  teamDeviceId,
  type TeamApplyReport,
} from '../db/team-sync';
import { teamCodebook } from '../db/team-local';
import { errorMessage } from '../../../shared/validation/error-message';

/*
 * Keeps the database and the corpus folder's journals in step while the app
 * runs: reads what colleagues' devices wrote when main says `.tanda/`
 * changed, and writes this device's changes after each local write. One
 * step at a time, so a read and a write never interleave.
 */

export interface TeamSyncState {
  project: boolean;
  /** Why `.tanda/project.json` cannot be used, when it is there but wrong. */
  projectProblem: string | null;
  /** Null until the first write was tried. */
  writable: boolean | null;
  /** Said once when the journal cannot be written. */
  writeProblem: string | null;
  problems: JournalProblem[];
  deviceId: string | null;
  /** What the last read brought in. */
  lastApplied: TeamApplyReport | null;
  /** The last read that changed something here, and when: what the merge notice says. */
  lastMerge: { report: TeamApplyReport; at: string } | null;
  /** ISO time of the last completed read. */
  lastReadAt: string | null;
  /**
   * A read that takes more than one answer (joining a large project): lines
   * merged so far of those in the journals when it started; null otherwise.
   */
  merging: { done: number; total: number } | null;
}

export interface TeamSync {
  /** Reads the project status again (after sharing was turned on). */
  refresh(): Promise<void>;
  stop(): void;
}

export function startTeamSync(options: {
  db: TandaDB;
  api: TandaApi;
  annotator: () => string | null | undefined;
  /**
   * The corpus's documents, which lines are checked against; null while the
   * corpus is not read yet (lines are read once it is: call `refresh`).
   */
  documents: () => readonly DocumentMeta[] | null;
  onState: (state: TeamSyncState) => void;
  onError: (message: string) => void;
  debounceMs?: number;
}): TeamSync {
  const { db, api } = options;
  let state: TeamSyncState = {
    project: false,
    projectProblem: null,
    writable: null,
    writeProblem: null,
    problems: [],
    deviceId: null,
    lastApplied: null,
    lastMerge: null,
    lastReadAt: null,
    merging: null,
  };
  const set = (patch: Partial<TeamSyncState>) => {
    state = { ...state, ...patch };
    options.onState(state);
  };
  let cursors: Awaited<ReturnType<TandaApi['readTeamChanges']>>['cursors'] = {};
  const problems = new Map<string, JournalProblem>();
  // Lines the record checks refused, tried again at each read: the tag or text they need may come later.
  const refused = new Map<string, LocatedEntry>();
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = (step: () => Promise<void>) => {
    queue = queue
      .then(() => (stopped ? undefined : step()))
      .catch((e: unknown) => {
        if (state.merging) set({ merging: null });
        options.onError(i18n.t('team:syncFailed', { message: errorMessage(e) }));
      });
    return queue;
  };

  const refreshStatus = async () => {
    const status = await api.teamStatus();
    set({ project: status.project, projectProblem: status.problem, deviceId: await teamDeviceId(db) });
  };

  const pull = async () => {
    const documents = options.documents();
    if (!state.project || documents === null) return;
    const total = emptyApplyReport();
    let merged = 0;
    for (;;) {
      const answer = await api.readTeamChanges({ cursors });
      const lines = answer.batches.reduce((n, b) => n + b.entries.length, 0);
      // Said before the answer is applied: that is where a large read spends its time.
      if (!answer.done || state.merging)
        set({ merging: { done: merged, total: merged + lines + (answer.remainingLines ?? 0) } });
      for (const p of answer.problems) problems.set(`${p.file}:${p.line}`, p);
      const located: LocatedEntry[] = [...refused.values()];
      for (const batch of answer.batches) {
        batch.entries.forEach((entry, i) =>
          located.push({ entry, file: batch.file, line: batch.lines?.[i] ?? 0 }),
        );
      }
      const checked = await checkLines(located, documents);
      for (const l of checked.accepted) {
        refused.delete(`${l.file}:${l.line}`);
        problems.delete(`${l.file}:${l.line}`);
      }
      for (const { located: l, problem } of checked.refused) {
        refused.set(`${l.file}:${l.line}`, l);
        problems.set(`${l.file}:${l.line}`, problem);
      }
      // The cursors move only once all of an answer is applied (in transactions of a thousand records, so
      // the analyst's own writes never wait long): after a failure the answer is read again, and the merge,
      // being idempotent, leaves what was already applied as it is.
      const report = await applyTeamBatch(
        db,
        checked.accepted.map((l) => l.entry),
        options.annotator() ?? null,
      );
      addApplyReport(total, report);
      merged += lines;
      cursors = answer.cursors;
      if (answer.done) break;
    }
    const at = new Date().toISOString();
    const changedHere = total.added + total.updated + total.deleted + total.conflicts > 0;
    set({
      merging: null,
      lastApplied: total,
      lastReadAt: at,
      problems: [...problems.values()],
      ...(changedHere ? { lastMerge: { report: total, at } } : {}),
    });
    // Lines kept back as local edits get journaled now, with a clock past what was read.
    if (total.keptLocal > 0) await push();
  };

  const checkLines = async (located: LocatedEntry[], documents: readonly DocumentMeta[]) => {
    const shas = new Map(documents.map((d) => [d.path, d.sha256]));
    // Only records on a document's current text are checked against it; only those texts are read.
    const onCurrentText = located.flatMap(({ entry }) => {
      if (entry.op !== 'put' || entry.kind !== 'annotation') return [];
      const a = entry.record as Annotation;
      return shas.get(a.documentPath) === a.contentSha256 ? [a] : [];
    });
    return checkJournalRecords(located, {
      documents,
      getText: await textsForCheck(api, onCurrentText, new Set(shas.keys())),
      codebook: (await teamCodebook(db)) ?? builtinCodebook(),
    });
  };

  const push = async () => {
    const annotator = options.annotator();
    if (!state.project || !annotator || !state.deviceId) return;
    const lines = await pendingTeamChanges(db, annotator, state.deviceId);
    try {
      for (let i = 0; i < lines.length; i += TEAM_APPEND_MAX_ENTRIES) {
        const part = lines.slice(i, i + TEAM_APPEND_MAX_ENTRIES);
        await api.appendTeamChanges({ annotator, deviceId: state.deviceId, entries: part });
        await markJournaled(db, part);
      }
      if (lines.length > 0 || state.writable === null) set({ writable: true, writeProblem: null });
    } catch (e) {
      if (e instanceof TandaApiError && e.code === 'read-only') {
        // Said once; the work is safe in the database and is found again on the next write.
        if (state.writable !== false) set({ writable: false, writeProblem: e.message });
        return;
      }
      throw e;
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopLocal = onTeamTablesChanged(db, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(push), options.debounceMs ?? 200);
  });
  const stopEvents = api.onCorpusEvent((event) => {
    if (event.type === 'team-changed')
      void run(async () => {
        // Sharing may have been turned on elsewhere and arrived by sync.
        if (!state.project) await refreshStatus();
        await pull();
        await push();
      });
    if (event.type === 'corpus-opened') {
      cursors = {};
      refused.clear();
      problems.clear();
      void run(async () => {
        await refreshStatus();
        await pull();
        await push();
      });
    }
  });
  void run(async () => {
    await refreshStatus();
    await pull();
    await push();
  });

  return {
    refresh: () =>
      run(async () => {
        await refreshStatus();
        await pull();
        await push();
      }),
    stop() {
      stopped = true;
      clearTimeout(timer);
      stopLocal();
      stopEvents();
    },
  };
}
