import type { Page } from '@playwright/test';
import { findInText } from '../../src/shared/corpus/corpus-search';
import { errorMessage } from '../../src/shared/validation/error-message';
import type { BenchContext } from '../context';
import { round } from '../stats';

/*
 * The long article's keyboard actions (issue #13 item 7, #20): Tab to the
 * next annotation, Tab right after a Delete, Enter to the annotation's form,
 * Ctrl+Z of a tag, and undo / redo of a *Tag all matches* step of about a
 * thousand annotations. Each is timed in the page by tanda-probe.js, from
 * the keydown's own timestamp to the painted frame that shows its effect.
 */

export interface KeyTimes {
  tab: number[];
  tabAfterDelete: number[];
  enter: number[];
  undo: number[];
}

export interface TagAllTimes {
  query: string;
  annotations: number;
  /** Keydown → every annotation of the step gone (undo) or drawn (redo), painted. */
  undo: number[];
  redo: number[];
  /** Keydown → the step written and announced ("Undid …"), painted. */
  undoDone: number[];
  redoDone: number[];
}

/** Calls a method of the in-page probe (tanda-probe.js) and awaits it. */
export function probe(page: Page, method: string, ...args: unknown[]): Promise<unknown> {
  const list = args.map((a) => JSON.stringify(a)).join(', ');
  return page.evaluate(`window.__tandaBench.${method}(${list})`);
}

interface Picked {
  id: string;
  quote: string;
  x: number;
  y: number;
}

/**
 * Clicks a highlight near paragraph `i` of `n` and waits until the app has
 * it selected. A click that did not select (the page moved under the
 * pointer while busy) is tried again at the next highlight there.
 */
