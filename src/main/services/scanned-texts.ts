import type { ScanText } from './corpus-scan';

/**
 * The texts a scan decoded, kept for the reads that follow it. Opening a
 * corpus, the renderer asks for every text within seconds of the scan that
 * read, decoded and hashed each file: reading them all again cost the
 * host's event loop a second of 10,000 articles' file calls, decoding and
 * hashing, while it also answered the renderer (bench `corpus_load`).
 *
 * Only that loading takes them (`readDocument(path, { scanned: true })`,
 * the API's `readDocuments`); opening one article reads the disk. A kept
 * text is given out once, and only at the hash the listing has for its
 * path at that moment: a file the watcher saw change has a new hash in the
 * listing, so its old text is never answered. Past `maxUnits` of
 * text, or `keepMs` after the scan, texts are read from the disk again, as
 * before, so a large corpus or a page that never asks holds no memory.
 */
export class ScannedTexts {
  private readonly texts = new Map<string, ScanText>();
  private units = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onEmpty = new Set<() => void>();

  constructor(
    readonly maxUnits = DEFAULT_MAX_UNITS,
    readonly keepMs = DEFAULT_KEEP_MS,
  ) {}

  /** Keeps a text the scan decoded; false past the budget (the file is read again when asked for). */
  keep(docPath: string, text: ScanText): boolean {
    this.drop(docPath);
    if (this.units + text.text.length > this.maxUnits) return false;
    this.texts.set(docPath, text);
    this.units += text.text.length;
    return true;
  }

  /**
   * The kept text of `docPath` if it is at `sha256`, given out once. Another hash leaves it: during a
   * rescan the listing asked against may be the last scan's (a changed file's text is dropped, `drop`).
   */
  take(docPath: string, sha256: string | null): ScanText | undefined {
    const kept = this.texts.get(docPath);
    if (kept === undefined || kept.sha256 !== sha256) return undefined;
    this.drop(docPath);
    return kept;
  }

  drop(docPath: string): void {
    const kept = this.texts.get(docPath);
    if (kept === undefined) return;
    this.texts.delete(docPath);
    this.units -= kept.text.length;
    if (this.texts.size === 0) this.emptied();
  }

  /**
   * Resolves once every kept text is given out or dropped (at once when none is kept), or after
   * `maxMs`, whichever comes first.
   */
  givenOut(maxMs: number): Promise<void> {
    if (this.texts.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.onEmpty.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxMs);
      this.onEmpty.add(done);
    });
  }

  /** The scan is over: what nobody asked for within `keepMs` goes. */
  expireLater(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.clear(), this.keepMs);
    // Kept texts never hold the process open.
    this.timer.unref?.();
  }

  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.texts.clear();
    this.units = 0;
    this.emptied();
  }

  private emptied(): void {
    for (const done of [...this.onEmpty]) done();
  }

  /** UTF-16 units kept (tests). */
  get size(): number {
    return this.units;
  }
}

/** 64 Mi UTF-16 units: a corpus of 20,000 news articles; at most 128 MiB, for a minute. */
const DEFAULT_MAX_UNITS = 1 << 26;
const DEFAULT_KEEP_MS = 60_000;
