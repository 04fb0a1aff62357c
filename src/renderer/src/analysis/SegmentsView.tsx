import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import { exportAnnotationsCsv } from '../../../shared/exchange/csv-export';
import { describeAttributes, tagLabel } from '../annotate/annotation-labels';
import { MovedBadge } from '../annotate/PlacementCheck';
import { formatCount } from '../ui/format';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { deliverFile, exportFileName } from '../exchange/deliver-file';
import { corpusLibrary } from './corpus-data';
import { segmentCount } from './document-info';
import { segmentContext, type SegmentViewProps } from './segment-query';
import { shortTitle } from './SegmentFilters';
import type { OpenTarget } from './AnalysisViews';
import { errorMessage } from '../../../shared/validation/error-message';

/** Fixed row height: rows clamp their text, so 100,000 of them scroll without measuring. */
const ROW_HEIGHT = 92;

interface Props extends SegmentViewProps {
  onOpen(target: OpenTarget): void;
}

/**
 * The coded segments of the whole corpus, as a virtualized list: only the
 * rows in view exist in the DOM, and only they compute their keyword in
 * context. Each row is one button that opens the document at the span.
 */
export function SegmentsView(props: Props): React.JSX.Element {
  const { segments, codebook, titles, infos } = props;
  const { t } = useUiLanguage('segments');
  const scrollRef = useRef<HTMLDivElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const virtualizer = useVirtualizer({
    count: segments.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => segments[i]!.id,
  });

  // A new filter or order starts at the top (the old offset would land anywhere in the new list).
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [segments]);

  const exportCsv = async (): Promise<void> => {
    try {
      const csv = exportAnnotationsCsv({
        annotations: segments,
        documents: new Map([...titles].map(([path, title]) => [path, { title }])),
        codebook,
      });
      const outcome = await deliverFile(exportFileName(props.corpusName, 'segments', 'csv'), csv, 'csv');
      if (outcome)
        setMessage(t('list.exported', { outcome, count: segments.length, n: formatCount(segments.length) }));
    } catch (e) {
      setMessage(t('list.exportFailed', { reason: errorMessage(e) }));
    }
  };

  // Arrow keys move between rows, scrolling rows that do not exist yet into being.
  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>): void => {
    const at = Number(
      (document.activeElement as HTMLElement | null)?.closest('[data-index]')?.getAttribute('data-index'),
    );
    if (!Number.isInteger(at)) return;
    const last = segments.length - 1;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: last,
      PageDown: at + page,
      PageUp: at - page,
    };
    const next = keys[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(last, next));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    const focus = (tries: number): void => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"] button`);
      if (el) el.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    requestAnimationFrame(() => focus(5));
  };

  return (
    <section aria-label={t('list.label')} className="analysis-main segments-view">
      <header className="analysis-header">
        <h2>
          {t('list.label')}{' '}
          <span className="count" role="status">
            {segmentCount(segments.length, props.total, formatCount)}
          </span>
        </h2>
        <span className="spacer" />
        {message && <span className="hint">{message}</span>}
        <button type="button" onClick={() => void exportCsv()} disabled={segments.length === 0}>
          {t('list.export')}
        </button>
      </header>
      {segments.length === 0 ? (
        <p className="empty-note">{props.total === 0 ? t('list.noAnnotations') : t('list.noMatch')}</p>
      ) : (
        <div ref={scrollRef} className="segment-scroll" onKeyDown={onKeyDown}>
          <ul
            aria-label={t('list.segments')}
            className="segment-list"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const a = segments[item.index]!;
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  aria-setsize={segments.length}
                  aria-posinset={item.index + 1}
                  className="segment-row"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  <SegmentRow
                    annotation={a}
                    codebook={codebook}
                    title={titles.get(a.documentPath) ?? a.documentPath}
                    date={infos.get(a.documentPath)?.date ?? null}
                    onOpen={props.onOpen}
                  />
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

interface RowProps {
  annotation: Annotation;
  codebook: Codebook;
  title: string;
  date: string | null;
  onOpen(target: OpenTarget): void;
}

function SegmentRow({ annotation: a, codebook, title, date, onOpen }: RowProps): React.JSX.Element {
  const { t } = useUiLanguage('segments');
  const context = segmentContext(a, corpusLibrary.codePoints(a.documentPath));
  const page = corpusLibrary.pageOf(a);
  const tag = tagLabel(codebook, a.tag);
  const attributes = describeAttributes(codebook, a.tag, a.attributes);
  const format = useFormat();
  return (
    <button
      type="button"
      className={`segment-item tag-${a.tag}`}
      aria-label={t('list.open', { tag, quote: shortTitle(a.quote, 60), title: shortTitle(title, 60) })}
      title={!context.placed && a.orphaned ? t('list.orphanedTitle') : undefined}
      onClick={() =>
        onOpen({
          path: a.documentPath,
          start: a.start,
          end: a.end,
          sha256: a.contentSha256,
          annotationId: a.id,
          select: false,
        })
      }
    >
      <span className="segment-meta">
        <span className="tag-swatch" aria-hidden="true" />
        <span className="segment-tag">{tag}</span>
        <MovedBadge annotation={a} />
        {attributes && <span className="segment-attrs">{attributes}</span>}
        <span className="spacer" />
        <span className="segment-annotator">{a.annotator}</span>
        {date && <span className="segment-date">{format.listDate(date)}</span>}
        {page !== undefined && <span className="segment-page">{t('page', { page })}</span>}
      </span>
      <span className="kwic">
        {a.orphaned && <span className="orphan-mark">{t('list.orphaned')} </span>}
        {/* The sides keep the spaces next to the match, so they are written as they come. */}
        {context.before && <span className="kwic-side">{context.before}</span>}
        <mark className="kwic-match">{context.match}</mark>
        {context.after && <span className="kwic-side">{context.after}</span>}
      </span>
      <span className="segment-doc">
        {shortTitle(title, 90)}
        {a.note && (
          <span className="segment-note">
            {' · '}
            {t('list.note', { note: a.note })}
          </span>
        )}
      </span>
    </button>
  );
}
