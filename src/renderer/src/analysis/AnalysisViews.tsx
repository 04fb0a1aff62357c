import { useDeferredValue, useMemo } from 'react';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import type { WorkStatus } from '../db/tanda-db';
import { useAnalysisState } from './analysis-state';
import { ChartsView } from './ChartsView';
import { useAllAnnotations } from '../db/live-queries';
import { corpusLibrary, useCorpusLibrary, useDocumentInfos } from './corpus-data';
import { SearchResults } from './SearchResults';
import { SegmentFilters } from './SegmentFilters';
import { SegmentsView } from './SegmentsView';
import { annotatorsOf, querySegments, type SegmentViewProps } from './segment-query';
import { useUiLanguage } from '../i18n/i18n';

export type AnalysisView = 'segments' | 'search' | 'charts';

/** Where to take the analyst: a document and a span in it. */
export interface OpenTarget {
  path: string;
  start: number;
  end: number;
  /** The text the offsets refer to; the span is not revealed in another version. */
  sha256: string | null;
  /** The annotation to select, for a coded segment. */
  annotationId?: string;
  /** Select the span's text (a search hit, ready to tag) rather than put the caret at its start. */
  select: boolean;
}

interface Props {
  view: AnalysisView;
  corpusName: string;
  documents: DocumentMeta[];
  codebook: Codebook;
  /** The analyst's own document statuses. */
  statuses: ReadonlyMap<string, WorkStatus>;
  onOpen(target: OpenTarget): void;
  /** Back to the article. */
  onClose(): void;
}

/**
 * The corpus-wide views: coded segments, search results and charts. The
 * Segments filters are shared with the charts (one state, kept while the
 * analyst goes back to an article).
 */
export function AnalysisViews({
  view,
  corpusName,
  documents,
  codebook,
  statuses,
  onOpen,
  onClose,
}: Props): React.JSX.Element {
  const { t } = useUiLanguage('analysis');
  const version = useCorpusLibrary();
  const state = useAnalysisState();
  const annotations = useAllAnnotations();
  const infos = useDocumentInfos(documents);
  // Typing in the text filter stays responsive on 100,000 segments: the list follows a moment later.
  const filter = useDeferredValue(state.filter);
  const titles = useMemo(() => new Map(documents.map((d) => [d.path, d.title])), [documents]);

  const all = useMemo(() => annotations ?? [], [annotations]);
  // Pages come with the texts: a page filter follows them as they load.
  const pagesVersion = filter.pages === '' ? 0 : version;
  const segments = useMemo(
    () =>
      querySegments(all, filter, {
        infos,
        codebook,
        statusOf: (path) => statuses.get(path) ?? 'not_started',
        pageOf: (span) => corpusLibrary.pageOf(span),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- pagesVersion: the pages read from corpusLibrary
    [all, filter, infos, codebook, statuses, pagesVersion],
  );
  const extraTags = useMemo(() => {
    const known = new Set(codebook.tags.map((t) => t.id));
    return [...new Set(all.map((a) => a.tag))].filter((t) => !known.has(t)).sort();
  }, [all, codebook]);
  const annotators = useMemo(() => annotatorsOf(all), [all]);

  if (view === 'search') {
    return (
      <div className="analysis">
        <SearchResults query={state.query} libraryVersion={version} onOpen={onOpen} onClose={onClose} />
      </div>
    );
  }
  const shown: SegmentViewProps = {
    corpusName,
    segments,
    total: all.length,
    codebook,
    titles,
    infos,
    libraryVersion: version,
  };
  return (
    <div className="analysis">
      <SegmentFilters
        filter={state.filter}
        codebook={codebook}
        extraTags={extraTags}
        annotators={annotators}
        documents={documents}
        infos={infos}
        sortable={view === 'segments'}
      />
      {annotations === undefined ? (
        <section
          aria-label={view === 'segments' ? t('segmentsTitle') : t('charts.title')}
          className="analysis-main"
        >
          <p className="empty-note">{t('readingAnnotations')}</p>
        </section>
      ) : view === 'segments' ? (
        <SegmentsView {...shown} onOpen={onOpen} />
      ) : (
        <ChartsView {...shown} choices={state.charts} />
      )}
    </div>
  );
}
