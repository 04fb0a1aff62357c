import type { BackupStoreApi } from './api-dispatch';
import type { QuitCoordinator } from './quit-backup';
import { BackupError, BackupStore } from './services/backup-store';
import { parseBundleJson } from '../shared/exchange/bundle';
import { BundleError } from '../shared/exchange/bundle-schema';

/**
 * The backups folder of a host (Electron's user data, browser mode's data
 * dir), as the API calls see it. One store per folder, so writes queue and
 * never pick the same name; `keep` comes from the analyst's settings with
 * each write, so a changed setting takes effect on the next backup.
 */
export function hostBackups(dir: string, quit?: QuitCoordinator): BackupStoreApi {
  const store = new BackupStore(dir, { keep: 20 });
  return {
    dir,
    async write(json, reason, keep) {
      // Only a bundle this Tanda would read back is kept: any other string would push a real backup out of the last K.
      try {
        parseBundleJson(json);
      } catch (error) {
        if (error instanceof BundleError)
          throw new BackupError('invalid-bundle', `backup not written: ${error.message}`);
        throw error;
      }
      const info = await store.write(json, reason, keep);
      quit?.noteBackup(reason);
      return info;
    },
    list: () => store.list(),
    read: (name) => store.read(name),
  };
}
