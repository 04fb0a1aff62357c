import { readFileSync } from 'node:fs';
import { openCorpus } from '../../src/main/services/corpus-service';

/*
 * One scan, in a process of its own so its memory is the corpus service's
 * alone: `node --import tsx scan-child.ts <corpus>` prints one JSON line.
 * The corpus is opened as the app opens it (watching for changes).
 */

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: scan-child.ts <corpus folder>');
  const baselineRss = process.memoryUsage.rss();
  let peakSampled = baselineRss;
  const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage.rss())), 20);

  const t0 = performance.now();
  let listedAt: number | null = null;
  const service = await openCorpus(dir);
  service.onEvent((event) => {
    if (event.type === 'corpus-opened' && listedAt === null) listedAt = performance.now();
  });
  const snapshot = await service.ready();
  const readyAt = performance.now();
  clearInterval(sampler);
  peakSampled = Math.max(peakSampled, process.memoryUsage.rss());
  await service.close();

  const ok = snapshot.documents.filter((d) => d.status === 'ok').length;
  const encodings: Record<string, number> = {};
  for (const d of snapshot.documents)
    encodings[d.encoding ?? 'none'] = (encodings[d.encoding ?? 'none'] ?? 0) + 1;
  process.stdout.write(
    `${JSON.stringify({
      documents: snapshot.documents.length,
      ok,
      encodings,
      time_to_list_ms: (listedAt ?? readyAt) - t0,
      time_to_ready_ms: readyAt - t0,
      baseline_rss_mb: baselineRss / 2 ** 20,
      peak_rss_mb: Math.max(peakSampled, highWaterMark() ?? 0) / 2 ** 20,
    })}\n`,
  );
}

/** The kernel's exact peak resident set size (Linux), which 20 ms sampling can miss. */
function highWaterMark(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
