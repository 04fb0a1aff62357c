import type { BackupReason, TandaApi } from '../../../shared/api/api-contract';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { databaseFingerprint } from '../db/database-fingerprint';
import { getBackupSettings } from '../db/settings-repo';
import type { TandaDB } from '../db/tanda-db';
import { errorMessage } from '../../../shared/validation/error-message';
import { i18n } from '../i18n/i18n';

/** A bundle of the whole database, written to the host's backups folder. */
export async function writeBackupNow(
  db: TandaDB,
  api: TandaApi,
  documents: readonly DocumentMeta[],
  reason: BackupReason,
): Promise<void> {
  // Loaded when a backup is first written: the bundle code (re-anchoring, diffing) is not needed at launch.
  const [{ exportBundle }, { bundleToJson }, { keep }] = await Promise.all([
    import('../db/bundle-io'),
    import('../../../shared/exchange/bundle'),
    getBackupSettings(db),
  ]);
  const bundle = await exportBundle(db, {
    documents: documents
      .filter((d) => d.status === 'ok')
      .map((d) => ({ path: d.path, title: d.title, sha256: d.sha256 })),
    now: new Date(),
  });
  await api.writeBackup({ json: bundleToJson(bundle), reason, keep });
}

/**
 * Backs up at most every N minutes while something changed, and when the
 * host announces that it quits. Returns a function that stops it.
 */
export function startAutoBackup(options: {
  db: TandaDB;
  api: TandaApi;
  documents: () => readonly DocumentMeta[];
  onError: (message: string) => void;
  /** How often to look for changes; the interval setting decides when to write. */
  checkEveryMs?: number;
}): () => void {
  const { db, api } = options;
  let lastFingerprint: string | null = null;
  let lastWrite = Date.now();
  let running = false;
  let stopped = false;

  async function backup(reason: BackupReason, force: boolean): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      const fingerprint = await databaseFingerprint(db);
      if (lastFingerprint === null) lastFingerprint = fingerprint; // the state we started from needs no backup
      const { intervalMinutes } = await getBackupSettings(db);
      const due = Date.now() - lastWrite >= intervalMinutes * 60_000;
      if (force || (fingerprint !== lastFingerprint && due)) {
        await writeBackupNow(db, api, options.documents(), reason);
        lastFingerprint = fingerprint;
        lastWrite = Date.now();
      }
    } catch (error) {
      options.onError(i18n.t('backup:autoFailed', { detail: errorMessage(error) }));
    } finally {
      running = false;
    }
  }

  void backup('auto', false);
  const timer = setInterval(() => void backup('auto', false), options.checkEveryMs ?? 30_000);
  const stopEvents = api.onCorpusEvent((event) => {
    if (event.type === 'quitting') void backup('quit', true);
  });
  return () => {
    stopped = true;
    clearInterval(timer);
    stopEvents();
  };
}
