import type { BackupReason } from '../shared/api/api-contract';
import type { CorpusEvent } from '../shared/corpus/corpus-types';

/**
 * A backup on quit has to come from the renderer, which holds the database,
 * while the host (Electron main, browser mode's server) is the one stopping.
 * So the host announces `quitting`, the renderer writes a backup with reason
 * `quit`, and the host waits for it, but never longer than `timeoutMs`.
 */
export interface QuitCoordinator {
  /** Call after every backup write. */
  noteBackup(reason: BackupReason): void;
  /** Announces the quit and resolves when the quit backup is written or the wait is over. */
  beforeQuit(): Promise<'backed-up' | 'timed-out'>;
}

export function createQuitCoordinator(emit: (event: CorpusEvent) => void, timeoutMs = 3000): QuitCoordinator {
  let written: (() => void) | null = null;
  return {
    noteBackup(reason) {
      if (reason === 'quit') written?.();
    },
    async beforeQuit() {
      const done = new Promise<'backed-up'>((resolve) => {
        written = () => resolve('backed-up');
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timed-out'>((resolve) => {
        timer = setTimeout(() => resolve('timed-out'), timeoutMs);
      });
      emit({ type: 'quitting' });
      const outcome = await Promise.race([done, timeout]);
      clearTimeout(timer);
      written = null;
      return outcome;
    },
  };
}
