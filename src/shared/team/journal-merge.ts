import { canonicalJson, compareStrings } from '../exchange/record-order';
import { compareHlc, parseHlc } from './hlc';
import type { JournalEntry, JournalKind } from './journal-line';

/*
 * The merge of team journals: per record (kind + key) the entry with the
 * newest clock wins, a delete included, so a tombstone beats every older put.
 * The state depends only on the set of entries read: any order, any number
 * of times, from any number of copies of a file gives the same state (the
 * property tests in `test/journal-merge.test.ts` hold it to that).
 * Entries that lost are kept as the record's history, so a concurrent edit
 * on another device is never lost without a trace.
 */

/** Losing versions kept per record; the newest ones, so the cap does not depend on reading order. */
export const HISTORY_LIMIT = 10;

export interface MergedRecord {
  kind: JournalKind;
  key: string;
  winner: JournalEntry;
  /** Versions that lost, newest first, at most `HISTORY_LIMIT`. */
  history: JournalEntry[];
}

export type TeamState = Map<string, MergedRecord>;

export function recordId(kind: JournalKind, key: string): string {
  return `${kind}\u0000${key}`;
}

/**
 * Newest clock first; two different entries with one stamp (a device id
 * copied with the app's settings) are ordered by their text, so every reader
 * picks the same one.
 */
export function compareEntries(a: JournalEntry, b: JournalEntry): number {
  return compareHlc(a.hlc, b.hlc) || compareStrings(canonicalJson(a), canonicalJson(b));
}

/**
 * Folds `entries` into `state` and returns the ids of records whose winner
 * changed (what a reader has to write again).
 */
export function mergeEntries(state: TeamState, entries: readonly JournalEntry[]): Set<string> {
  const changed = new Set<string>();
  for (const entry of entries) {
    const id = recordId(entry.kind, entry.key);
    const current = state.get(id);
    if (!current) {
      state.set(id, { kind: entry.kind, key: entry.key, winner: entry, history: [] });
      changed.add(id);
      continue;
    }
    const order = compareEntries(entry, current.winner);
    if (order === 0) continue;
    if (order > 0) {
      current.history = keepHistory([current.winner, ...current.history]);
      current.winner = entry;
      changed.add(id);
    } else {
      current.history = keepHistory([...current.history, entry]);
    }
  }
  return changed;
}

export function mergeAll(batches: readonly (readonly JournalEntry[])[]): TeamState {
  const state: TeamState = new Map();
  for (const entries of batches) mergeEntries(state, entries);
  return state;
}

function keepHistory(entries: JournalEntry[]): JournalEntry[] {
  const distinct = new Map(entries.map((e) => [canonicalJson(e), e]));
  return [...distinct.values()].sort((a, b) => compareEntries(b, a)).slice(0, HISTORY_LIMIT);
}

/** A version that lost to an edit on another device: what the Annotations panel offers back. */
export interface ConcurrentEdit {
  device: string;
  /** ISO 8601 UTC wall time of the losing edit. */
  at: string;
  entry: JournalEntry;
}

/**
 * The losing versions written on a device other than the winner's (an older
 * version from the winner's own device was simply edited again), the newest
 * one per device: its older ones are steps that device itself went past.
 */
export function concurrentEdits(record: MergedRecord): ConcurrentEdit[] {
  const winnerDevice = parseHlc(record.winner.hlc)?.device;
  const edits: ConcurrentEdit[] = [];
  for (const entry of record.history) {
    const clock = parseHlc(entry.hlc);
    if (!clock || clock.device === winnerDevice || edits.some((e) => e.device === clock.device)) continue;
    edits.push({ device: clock.device, at: new Date(clock.wall).toISOString(), entry });
  }
  return edits;
}

/**
 * What a compacted journal keeps: the newest entry per record, tombstones
 * included (dropping one would bring the record back from an older line in
 * another copy), in clock order.
 */
export function compactEntries(entries: readonly JournalEntry[]): JournalEntry[] {
  const newest = new Map<string, JournalEntry>();
  for (const entry of entries) {
    const id = recordId(entry.kind, entry.key);
    const current = newest.get(id);
    if (!current || compareEntries(entry, current) > 0) newest.set(id, entry);
  }
  return [...newest.values()].sort(compareEntries);
}

/** The winners as plain data, in a fixed order: what two states are compared by. */
export function stateSnapshot(state: TeamState): string {
  return canonicalJson(
    [...state.values()]
      .map((r) => ({ id: recordId(r.kind, r.key), winner: r.winner, history: r.history }))
      .sort((a, b) => compareStrings(a.id, b.id)),
  );
}
