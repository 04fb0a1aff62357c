import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  compareDocumentPaths,
  type CorpusEvent,
  type CorpusSnapshot,
  type DocumentMeta,
  type DocumentText,
  type ReadingProgress,
} from '../../shared/corpus/corpus-types';
import { checkDocumentPath, resolveInsideRoot } from './corpus-paths';
import {
  scanCorpus,
  scanCorpusFile,
  readCorpusFile,
  isCorpusFileName,
  isHiddenName,
  DEFAULT_MAX_FILE_BYTES,
  type ScannedDocument,
  type ScanText,
} from './corpus-scan';
import { CorpusError, type CorpusServiceApi, type ReadOptions } from './corpus-service-api';
import { walkCorpus } from './corpus-walk';
import { extractionCache, type ExtractionCache } from './extraction-cache';
import { sharedExtractionRunner, type ExtractionRunner } from './extraction-pool';
import { watchCorpus, type CorpusChanges, type CorpusWatcher } from './corpus-watch';
import { errorMessage } from '../../shared/validation/error-message';
import { watchTeamFolder } from './team-folder';
import { ScannedTexts } from './scanned-texts';

/**
 * A corpus folder kept in memory as a listing of DocumentMeta, up to date
 * with the disk. Plain Node: Electron main, the browser-mode server and the
 * CLI all use it.
 *
 * Every change to the listing (full scan, watcher batch) runs through one
 * queue, one at a time, so a batch that arrives during a scan is applied to
 * the scan's result instead of racing it.
 */

export interface OpenCorpusOptions {
  /** Files above this many bytes are listed as skipped. Default 32 MiB. */
  maxFileBytes?: number;
  /** Keep the listing up to date as files change. Default true; the CLI turns it off. */
  watch?: boolean;
  /**
   * How long the watcher's start waits at most, after the scan, for the texts the scan kept to be
   * read (see `start`). Default WATCH_AFTER_READS_MS.
   */
  watchAfterReadsMs?: number;
  /** A folder for extraction results (the app's data folder); none: every open extracts again. */
  cacheDir?: string;
  /** Who runs the extractors. Default: the process's pool of worker threads (extraction-pool.ts). */
  runner?: ExtractionRunner;
}

/**
 * Ten seconds: the renderer reads 10,000 articles' texts in about two. A change made meanwhile is
 * found by the catch-up that follows the watcher's crawl.
 */
export const WATCH_AFTER_READS_MS = 10_000;

/** `documents-read` events are gathered for this long, so a fast stretch of files is one message, not hundreds. */
const READ_EVENT_MS = 100;

/**
 * Opens a corpus folder and starts scanning it. Resolves as soon as the
 * folder is known to exist; `ready()` resolves when the scan is done.
 * Throws CorpusError('not-a-folder') naming the folder otherwise.
 */
export async function openCorpus(root: string, options: OpenCorpusOptions = {}): Promise<CorpusService> {
  const rootAbs = path.resolve(root);
  let isFolder: boolean;
  try {
    isFolder = (await stat(rootAbs)).isDirectory();
  } catch (error) {
    throw notAFolder(rootAbs, error);
  }
  if (!isFolder) throw new CorpusError('not-a-folder', `${rootAbs} is not a folder`);
  const service = new CorpusService(rootAbs, await realpath(rootAbs), options);
  service.start(options.watch ?? true, options.watchAfterReadsMs ?? WATCH_AFTER_READS_MS);
  return service;
}

