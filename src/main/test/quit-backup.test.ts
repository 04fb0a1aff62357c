import { describe, expect, it } from 'vitest';
import type { CorpusEvent } from '../../shared/corpus/corpus-types';
import { createQuitCoordinator } from '../quit-backup';

describe('quit backup coordination', () => {
  it('announces the quit and finishes as soon as the quit backup is written', async () => {
    const events: CorpusEvent[] = [];
    const quit = createQuitCoordinator((e) => {
      events.push(e);
      setTimeout(() => quit.noteBackup('quit'), 5);
    }, 5_000);
    const started = Date.now();
    expect(await quit.beforeQuit()).toBe('backed-up');
    expect(events).toEqual([{ type: 'quitting' }]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('ignores other backups and gives up after the timeout', async () => {
    const quit = createQuitCoordinator(() => quit.noteBackup('auto'), 30);
    expect(await quit.beforeQuit()).toBe('timed-out');
  });
});
