import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';

const ESTIMATED_ROW = 76;

/**
 * The annotations of a document in text order, drawn only where visible: a
 * long report with ten thousand annotations opens without ten thousand list
 * rows. The selected annotation is kept in view (Tab in the article moves it).
 */
export function AnnotationList(props: {
  annotations: Annotation[];
  selectedId: string | null;
  label: string;
  renderItem(annotation: Annotation): ReactNode;
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const { annotations } = props;
  // One function per list of annotations: the virtualizer measures every row again (ten thousand on a
  // long article) whenever this function changes, which made each Tab re-measure the whole list.
  const getItemKey = useCallback((i: number) => annotations[i]!.id, [annotations]);
  const virtualizer = useVirtualizer({
    count: props.annotations.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW,
    overscan: 8,
    getItemKey,
  });
  const selectedIndex = props.selectedId ? props.annotations.findIndex((a) => a.id === props.selectedId) : -1;
  useEffect(() => {
    if (selectedIndex < 0 || rowInView(virtualizer, selectedIndex)) return;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  // As tall as the rows measure (up to 60 % of the window): a box sized from the estimate cut the last
  // entry off whenever entries with attributes or notes grew taller than it.
  const total = virtualizer.getTotalSize();
  return (
    <div ref={scroller} className="annotation-scroller" style={{ height: `min(60vh, ${total}px)` }}>
      <ol
        className="annotation-list"
        aria-label={props.label}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const annotation = props.annotations[row.index]!;
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-setsize={props.annotations.length}
              aria-posinset={row.index + 1}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${row.start}px)`,
              }}
            >
              {props.renderItem(annotation)}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * Whether row `index` is wholly in the scroller's view, from what the
 * virtualizer already knows: `scrollToIndex` reads the scroller's
 * `scrollHeight`, a forced layout of the page (about 10 ms on a long
 * article) in every Tab's frame, even when the row needs no scrolling.
 */
function rowInView(virtualizer: Virtualizer<HTMLDivElement, Element>, index: number): boolean {
  const row = virtualizer.measurementsCache[index];
  const top = virtualizer.scrollOffset;
  const height = virtualizer.scrollRect?.height ?? 0;
  return !!row && top !== null && height > 0 && row.start >= top && row.end <= top + height;
}
