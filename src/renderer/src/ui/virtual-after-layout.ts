import type { VirtualizerOptions } from '@tanstack/react-virtual';

type Options = Pick<
  VirtualizerOptions<HTMLElement, Element>,
  'initialRect' | 'observeElementRect' | 'measureElement'
>;

/**
 * Options for a virtualized list that never reads layout while React commits.
 *
 * By default the virtualizer reads the scroller's size and each new row's height as they mount.
 * That forces the browser to lay out the whole page inside React's task, and it re-renders in the
 * same task. At launch, with 10,000 documents listed, that was the page's longest task.
 *
 * Here both sizes come from a ResizeObserver, which the browser calls once the layout is done and
 * before the frame is painted. Until then the scroller is taken as tall as the window and each row
 * as `estimateSize` (or the height already measured for its key). The first frame draws a few
 * rows too many at worst, never too few.
 */
export function virtualAfterLayout(window: Window): Options {
  return {
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    observeElementRect: (instance, report) => {
      const element = instance.scrollElement;
      if (!element) return undefined;
      // In the observer's callback the layout is current: reading it forces nothing.
      const observer = new ResizeObserver(() =>
        report({ width: element.offsetWidth, height: element.offsetHeight }),
      );
      observer.observe(element);
      return () => observer.disconnect();
    },
    measureElement: (element, entry, instance) => {
      const box = entry?.borderBoxSize[0];
      if (box) return Math.round(box.blockSize);
      if (entry) return (element as HTMLElement).offsetHeight;
      // Called as the row mounts: what is known, and the observer's entry corrects it.
      const index = instance.indexFromElement(element);
      return (
        instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index)
      );
    },
  };
}