export class CorpusService implements CorpusServiceApi {
  readonly name: string;
  private readonly maxFileBytes: number;
  private readonly cache: ExtractionCache | undefined;
  private readonly runner: ExtractionRunner;
  /** Set while a scan whose list was shown early is still extracting. */
  private reading: ReadingProgress | null = null;
  /** Keyed by DocumentMeta.path. Metas are replaced, never mutated. */
  private documents = new Map<string, ScannedDocument>();
  private sortedMetas: DocumentMeta[] | null = [];
  private scanning = false;
  private scanDone: Promise<CorpusSnapshot>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(event: CorpusEvent) => void>();
  private watcher: CorpusWatcher | null = null;
  private watcherReady: Promise<void> = Promise.resolve();
  /** `.tanda/` of a team project: dot-folders are not documents, so the corpus watcher skips it. */
  private teamWatcher: ReturnType<typeof watchTeamFolder> | null = null;
  private closed = false;
  private markClosed: () => void = () => {};
  private readonly closedSignal = new Promise<void>((resolve) => (this.markClosed = resolve));
  /**
   * What the first scan decoded, for the renderer's loading right after it. A rescan keeps none:
   * a renderer that has the texts asks again only for those that changed.
   */
  private readonly scannedTexts = new ScannedTexts();
  private firstScan = true;

  /** Use openCorpus, which checks the folder first. */
  constructor(
    /** Absolute path as the user gave it (for display). */
    readonly root: string,
    /** The same folder with symlinks resolved: what containment is checked against. */
    private readonly rootReal: string,
    options: OpenCorpusOptions = {},
  ) {
    this.name = path.basename(root);
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.cache = options.cacheDir ? extractionCache(options.cacheDir) : undefined;
    this.runner = options.runner ?? sharedExtractionRunner();
    this.scanDone = Promise.resolve(this.snapshot());
  }

  /** Starts the first scan and, when asked, the watcher. Called once, by openCorpus. */
  start(watch: boolean, watchAfterReadsMs = WATCH_AFTER_READS_MS): void {
    const startedAt = Date.now();
    const scanned = this.reload();
    scanned.catch(() => {}); // reported through ready()
    if (!watch) return;
    this.teamWatcher = watchTeamFolder(this.rootReal, () => this.emit({ type: 'team-changed' }), {
      onError: logFailure,
    });
    // The watcher's own crawl would double the scan's file system calls, so it
    // starts once the list is complete, then catches up on anything that
    // changed while the scan ran. It also waits for the renderer to read the
    // texts the scan kept: its crawl of 10,000 files held the event loop for
    // 0.7 s, and the page's own code, listing and texts waited behind it.
    this.watcherReady = scanned
      .catch(() => undefined)
      .then(() => Promise.race([this.scannedTexts.givenOut(watchAfterReadsMs), this.closedSignal]))
      .then(async () => {
        if (this.closed) return;
        const onChanges = (changes: CorpusChanges) => {
          this.enqueue(() => this.applyChanges(changes)).catch(logFailure);
        };
        this.watcher = watchCorpus(this.rootReal, onChanges, { onError: logFailure });
        await Promise.race([this.watcher.ready, this.closedSignal]);
        if (!this.closed) await this.enqueue(() => this.catchUp(startedAt)).catch(logFailure);
      });
  }

  /**
   * Files added, removed or written since `since` (the scan's start), found
   * by a listing and a stat per file, which costs a fraction of a rescan.
   */
  private async catchUp(since: number): Promise<void> {
    const known = new Map([...this.documents.values()].map((d) => [d.file, d]));
    // The scan's own walk (folder links not followed), so catch-up never finds what the scan did not list.
    const found = await walkCorpus(this.rootReal, { isHiddenName, isCorpusFileName }).catch(() => []);
    const onDisk = new Set(found.map((f) => f.file));
    const changes: CorpusChanges = { added: [], changed: [], removed: [], removedFolders: [] };
    const toDiskPath = (file: string): string => path.relative(this.rootReal, file).split(path.sep).join('/');
    for (const file of onDisk) {
      if (!known.has(file)) {
        changes.added.push(toDiskPath(file));
        continue;
      }
      // Coarse file system clocks: anything written within two seconds of the scan's start is re-read.
      const modified = await lstat(file).then(
        (st) => st.mtimeMs,
        () => Infinity,
      );
      if (modified >= since - 2000) changes.changed.push(toDiskPath(file));
    }
    for (const file of known.keys()) if (!onDisk.has(file)) changes.removed.push(toDiskPath(file));
    if (changes.added.length || changes.changed.length || changes.removed.length)
      await this.applyChanges(changes);
  }

