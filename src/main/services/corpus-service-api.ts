import type { CorpusEvent, CorpusSnapshot, DocumentText } from '../../shared/corpus/corpus-types';

/**
 * What Electron main, browser mode and the CLI need from a corpus. Plain Node:
 * nothing here may import Electron.
 */
export interface CorpusServiceApi {
  readonly root: string;
  /** The documents known now (possibly while a scan is still running). */
  snapshot(): CorpusSnapshot;
  /** Resolves when the scan started by open/reload has finished. */
  ready(): Promise<CorpusSnapshot>;
  /**
   * Reads one listed document by its relative path; throws CorpusError. From the disk, unless
   * `scanned`: then a text the last scan decoded, at the hash listed now, may answer, once (the
   * renderer's loading of every text right after a scan).
   */
  readDocument(path: string, options?: ReadOptions): Promise<DocumentText>;
  /** Rescans the folder from scratch. */
  reload(): Promise<CorpusSnapshot>;
  onEvent(listener: (event: CorpusEvent) => void): () => void;
  close(): Promise<void>;
}

export interface ReadOptions {
  scanned?: boolean;
}

export type CorpusErrorCode =
  | 'not-a-folder' // the corpus root is missing or not a directory
  | 'invalid-path' // a requested path is absolute, escapes the root, or is malformed
  | 'not-found' // no listed document has this path
  | 'not-readable'; // the document is listed but skipped/in error, or reading failed

export class CorpusError extends Error {
  constructor(
    readonly code: CorpusErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CorpusError';
  }
}
