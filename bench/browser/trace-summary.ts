import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';

/*
 * `--profile`: a Chromium trace of one measured operation (open it in the
 * DevTools Performance panel) and where the renderer's main thread spent that
 * time: self time of the trace's events grouped into script, style, layout,
 * paint, GC and other, plus how much layout was forced by script (read while
 * the DOM was dirty) rather than done by the frame.
 */

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'v8',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const GROUPS: [string, RegExp][] = [
  ['profiler', /^CpuProfiler/],
  [
    'script',
    /^(FunctionCall|EventDispatch|TimerFire|FireAnimationFrame|v8\.callFunction|v8\.run|V8\.Execute|RunMicrotasks|EvaluateScript|v8\.compile|V8\.CompileCode|XHRReadyStateChange|v8\.produceCache|HandlePostMessage|ProfileCall)/,
  ],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)/],
  ['layout', /^(Layout|UpdateLayerTree|IntersectionObserverController|ResizeObserverController)/],
  ['paint', /^(PrePaint|Paint|PaintImage|Layerize|Commit|CompositeLayers|UpdateLayer|RasterTask|PaintSetup)/],
  ['gc', /(GC|GarbageCollect)/],
];

export function startTrace(browser: Browser, page: Page): Promise<void> {
  return browser.startTracing(page, { categories: CATEGORIES });
}

/** Stops, writes `<name>.trace.json` into `dir`, and returns a breakdown of the main thread's time. */
export async function stopTrace(browser: Browser, dir: string, name: string): Promise<string[]> {
  const buffer = await browser.stopTracing();
  await writeFile(join(dir, `${name}.trace.json`), buffer);
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  const main = mainThread(traceEvents);
  if (!main) return ['(no renderer main thread in the trace)'];
  const events = traceEvents
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);

  // Self time per event, from the nesting of complete events.
  const self = new Map<string, number>();
  let forcedLayout = 0;
  let busy = 0;
  const stack: { e: TraceEvent; end: number; childDur: number }[] = [];
  const close = (upTo: number): void => {
    while (stack.length && stack[stack.length - 1]!.end <= upTo) {
      const top = stack.pop()!;
      const group = groupOf(top.e.name);
      self.set(group, (self.get(group) ?? 0) + Math.max(0, top.e.dur! - top.childDur));
    }
  };
  for (const e of events) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.childDur += e.dur!;
    else if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') busy += e.dur!;
    if (
      (e.name === 'Layout' || e.name === 'UpdateLayoutTree') &&
      stack.some((s) => groupOf(s.e.name) === 'script')
    )
      forcedLayout += e.dur!;
    stack.push({ e, end: e.ts + e.dur!, childDur: 0 });
  }
  close(Number.POSITIVE_INFINITY);

  const ms = (us: number): string => `${(us / 1000).toFixed(1).padStart(8)} ms`;
  return [
    `${ms(busy)}  main thread busy (tasks)`,
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([group, us]) => `${ms(us)}  ${group} (self time)`),
    `${ms(forcedLayout)}  style + layout forced by script (included above)`,
  ];
}

function groupOf(name: string): string {
  for (const [group, pattern] of GROUPS) if (pattern.test(name)) return group;
  return 'other';
}

/** The page renderer's main thread: the CrRendererMain with the most task time. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
  const mains = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  let best: { pid: number; tid: number } | null = null;
  let bestBusy = -1;
  for (const m of mains) {
    const busy = events
      .filter(
        (e) =>
          e.pid === m.pid &&
          e.tid === m.tid &&
          e.ph === 'X' &&
          (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
      )
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
    if (busy > bestBusy) {
      best = { pid: m.pid, tid: m.tid };
      bestBusy = busy;
    }
  }
  return best;
}
