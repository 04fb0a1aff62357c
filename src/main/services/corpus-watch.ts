import path from 'node:path';
import { watch } from 'chokidar';
import { isCorpusFileName, isHiddenName } from './corpus-scan';

/**
 * Watches a corpus folder and reports what changed, in batches. It only says
 * which paths to look at again: the service rereads them and decides from
 * what is on disk whether a document was added, changed or removed, so a
 * missed or duplicated event here cannot leave the listing wrong.
 */

/** On-disk relative paths with `/` separators. */
export interface CorpusChanges {
  added: string[];
  changed: string[];
  removed: string[];
  /** Folders deleted (or moved away) with everything in them. */
  removedFolders: string[];
}

export interface CorpusWatcher {
  /** Resolves once the initial directory listing is done and changes are seen. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /**
   * Quiet time before a batch is delivered. Editors and copy tools often
   * write a file in several chunks, or write-then-rename; waiting until the
   * folder has been quiet this long turns one save into one change.
   */
  debounceMs?: number;
  /** Deliver a batch at the latest this long after its first event, even under constant writes. */
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
}

type FileEvent = 'added' | 'changed' | 'removed';

export function watchCorpus(
  rootReal: string,
  onChanges: (changes: CorpusChanges) => void,
  options: WatchOptions = {},
): CorpusWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const relativeOf = (abs: string) => path.relative(rootReal, abs).split(path.sep).join('/');

  const watcher = watch(rootReal, {
    ignoreInitial: true,
    // Not following symlinks: a link to a big folder elsewhere (or to `/`)
    // would have us watching it all. Documents reached through links are
    // still listed by the scan; edits to them show up on reload or read.
    followSymlinks: false,
    ignored: (abs, stats) => {
      const rel = path.relative(rootReal, abs);
      if (rel === '' || rel.startsWith('..')) return false;
      if (rel.split(path.sep).some(isHiddenName)) return true;
      return stats?.isFile() === true && !isCorpusFileName(path.basename(abs));
    },
  });

  let files = new Map<string, FileEvent>();
  let removedFolders = new Set<string>();
  let quietTimer: NodeJS.Timeout | undefined;
  let maxTimer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    quietTimer = maxTimer = undefined;
    if (files.size === 0 && removedFolders.size === 0) return;
    const batch: CorpusChanges = { added: [], changed: [], removed: [], removedFolders: [...removedFolders] };
    for (const [rel, event] of files) batch[event].push(rel);
    files = new Map();
    removedFolders = new Set();
    onChanges(batch);
  };

  const note = (abs: string, event: FileEvent | 'removed-folder') => {
    const rel = relativeOf(abs);
    if (rel === '' || rel.startsWith('..')) return;
    if (event === 'removed-folder') removedFolders.add(rel);
    else files.set(rel, merge(files.get(rel), event));
    clearTimeout(quietTimer);
    quietTimer = setTimeout(flush, debounceMs);
    maxTimer ??= setTimeout(flush, maxWaitMs);
  };

  watcher
    .on('add', (abs) => note(abs, 'added'))
    .on('change', (abs) => note(abs, 'changed'))
    .on('unlink', (abs) => note(abs, 'removed'))
    .on('unlinkDir', (abs) => note(abs, 'removed-folder'))
    .on('error', (error) => options.onError?.(error));

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    async close() {
      clearTimeout(quietTimer);
      clearTimeout(maxTimer);
      files.clear();
      removedFolders.clear();
      await watcher.close();
    },
  };
}

/** Two events for one path within a batch, as one. */
function merge(previous: FileEvent | undefined, next: FileEvent): FileEvent {
  if (previous === 'added' && next === 'changed') return 'added';
  if (previous === 'removed' && next === 'added') return 'changed';
  if (previous === 'added' && next === 'removed') return 'removed';
  return next;
}
