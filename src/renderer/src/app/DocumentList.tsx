import { useVirtualizer } from '@tanstack/react-virtual';
import { virtualAfterLayout } from '../ui/virtual-after-layout';
import { useEffect, useRef, useState } from 'react';
import type { DocumentTally } from '../../../shared/annotation/document-tally';
import type { Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta, ReadingProgress } from '../../../shared/corpus/corpus-types';
import { shortTitle } from '../../../shared/corpus/short-title';
import { tagLabel } from '../annotate/annotation-labels';
import type { WorkStatus } from '../db/tanda-db';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { listKeyTarget } from '../ui/list-keys';
import { ReadingStatus } from './ReadingStatus';

/** A row with a two-line title, a facts line and a metadata line; rows are measured once drawn. */
const ESTIMATED_ROW = 98;

interface Props {
  documents: DocumentMeta[];
  /** While files listed as `reading` are still being extracted: how many are done. */
  reading?: ReadingProgress;
  /** The analyst's own progress per document path. */
  statuses: ReadonlyMap<string, WorkStatus>;
  selectedPath: string | null;
  onSelect: (path: string) => void;
  /** One short line per document path, e.g. `2025-10-09 · VOVWORLD · Indonesian`. */
  metadata?: ReadonlyMap<string, string>;
  /** The analyst's own annotations counted per document path. */
  tallies?: ReadonlyMap<string, DocumentTally>;
  /** Names the tags of the counts, in its order. */
  codebook?: Codebook;
}

/**
 * The corpus as a list: good documents open on click; bad ones say why on
 * hover and focus. Only the rows in view (and a few around) are drawn, so a
 * corpus of ten thousand files opens, and takes its metadata lines as they
 * arrive, at the cost of a screenful. The arrow keys, Home and End walk the
 * whole list, scrolling as they go; the open document is kept in view.
 */
