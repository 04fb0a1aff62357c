import { afterEach, describe, expect, it, vi } from 'vitest';
import { virtualAfterLayout } from '../virtual-after-layout';

/** An element whose layout reads are counted: reading one while React commits is what must not happen. */
function element(height: number) {
  const reads = { count: 0 };
  const el = {
    reads,
    get offsetHeight() {
      reads.count++;
      return height;
    },
    get offsetWidth() {
      reads.count++;
      return 300;
    },
    getAttribute: () => '3',
  };
  return el;
}

type Instance = Parameters<ReturnType<typeof virtualAfterLayout>['measureElement'] & object>[2];

function instance(scrollElement: unknown, cached: Map<string, number>): Instance {
  return {
    scrollElement,
    itemSizeCache: cached,
    indexFromElement: () => 3,
    options: { getItemKey: (i: number) => `doc-${i}`, estimateSize: () => 98 },
  } as unknown as Instance;
}

describe('virtualAfterLayout', () => {
  afterEach(() => vi.unstubAllGlobals());
  const options = virtualAfterLayout({ innerWidth: 1280, innerHeight: 800 } as Window);

  it('starts from the window’s size', () => {
    expect(options.initialRect).toEqual({ width: 1280, height: 800 });
  });

  it('measures a mounting row without reading layout: its known height, else the estimate', () => {
    const row = element(120);
    expect(options.measureElement!(row as never, undefined, instance(null, new Map()))).toBe(98);
    expect(options.measureElement!(row as never, undefined, instance(null, new Map([['doc-3', 131]])))).toBe(
      131,
    );
    expect(row.reads.count).toBe(0);
  });

  it('takes the observer’s border box once the layout is done', () => {
    const row = element(120);
    const entry = {
      borderBoxSize: [{ blockSize: 119.6, inlineSize: 300 }],
    } as unknown as ResizeObserverEntry;
    expect(options.measureElement!(row as never, entry, instance(null, new Map()))).toBe(120);
    expect(
      options.measureElement!(row as never, { borderBoxSize: [] } as never, instance(null, new Map())),
    ).toBe(120);
  });

  it('reports the scroller’s size only from the observer, and stops with it', () => {
    const observers: { callback: () => void; disconnected: boolean }[] = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        record: { callback: () => void; disconnected: boolean };
        constructor(callback: () => void) {
          this.record = { callback, disconnected: false };
          observers.push(this.record);
        }
        observe(): void {}
        disconnect(): void {
          this.record.disconnected = true;
        }
      },
    );
    const scroller = element(640);
    const reports: unknown[] = [];
    const stop = options.observeElementRect!(instance(scroller, new Map()), (rect) => reports.push(rect));
    expect(reports).toEqual([]);
    expect(scroller.reads.count).toBe(0);
    observers[0]!.callback();
    expect(reports).toEqual([{ width: 300, height: 640 }]);
    (stop as () => void)();
    expect(observers[0]!.disconnected).toBe(true);
    expect(options.observeElementRect!(instance(null, new Map()), () => {})).toBeUndefined();
  });
});
