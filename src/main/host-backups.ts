import type { BackupStoreApi } from './api-dispatch';
import type { QuitCoordinator } from './quit-backup';
import { BackupStore } from './services/backup-store';

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
      const info = await store.write(json, reason, keep);
      quit?.noteBackup(reason);
      return info;
    },
    list: () => store.list(),
    read: (name) => store.read(name),
  };
}
