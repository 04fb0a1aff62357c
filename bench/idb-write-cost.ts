import { readdirSync, readFileSync } from 'node:fs';
import { launchChromium } from './browser/chromium';
import { openIdbPage } from './browser/idb-page';
import type { IdbProbe } from './browser/idb-probe';
import type { WriteShape } from './browser/idb-write-cost';

/*
 * `npx tsx bench/idb-write-cost.ts [rows] [rounds]`: what a stored row costs
 * Chromium's IndexedDB by index set and transaction shape (see
 * `browser/idb-write-cost.ts`). The shapes alternate within each round, so
 * other work on the machine slows them alike; medians per shape.
 */

const CURRENT = ['documentPath', '[documentPath+annotator]', 'annotator', 'tag', 'updatedAt'];
const ALL: [string, WriteShape][] = [
  ['5 indexes, 1 tx, dexie', { indexes: CURRENT, perTransaction: Infinity, via: 'dexie' }],
  ['5 indexes, 1 tx, idb', { indexes: CURRENT, perTransaction: Infinity, via: 'idb' }],
  ['5 indexes, tx of 10000', { indexes: CURRENT, perTransaction: 10_000, via: 'dexie' }],
  ['5 indexes, tx of 1000', { indexes: CURRENT, perTransaction: 1000, via: 'dexie' }],
  [
    '3 simple (docPath, annotator, updatedAt)',
    { indexes: ['documentPath', 'annotator', 'updatedAt'], perTransaction: Infinity, via: 'dexie' },
  ],
  [
    '2: [docPath+annotator], annotator',
    { indexes: ['[documentPath+annotator]', 'annotator'], perTransaction: Infinity, via: 'dexie' },
  ],
  [
    '1 compound [docPath+annotator]',
    { indexes: ['[documentPath+annotator]'], perTransaction: Infinity, via: 'dexie' },
  ],
  [
    '1 compound [annotator+docPath]',
    { indexes: ['[annotator+documentPath]'], perTransaction: Infinity, via: 'dexie' },
  ],
  ['1 simple annotator', { indexes: ['annotator'], perTransaction: Infinity, via: 'dexie' }],
  ['1 simple updatedAt', { indexes: ['updatedAt'], perTransaction: Infinity, via: 'dexie' }],
  [
    '2 idb: [docPath+annotator], annotator',
    { indexes: ['[documentPath+annotator]', 'annotator'], perTransaction: Infinity, via: 'idb' },
  ],
  [
    '3 idb: [docPath+annotator], annotator, updatedAt',
    { indexes: ['[documentPath+annotator]', 'annotator', 'updatedAt'], perTransaction: Infinity, via: 'idb' },
  ],
  ['0 indexes', { indexes: [], perTransaction: Infinity, via: 'dexie' }],
  ['0 indexes, idb', { indexes: [], perTransaction: Infinity, via: 'idb' }],
  ['packed 100 records a row', { indexes: [], perTransaction: Infinity, via: 'dexie', packed: 100 }],
  ['packed 1000 records a row', { indexes: [], perTransaction: Infinity, via: 'dexie', packed: 1000 }],
  ['packed 5000 records a row', { indexes: [], perTransaction: Infinity, via: 'dexie', packed: 5000 }],
];

// `ONLY=packed,0 indexes` runs the shapes whose label starts with one of those.
const only = process.env.ONLY?.split(',');
const SHAPES = only ? ALL.filter(([label]) => only.some((o) => label.startsWith(o))) : ALL;

/**
 * CPU seconds (user + system) of this process's descendants (Chromium's browser, renderer and
 * storage processes): on a shared machine, the work done, where wall time mostly measures the others.
 */
function chromiumCpuSeconds(): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  let ticks = 0;
  for (const [pid, { ticks: t }] of stats) {
    for (let p = stats.get(pid)?.ppid; p !== undefined && p > 1; p = stats.get(p)?.ppid)
      if (p === process.pid) {
        ticks += t;
        break;
      }
  }
  return ticks / 100;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 20_000);
  const rounds = Number(process.argv[3] ?? 3);
  const browser = await launchChromium();
  const times = new Map<string, number[]>(SHAPES.map(([label]) => [label, []]));
  const cpu = new Map<string, number[]>(SHAPES.map(([label]) => [label, []]));
  try {
    const page = await openIdbPage(browser);
    for (let round = 0; round < rounds; round++)
      for (const [label, shape] of SHAPES) {
        const cpu0 = chromiumCpuSeconds();
        const { ms } = await page.evaluate(
          ({ shape, rows, name }) =>
            (globalThis as unknown as { tandaIdbProbe: IdbProbe }).tandaIdbProbe.writeCost(name, shape, rows),
          {
            shape: { ...shape, perTransaction: Math.min(shape.perTransaction, rows) },
            rows,
            name: `cost-${round}`,
          },
        );
        times.get(label)!.push(ms);
        cpu.get(label)!.push((chromiumCpuSeconds() - cpu0) * 1000);
      }
  } finally {
    await browser.close();
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${rows} rows, ${rounds} rounds; medians: wall ms (µs per row), Chromium CPU ms (µs per row)`);
  for (const [label, ms] of times) {
    const wall = median(ms);
    const work = median(cpu.get(label)!);
    console.log(
      `${label.padEnd(50)} wall ${wall.toFixed(0).padStart(6)} (${((wall * 1000) / rows).toFixed(1).padStart(6)})` +
        `  cpu ${work.toFixed(0).padStart(6)} (${((work * 1000) / rows).toFixed(1).padStart(6)})`,
    );
  }
}

void main();