export function DocumentList({
  documents,
  reading,
  statuses,
  selectedPath,
  onSelect,
  metadata,
  tallies,
  codebook,
}: Props): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const format = useFormat();
  const bad = documents.filter((d) => d.status !== 'ok' && d.status !== 'reading').length;
  const scroller = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [listTop, setListTop] = useState(0);
  const empty = documents.length === 0;
  // Read where the rows start once the browser has laid the list out (see virtualAfterLayout).
  useEffect(() => {
    const list = listRef.current;
    if (!list) return undefined;
    const observer = new ResizeObserver(() => setListTop(list.offsetTop));
    observer.observe(list);
    return () => observer.disconnect();
  }, [bad, empty]);
  const virtualizer = useVirtualizer({
    ...virtualAfterLayout(window),
    count: documents.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW,
    overscan: 10,
    scrollMargin: listTop,
    getItemKey: (i) => documents[i]!.path,
  });

  const selectedIndex = selectedPath === null ? -1 : documents.findIndex((d) => d.path === selectedPath);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  /** Focus the row at `index` once it is drawn (it may be far off screen). */
  const focusRow = (index: number, tries = 10): void => {
    const button = listRef.current?.querySelector<HTMLElement>(`li[data-index="${index}"] button`);
    if (button) {
      button.focus();
      return;
    }
    if (tries > 0) requestAnimationFrame(() => focusRow(index, tries - 1));
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>): void => {
    const row = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('li[data-index]');
    if (!row || !event.currentTarget.contains(row)) return;
    const target = listKeyTarget(event.key, Number(row.dataset.index), documents.length);
    if (target === null) return;
    event.preventDefault();
    virtualizer.scrollToIndex(target, { align: 'auto' });
    focusRow(target);
  };

  const rows = virtualizer.getVirtualItems();
  return (
    <nav aria-label={t('list.label')} className="document-list" ref={scroller}>
      <h2 className="pane-heading">
        {t('list.heading')} <span className="count">{format.number(documents.length - bad)}</span>
        {bad > 0 && (
          <span className="count bad" title={t('list.badTitle')}>
            {t('list.bad', { count: bad, n: format.number(bad) })}
          </span>
        )}
      </h2>
      <ReadingStatus reading={reading} />
      {documents.length === 0 && <p className="empty-note">{t('list.empty')}</p>}
      <ul
        ref={listRef}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {rows.map((row) => {
          const doc = documents[row.index]!;
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-setsize={documents.length}
              aria-posinset={row.index + 1}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${row.start - listTop}px)`,
              }}
            >
              <DocumentRow
                doc={doc}
                status={statuses.get(doc.path) ?? 'not_started'}
                current={doc.path === selectedPath}
                metadata={metadata?.get(doc.path)}
                tally={tallies?.get(doc.path)}
                codebook={codebook}
                onSelect={onSelect}
              />
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function DocumentRow({
  doc,
  status,
  current,
  metadata,
  tally,
  codebook,
  onSelect,
}: {
  doc: DocumentMeta;
  status: WorkStatus;
  current: boolean;
  metadata: string | undefined;
  tally: DocumentTally | undefined;
  codebook: Codebook | undefined;
  onSelect: (path: string) => void;
}): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const format = useFormat();
  const ok = doc.status === 'ok';
  const reasonId = `reason-${encodeURIComponent(doc.path)}`;
  const title = shortTitle(doc.title);
  return (
    <button
      type="button"
      className={`document-item status-${doc.status}`}
      aria-current={current ? 'page' : undefined}
      aria-disabled={ok ? undefined : true}
      aria-describedby={ok ? undefined : reasonId}
      title={
        ok
          ? doc.path
          : t('list.badRowTitle', {
              path: doc.path,
              reason: doc.status === 'reading' ? t('reading.row') : (doc.reason ?? doc.status),
            })
      }
      onClick={() => ok && onSelect(doc.path)}
    >
      {/* The shortened title for the eye; the whole of it for screen readers and in the tooltip. */}
      <span className="document-title" title={title.rest ? doc.title : undefined}>
        {title.shown}
        {title.rest && (
          <>
            <span aria-hidden="true">…</span>
            <span className="visually-hidden">{title.rest}</span>
          </>
        )}
      </span>
      {ok && <DocumentFacts status={status} tally={tally} codebook={codebook} />}
      <span className="document-sub">
        {ok ? t('list.chars', { n: format.number(doc.chars ?? 0), path: doc.path }) : doc.path}
      </span>
      {/* The line is kept while the metadata is still being worked out, so rows do not grow under the analyst's eyes. */}
      {ok &&
        (metadata ? (
          <span className="document-metadata">{metadata}</span>
        ) : (
          <span className="document-metadata" aria-hidden="true">
            {'\u00a0'}
          </span>
        ))}
      {!ok && (
        <span id={reasonId} className="document-reason">
          {doc.status === 'reading'
            ? t('reading.row')
            : doc.status === 'skipped'
              ? t('list.skipped', { reason: doc.reason })
              : t('list.error', { reason: doc.reason })}
        </span>
      )}
    </button>
  );
}

/** Status, then the analyst's annotations per tag (codebook order), then what re-anchoring asks to check. */
function DocumentFacts({
  status,
  tally,
  codebook,
}: {
  status: WorkStatus;
  tally: DocumentTally | undefined;
  codebook: Codebook | undefined;
}): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const format = useFormat();
  const known = new Set(codebook?.tags.map((t) => t.id));
  const order = [
    ...(codebook?.tags.map((t) => t.id) ?? []),
    ...[...(tally?.byTag.keys() ?? [])].filter((id) => !known.has(id)),
  ];
  const counts = order.flatMap((id) => {
    const n = tally?.byTag.get(id) ?? 0;
    return n > 0 ? [{ id, n, label: codebook ? tagLabel(codebook, id) : id }] : [];
  });
  return (
    <span className="document-facts">
      <span className={`status-badge ${status}`}>{t(`status.${status}`)}</span>{' '}
      {counts.map(({ id, n, label }) => (
        <span key={id} className="tag-count" title={t('list.tagCount', { tag: label, n: format.number(n) })}>
          <span className={`tag-swatch tag-${id}`} data-tag={id} aria-hidden="true" />
          <span className="visually-hidden">{label}</span> {format.number(n)}{' '}
        </span>
      ))}
      {tally && tally.moved > 0 && (
        <span className="moved-count" title={t('list.movedTitle')}>
          {t('list.moved', { count: tally.moved, n: format.number(tally.moved) })}
        </span>
      )}
    </span>
  );
}
