import { parentPort } from 'node:worker_threads';
import { loadCorpusFileSync } from './corpus-file-bytes';
import { documentWithoutExtractor } from './document-extract';
import type { ReadChunk, ReadReply, ReadRow } from './scan-read-threads';

/*
 * A scan's reader thread (scan-read-threads.ts): each chunk of files is
 * read with synchronous calls and answered whole. Built as a main entry
 * (out/main/scan-read-worker.js); from sources, bundled on first use
 * (extract-worker-script.ts).
 */
const port = parentPort;
if (!port) throw new Error('scan-read-worker.ts runs only as a worker thread');

// One chunk after another: a chunk's reads block this thread, and the next message waits its turn.
let chain: Promise<void> = Promise.resolve();
port.on('message', (chunk: ReadChunk) => {
  chain = chain.then(() => answer(chunk));
});

async function answer({ rootReal, maxFileBytes, files, texts }: ReadChunk): Promise<void> {
  const rows: ReadRow[] = [];
  const moved: ArrayBuffer[] = [];
  for (const { index, path, file } of files) {
    const loaded = loadCorpusFileSync(path, file, maxFileBytes, rootReal);
    if ('meta' in loaded) {
      rows.push({ index, meta: loaded.meta });
      continue;
    }
    // Plain text is decided here; the cache and the extractors are main's.
    const document = await documentWithoutExtractor(path, loaded.bytes);
    if (document) {
      const { meta, text, structure } = document;
      rows.push(
        texts && meta.status === 'ok' && text !== null
          ? { index, meta, text, ...(structure ? { structure } : {}) }
          : { index, meta },
      );
      continue;
    }
    // A buffer of its own, moved rather than cloned: small reads share one pooled ArrayBuffer.
    const bytes = new Uint8Array(loaded.bytes);
    moved.push(bytes.buffer);
    rows.push({ index, bytes });
  }
  port!.postMessage({ rows } satisfies ReadReply, moved);
}
