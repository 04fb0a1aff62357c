import { isMainThread } from 'node:worker_threads';
import { errorMessage } from '../../shared/validation/error-message';
import { extractorForFileName } from './extractors/extractor-by-name';
import { ExtractionRefused, type ExtractionLimits, type ExtractionResult } from './extractors/extraction';
import { txtExtractor } from './extractors/text-extractor';

/**
 * One file's bytes through its extractor, never throwing: what a worker
 * thread runs for each job, and what main runs itself when no worker can
 * start. A library failing on a file it could not make sense of is still a
 * bad file, not a bad scan.
 */
export async function runExtractor(
  fileName: string,
  bytes: Uint8Array,
  limits: ExtractionLimits,
): Promise<ExtractionResult> {
  const extractor = extractorForFileName(fileName) ?? txtExtractor;
  try {
    if (stallRequested(bytes)) return await stall();
    return await extractor.extract(bytes, limits);
  } catch (error) {
    if (error instanceof ExtractionRefused) return { kind: 'skipped', reason: error.reason };
    const message = errorMessage(error);
    return { kind: 'skipped', reason: `cannot extract text (${message.split('\n')[0]!.slice(0, 200)})` };
  }
}

/**
 * Test seam for the time limit: with TANDA_TEST_STALL_EXTRACTION set, a file
 * containing its value never finishes. Real inputs are slow only on slow
 * machines, and a test must not wait 30 s to see a limit work.
 */
const STALL_ENV = 'TANDA_TEST_STALL_EXTRACTION';

function stallRequested(bytes: Uint8Array): boolean {
  const marker = process.env[STALL_ENV];
  return !!marker && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker);
}

function stall(): Promise<never> {
  // In a worker, block the thread as a runaway parser would: only terminate() ends it. Main must not
  // be blocked, so there it is a promise that never settles.
  if (!isMainThread) for (;;);
  return new Promise<never>(() => {});
}
