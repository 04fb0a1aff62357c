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
    readlinkSync: vi.fn((file: Parameters<typeof actual.readlinkSync>[0], ...rest: unknown[]) => {
      if (String(file).startsWith('/proc/self/fd/')) {
        throw Object.assign(new Error(`ENOENT: no such file or directory, readlink '${String(file)}'`), {
          code: 'ENOENT',
        });
      }
      return (actual.readlinkSync as (...args: unknown[]) => unknown)(file, ...rest);
    }),
  };
});

checkedReadTests('portable');
