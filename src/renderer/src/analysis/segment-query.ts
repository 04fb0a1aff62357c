import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import { kwic, type Kwic } from '../../../shared/text/kwic';
import { filterSegments, sortSegments, type SegmentFilter } from '../../../shared/analysis/segment-filter';
import type { CodePointIndex } from '../../../shared/text/text-quote';
import type { SegmentFilterState } from './analysis-state';
import type { DocumentInfo } from './document-info';
import type { Labelled } from '../../../shared/codebook/codebook-languages';
import { parsePageRange } from '../../../shared/analysis/page-range';

/**
 * From the Segments form to rows: the form's state as a `SegmentFilter`,
 * the filtered and sorted annotations, and each row's keyword in context.
 * Pure; the views call it with what the live queries and the corpus
 * library hold.
 */

export interface SegmentQueryContext {
  /** Detected metadata with the analyst's corrections, by path. */
  infos: ReadonlyMap<string, DocumentInfo>;
  /** The analyst's own status of a document (`not_started` when never set). */
  statusOf(path: string): string;
  /** The page a segment starts on (PDFs whose text is loaded), for the page filter. */
  pageOf?(segment: Pick<Annotation, 'documentPath' | 'start' | 'contentSha256'>): number | undefined;
}

/** Matches no path: an empty `documents` list would keep every document. */
const NO_DOCUMENT = '\u0000';

export function toSegmentFilter(state: SegmentFilterState, context: SegmentQueryContext): SegmentFilter {
  const dates = new Map([...context.infos].map(([path, info]) => [path, info.date]));
  let documents: string[] | undefined = state.document === '' ? undefined : [state.document];
  if (state.language !== '') {
    const inLanguage = [...context.infos]
      .filter(([, info]) => info.language === state.language)
      .map(([path]) => path);
    documents = documents === undefined ? inLanguage : documents.filter((p) => inLanguage.includes(p));
    if (documents.length === 0) documents = [NO_DOCUMENT];
  }
  return {
    tags: state.tags,
    attributes: Object.entries(state.attributes)
      .filter(([, valueId]) => valueId !== '')
      .map(([attributeId, valueId]) => ({ attributeId, valueId })),
    annotators: state.annotators,
    documents,
    statuses: state.statuses,
    statusOf: context.statusOf,
    dateFrom: state.dateFrom,
    dateTo: state.dateTo,
    dates,
    includeUndated: state.includeUndated,
    text: state.text,
    ...pageFilter(state.pages, context),
  };
}

/** A page filter that does not parse keeps every page: the field says it is invalid, the list stays. */
function pageFilter(typed: string, context: SegmentQueryContext): Pick<SegmentFilter, 'pages' | 'pageOf'> {
  const pages = parsePageRange(typed);
  if (pages === null || pages === 'invalid') return {};
  const pageOf = context.pageOf;
  return {
    pages,
    pageOf: (s) =>
      s.contentSha256 === undefined || pageOf === undefined
        ? undefined
        : pageOf({ documentPath: s.documentPath, start: s.start, contentSha256: s.contentSha256 }),
  };
}

/** The annotations the form keeps, in the order it asks for. */
export function querySegments<T extends Annotation>(
  annotations: readonly T[],
  state: SegmentFilterState,
  context: SegmentQueryContext & { codebook: Codebook },
): T[] {
  const filter = toSegmentFilter(state, context);
  const kept = filterSegments(annotations, filter);
  return sortSegments(kept, state.sort, {
    dates: filter.dates,
    tagOrder: context.codebook.tags.map((t) => t.id),
  });
}

/** How a row shows its quote. */
export interface SegmentContext extends Kwic {
  /** False when the quote cannot be placed in the current text (orphaned, text changed or not loaded yet). */
  placed: boolean;
}

/**
 * The sentence around an annotation when its offsets refer to the text we
 * hold (same hash, not orphaned, inside the text); otherwise the stored
 * quote alone, which is always right.
 */
export function segmentContext(
  annotation: Pick<Annotation, 'start' | 'end' | 'quote' | 'contentSha256'> & {
    orphaned?: boolean | undefined;
  },
  text: { sha256: string; index: CodePointIndex } | undefined,
): SegmentContext {
  if (
    text !== undefined &&
    annotation.orphaned !== true &&
    text.sha256 === annotation.contentSha256 &&
    annotation.end <= text.index.length &&
    annotation.start < annotation.end
  ) {
    return { ...kwic(text.index, annotation.start, annotation.end), placed: true };
  }
  return { before: '', match: annotation.quote, after: '', placed: false };
}

/** Every annotator named in the annotations, sorted. */
export function annotatorsOf(annotations: readonly Pick<Annotation, 'annotator'>[]): string[] {
  return [...new Set(annotations.map((a) => a.annotator))].sort((a, b) => a.localeCompare(b));
}

/** Labels kept with their per-language map, so the filter shows them in the interface language. */
export interface AttributeChoice extends Labelled {
  id: string;
  values: (Labelled & { id: string })[];
}

/**
 * The choice attributes of the codebook for the filter, one per attribute
 * id (two tags sharing an id share the filter, as `filterSegments` matches
 * by id), with the values of every tag that has it.
 */
function labelled(item: Labelled): Labelled {
  return item.labels === undefined ? { label: item.label } : { label: item.label, labels: item.labels };
}

export function attributeChoices(codebook: Codebook): AttributeChoice[] {
  const byId = new Map<string, AttributeChoice>();
  for (const tag of codebook.tags) {
    for (const attribute of tag.attributes) {
      if (attribute.kind === 'text') continue;
      let choice = byId.get(attribute.id);
      if (choice === undefined)
        byId.set(attribute.id, (choice = { id: attribute.id, ...labelled(attribute), values: [] }));
      for (const value of attribute.values) {
        if (!choice.values.some((v) => v.id === value.id))
          choice.values.push({ id: value.id, ...labelled(value) });
      }
    }
  }
  return [...byId.values()];
}

/** What the Segments and Charts views are both given: the filtered segments and what describes them. */
export interface SegmentViewProps {
  corpusName: string;
  /** The segments the filters keep (Segments: also sorted). */
  segments: readonly Annotation[];
  /** All annotations shown before filtering. */
  total: number;
  codebook: Codebook;
  titles: ReadonlyMap<string, string>;
  infos: ReadonlyMap<string, DocumentInfo>;
  /** Changes as texts arrive, so what is worked out from them follows. */
  libraryVersion: number;
}