  snapshot(): CorpusSnapshot {
    this.sortedMetas ??= [...this.documents.values()].map((d) => d.meta).sort(compareDocumentPaths);
    return {
      root: this.root,
      name: this.name,
      scanning: this.scanning,
      documents: [...this.sortedMetas],
      ...(this.reading ? { reading: { ...this.reading } } : {}),
    };
  }

  async ready(): Promise<CorpusSnapshot> {
    await this.scanDone;
    await this.watcherReady;
    return this.snapshot();
  }

  reload(): Promise<CorpusSnapshot> {
    this.scanning = true;
    const done = this.enqueue(() => this.scan());
    this.scanDone = done;
    return done;
  }

  async readDocument(requested: string, options: ReadOptions = {}): Promise<DocumentText> {
    const docPath = checkDocumentPath(requested);
    // A document listed early (while others are still being read) opens at once.
    if (this.documents.get(docPath)?.meta.status !== 'ok') await this.scanDone.catch(() => {});
    const entry = this.documents.get(docPath);
    if (!entry)
      throw new CorpusError('not-found', `no document ${JSON.stringify(docPath)} in corpus ${this.root}`);
    if (entry.meta.status !== 'ok') throw notReadable(docPath, entry.meta.reason);
    // Decoded by the scan moments ago, at the hash the listing has now (scanned-texts.ts).
    const scanned = options.scanned ? this.scannedTexts.take(docPath, entry.meta.sha256) : undefined;
    if (scanned) {
      const { text, structure } = scanned;
      return structure ? { meta: entry.meta, text, structure } : { meta: entry.meta, text };
    }

    const diskPath = path.relative(this.rootReal, entry.file).split(path.sep).join('/');
    // Refused early with its own message when it already resolves outside; the read itself goes through one
    // checked handle (corpus-open.ts), so a symlink swapped in after this check is not followed either.
    let file = entry.file;
    try {
      file = await resolveInsideRoot(this.rootReal, diskPath);
    } catch (error) {
      if (error instanceof CorpusError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.apply(docPath, null);
        throw new CorpusError(
          'not-found',
          `document ${JSON.stringify(docPath)} no longer exists in corpus ${this.root}`,
        );
      }
      // Anything else (a loop, a permission) the read below reports.
    }

    const { meta, text, structure } = await readCorpusFile(
      docPath,
      file,
      this.maxFileBytes,
      this.rootReal,
      undefined,
      this.cache,
      this.runner,
    );
    // The disk is the truth: whatever we just saw replaces the listing's entry.
    this.apply(docPath, { meta, file: entry.file });
    if (text === null) throw notReadable(docPath, meta.reason);
    return structure ? { meta, text, structure } : { meta, text };
  }

  onEvent(listener: (event: CorpusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.markClosed();
    this.scannedTexts.clear();
    this.listeners.clear();
    await Promise.all([this.watcher?.close(), this.teamWatcher?.close()]);
  }

  private async scan(): Promise<CorpusSnapshot> {
    this.scanning = true;
    const readEvents = this.batchReadEvents();
    this.scannedTexts.clear();
    try {
      const scanned = await scanCorpus(this.rootReal, {
        maxFileBytes: this.maxFileBytes,
        ...(this.cache ? { cache: this.cache } : {}),
        runner: this.runner,
        stopped: () => this.closed,
        onProgress: ({ done, total }) => this.emit({ type: 'scan-progress', done, total }),
        ...(this.firstScan
          ? { onText: (docPath: string, text: ScanText) => this.scannedTexts.keep(docPath, text) }
          : {}),
        onListed: (listed, reading) => {
          this.documents = new Map(listed.map((d) => [d.meta.path, d]));
          this.sortedMetas = listed.map((d) => d.meta);
          this.reading = reading;
          this.emit({ type: 'corpus-opened', snapshot: this.snapshot() });
        },
        onRead: (document, reading) => {
          this.documents.set(document.meta.path, document);
          this.sortedMetas = null;
          this.reading = reading;
          readEvents.add(document.meta, reading);
        },
      });
      readEvents.flush();
      this.documents = new Map(scanned.map((d) => [d.meta.path, d]));
      this.sortedMetas = scanned.map((d) => d.meta);
    } catch (error) {
      throw error instanceof CorpusError ? error : notAFolder(this.root, error);
    } finally {
      readEvents.stop();
      this.firstScan = false;
      this.scannedTexts.expireLater();
      this.scanning = false;
      this.reading = null;
    }
    const snapshot = this.snapshot();
    this.emit({ type: 'corpus-opened', snapshot });
    return snapshot;
  }

  /** Gathers read documents into one `documents-read` event per READ_EVENT_MS. */
  private batchReadEvents(): {
    add(meta: DocumentMeta, reading: ReadingProgress): void;
    flush(): void;
    stop(): void;
  } {
    let documents: DocumentMeta[] = [];
    let last: ReadingProgress | null = null;
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      clearTimeout(timer);
      timer = undefined;
      if (!last) return;
      this.emit({ type: 'documents-read', documents, reading: last });
      documents = [];
      last = null;
    };
    return {
      add: (meta, reading) => {
        documents.push(meta);
        last = reading;
        if (reading.done === reading.total) flush();
        else timer ??= setTimeout(flush, READ_EVENT_MS);
      },
      flush,
      stop: () => clearTimeout(timer),
    };
  }

