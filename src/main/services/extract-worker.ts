import { parentPort } from 'node:worker_threads';
import { runExtractor } from './extraction-run';
import type { WorkerJob, WorkerReply } from './extraction-pool';

/*
 * The extraction worker thread: one job at a time from the pool
 * (extraction-pool.ts), each answered with its result. Built as a second
 * main entry (out/main/extract-worker.js); from sources, bundled on first
 * use (extract-worker-script.ts).
 */
const port = parentPort;
if (!port) throw new Error('extract-worker.ts runs only as a worker thread');
port.on('message', (job: WorkerJob) => {
  void runExtractor(job.fileName, job.bytes, job.limits).then((result) =>
    port.postMessage({ type: 'result', id: job.id, result } satisfies WorkerReply),
  );
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