async function selectHighlight(page: Page, i: number, n: number): Promise<Picked> {
  for (let attempt = 0; ; attempt++) {
    const target = (await probe(page, 'pickHighlight', i, n, attempt)) as Picked;
    await page.mouse.click(target.x, target.y);
    try {
      // A function, not a string: a string predicate that is not true at once is polled with eval, which the CSP forbids.
      await page.waitForFunction(
        (quote) =>
          (
            globalThis as unknown as { __tandaBench: { selectedQuote(): string | null } }
          ).__tandaBench.selectedQuote() === quote,
        target.quote,
        { timeout: 10_000 },
      );
      await probe(page, 'settle');
      return target;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function timed(page: Page, arm: [string, ...unknown[]], press: string): Promise<number> {
  await probe(page, ...arm);
  await page.keyboard.press(press);
  try {
    return ((await probe(page, 'result')) as { ms: number }).ms;
  } catch (error) {
    // What the app said (its live regions and alerts) is what tells a lost key from a slow one.
    const said = (await probe(page, 'said')) as string;
    throw new Error(`${press}: ${errorMessage(error)}; the app said: ${said}`, {
      cause: error,
    });
  }
}

/** Runs `work`, under the profiler when `when` and `--profile` (see long-article.ts). */
export type Profiled = <T>(name: string, when: boolean, work: () => Promise<T>) => Promise<T>;

/** `n` of each keyboard action, spread over the article (positions apart from the other operations'). */
export async function keyOps(
  ctx: BenchContext,
  page: Page,
  n: number,
  profiled: Profiled = (_name, _when, work) => work(),
): Promise<KeyTimes> {
  const times: KeyTimes = { tab: [], tabAfterDelete: [], enter: [], undo: [] };
  // Positions between those the tag and delete operations used.
  const at = (i: number, shift: number): [number, number] => [4 * i + shift, 4 * n];
  for (let i = 0; i < n; i++) {
    const middle = i === Math.floor(n / 2);
    await selectHighlight(page, ...at(i, 1));
    times.tab.push(await profiled('tab', middle, () => timed(page, ['armSelectNext', 'Tab'], 'Tab')));
    await probe(page, 'quiet');

    const picked = await selectHighlight(page, ...at(i, 2));
    await timed(page, ['armDelete', picked.id], 'Delete');
    // Right after the delete is painted, as an analyst moving on would: its save is still running.
    times.tabAfterDelete.push(
      await profiled('tab-after-delete', middle, () => timed(page, ['armSelectNext', 'Tab'], 'Tab')),
    );
    await probe(page, 'quiet');

    await selectHighlight(page, ...at(i, 3));
    times.enter.push(await timed(page, ['armOpenForm'], 'Enter'));
    await page.keyboard.press('Escape');
    await probe(page, 'quiet');

    await probe(page, 'selectFresh', ...at(i, 0));
    await page.getByRole('toolbar', { name: 'Tag selection' }).waitFor({ state: 'visible' });
    await probe(page, 'settle');
    await probe(page, 'armAdd', '1');
    await page.keyboard.press('1');
    const { id } = (await probe(page, 'result')) as { id: string };
    await probe(page, 'quiet');
    await probe(page, 'settle');
    times.undo.push(
      await profiled('undo', i === 0, () => timed(page, ['armDelete', id, ['z']], 'Control+z')),
    );
    await probe(page, 'quiet');
  }
  return times;
}

/**
 * The whole word with the number of matches in `text` closest to `target`
 * (as Find in article counts them, whole words on), for a *Tag all* of that size.
 */
export function tagAllQuery(text: string, target: number): { query: string; matches: number } {
  const counts = new Map<string, number>();
  for (const word of text.match(/\p{L}{4,}/gu) ?? []) {
    const key = word.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target));
  // Find folds case and accents: count as it does, among the few closest.
  let best: { query: string; matches: number } | null = null;
  for (const [query] of ranked.slice(0, 8)) {
    const matches = findInText(text, query, { wholeWords: true }).length;
    if (!best || Math.abs(matches - target) < Math.abs(best.matches - target)) best = { query, matches };
  }
  if (!best) throw new Error('the article has no words to find');
  return best;
}

/** Tags every match of `query` through the find bar, then undoes and redoes that step `cycles` times. */
export async function tagAllOps(
  ctx: BenchContext,
  page: Page,
  query: { query: string; matches: number },
  cycles: number,
): Promise<TagAllTimes> {
  await page.getByRole('textbox', { name: 'Article text' }).focus();
  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'Find in article' });
  await bar.getByRole('searchbox', { name: 'Find in article' }).fill(query.query);
  await bar.getByRole('checkbox', { name: 'Whole words' }).check();
  await bar.getByText(`of ${query.matches}`, { exact: false }).waitFor();
  const before = new Set((await probe(page, 'drawnIds')) as string[]);
  await bar.getByRole('button', { name: 'Tag all matches' }).click();
  await bar
    .getByRole('alertdialog', { name: 'Tag all matches?' })
    .getByRole('button', { name: `Tag ${query.matches} matches` })
    .click();
  await bar.getByRole('status').filter({ hasText: 'Tagged' }).waitFor({ timeout: 120_000 });
  await bar.getByRole('button', { name: 'Close find' }).click();
  await probe(page, 'quiet', 500, 60_000);
  const ids = ((await probe(page, 'drawnIds')) as string[]).filter((id) => !before.has(id));
  ctx.log(`long-article: tag all "${query.query}": ${ids.length} annotations (${query.matches} matches)`);

  const times: TagAllTimes = {
    query: query.query,
    annotations: ids.length,
    undo: [],
    redo: [],
    undoDone: [],
    redoDone: [],
  };
  for (let c = 0; c < cycles; c++) {
    for (const [gone, press] of [
      [true, 'Control+z'],
      [false, 'Control+Shift+Z'],
    ] as const) {
      await probe(page, 'settle');
      await probe(page, 'armMany', 'z', ids, gone);
      await page.keyboard.press(press);
      const r = (await probe(page, 'result')) as { ms: number; doneMs: number };
      (gone ? times.undo : times.redo).push(r.ms);
      (gone ? times.undoDone : times.redoDone).push(r.doneMs);
      ctx.log(
        `long-article: ${gone ? 'undo' : 'redo'} of tag all: painted ${round(r.ms)} ms, done ${round(r.doneMs)} ms`,
      );
      await probe(page, 'quiet', 500, 60_000);
    }
  }
  return times;
}