  private async applyChanges(changes: CorpusChanges): Promise<void> {
    for (const folder of changes.removedFolders) {
      const prefix = `${folder.normalize('NFC')}/`;
      for (const docPath of [...this.documents.keys()]) {
        if (docPath.startsWith(prefix)) this.apply(docPath, null);
      }
    }
    const paths = new Set([...changes.added, ...changes.changed, ...changes.removed]);
    for (const diskPath of paths) {
      if (this.closed) return;
      // What the watcher says happened is a hint; what is on disk now decides.
      this.apply(
        diskPath.normalize('NFC'),
        await scanCorpusFile(this.rootReal, diskPath, this.maxFileBytes, this.cache, this.runner),
      );
    }
  }

  /** Puts what is now known about one path into the listing and tells listeners if it differs. */
  private apply(docPath: string, fresh: ScannedDocument | null): void {
    const existing = this.documents.get(docPath);
    if (!fresh || !existing || !sameMeta(existing.meta, fresh.meta)) this.scannedTexts.drop(docPath);
    if (!fresh) {
      if (!existing) return;
      this.documents.delete(docPath);
      this.sortedMetas = null;
      this.emit({ type: 'document-removed', path: docPath });
      return;
    }
    // Nothing a listener could see has changed: keep the cached listing.
    if (existing && sameMeta(existing.meta, fresh.meta)) return;
    this.documents.set(docPath, fresh);
    this.sortedMetas = null;
    this.emit(
      existing
        ? { type: 'document-changed', document: fresh.meta }
        : { type: 'document-added', document: fresh.meta },
    );
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => {});
    return result;
  }

  private emit(event: CorpusEvent): void {
    if (this.closed) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener must not stop the others or the service.
        logFailure(error);
      }
    }
  }
}

function sameMeta(a: DocumentMeta, b: DocumentMeta): boolean {
  return (
    a.sha256 === b.sha256 &&
    a.status === b.status &&
    a.reason === b.reason &&
    a.title === b.title &&
    a.chars === b.chars &&
    a.encoding === b.encoding &&
    a.bytes === b.bytes &&
    a.extractor === b.extractor
  );
}

function notReadable(docPath: string, reason: string | undefined): CorpusError {
  return new CorpusError(
    'not-readable',
    `document ${JSON.stringify(docPath)} cannot be read: ${reason ?? 'unknown reason'}`,
  );
}

function notAFolder(folder: string, error: unknown): CorpusError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CorpusError('not-a-folder', `corpus folder ${folder} does not exist`);
  if (code === 'ENOTDIR') return new CorpusError('not-a-folder', `${folder} is not a folder`);
  const reason = code ?? errorMessage(error);
  return new CorpusError('not-a-folder', `cannot open corpus folder ${folder} (${reason})`);
}

function logFailure(error: unknown): void {
  console.error('tanda: corpus service:', error);
}
