import { unzipSync } from 'fflate';
import { ExtractionRefused } from './extraction';

/**
 * DOCX and ODT files are zip archives. Before anything decompresses one,
 * its central directory is read (fflate, no decompression) to check that it
 * is a zip at all and that what it would unpack stays under a cap: a few
 * kilobytes can declare gigabytes (a zip bomb).
 */

export interface ZipEntryInfo {
  name: string;
  /** Decompressed size as the archive declares it. */
  size: number;
}

/** The archive's entries; refuses a file that is not a zip or would unpack to more than `maxUnzippedBytes`. */
export function listZip(bytes: Uint8Array, what: string, maxUnzippedBytes: number): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, size: file.originalSize });
        return false;
      },
    });
  } catch {
    throw new ExtractionRefused(`not a valid ${what} (the zip archive is truncated or damaged)`);
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > maxUnzippedBytes) {
    throw new ExtractionRefused(
      `${what} would unpack to ${mib(total)}, over the limit of ${mib(maxUnzippedBytes)} (zip bomb?)`,
    );
  }
  return entries;
}

/** Decompresses the named entries only (sizes already checked by `listZip`). */
export function readZipEntries(
  bytes: Uint8Array,
  names: readonly string[],
  what: string,
): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => names.includes(file.name) });
  } catch {
    throw new ExtractionRefused(`not a valid ${what} (an entry of the zip archive is damaged)`);
  }
  return new Map(Object.entries(files));
}

function mib(n: number): string {
  return n < 1024 ** 2 ? `${n} bytes` : `${Number((n / 1024 ** 2).toFixed(1))} MiB`;
}
