import type * as fs from 'node:fs';
import { vi } from 'vitest';
import { checkedReadTests } from './checked-reads';

/*
 * The portable proof, wherever the tests run: the kernel's names for open
 * descriptors (/proc/self/fd) are made to look absent, as on macOS, Windows
 * or a container without /proc.
 */
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return {
    ...actual,
    readlink: vi.fn((file: Parameters<typeof actual.readlink>[0], ...rest: unknown[]) => {
      const callback = rest[rest.length - 1] as (error: Error | null, name?: string) => void;
      if (String(file).startsWith('/proc/self/fd/')) {
        const error = Object.assign(
          new Error(`ENOENT: no such file or directory, readlink '${String(file)}'`),
          {
            code: 'ENOENT',
          },
        );
        process.nextTick(() => callback(error));
        return;
      }
      (actual.readlink as (...args: unknown[]) => unknown)(file, ...rest);
    }),
  };
});

checkedReadTests('portable');
