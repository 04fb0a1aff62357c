import { useSyncExternalStore } from 'react';
import type { SegmentOrder } from '../../../shared/analysis/segment-filter';
import type { DateGranularity } from '../../../shared/analysis/cooccurrence';
import type { WorkStatus } from '../db/tanda-db';

/**
 * What the analyst set in the analysis views, kept for the session (not
 * stored): the Segments filters, which the charts share, the search query
 * and the charts' own choices. A small store outside React, so switching to
 * the article and back keeps everything.
 */

export interface SegmentFilterState {
  /** Tag ids; none ticked keeps every tag. */
  tags: string[];
  /** Attribute id → value id; absent or '' keeps every value. */
  attributes: Record<string, string>;
  annotators: string[];
  /** A document path, or '' for every document. */
  document: string;
  statuses: WorkStatus[];
  dateFrom: string;
  dateTo: string;
  includeUndated: boolean;
  /** ISO 639-3, or '' for every language. */
  language: string;
  text: string;
  /** A page or page range as typed (`3`, `2-5`), or '' for every page (see page-range.ts). */
  pages: string;
  sort: SegmentOrder;
}

export const EMPTY_FILTER: SegmentFilterState = {
  tags: [],
  attributes: {},
  annotators: [],
  document: '',
  statuses: [],
  dateFrom: '',
  dateTo: '',
  includeUndated: false,
  language: '',
  text: '',
  pages: '',
  sort: 'document',
};

export interface ChartChoices {
  /** `tagId attributeId` of the attribute breakdown, or '' to pick the busiest. */
  breakdown: string;
  matrix: 'tags' | 'attributes';
  granularity: DateGranularity;
}

export interface AnalysisState {
  filter: SegmentFilterState;
  /** The query whose results the Search view shows. */
  query: string;
  charts: ChartChoices;
}

let state: AnalysisState = {
  filter: EMPTY_FILTER,
  query: '',
  charts: { breakdown: '', matrix: 'tags', granularity: 'month' },
};
const listeners = new Set<() => void>();

export function getAnalysisState(): AnalysisState {
  return state;
}

function updateAnalysisState(change: (current: AnalysisState) => AnalysisState): void {
  const next = change(state);
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

export function updateFilter(patch: Partial<SegmentFilterState>): void {
  updateAnalysisState((s) => ({ ...s, filter: { ...s.filter, ...patch } }));
}

export function updateCharts(patch: Partial<ChartChoices>): void {
  updateAnalysisState((s) => ({ ...s, charts: { ...s.charts, ...patch } }));
}

export function setSearchQuery(query: string): void {
  updateAnalysisState((s) => (s.query === query ? s : { ...s, query }));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAnalysisState(): AnalysisState {
  return useSyncExternalStore(subscribe, getAnalysisState);
}
