import { readFile, stat } from 'node:fs/promises';
import { builtinCodebook } from '../../shared/codebook/builtin-codebook';
import { type Codebook, parseCodebookJson } from '../../shared/codebook/codebook';
import { CodebookError } from '../../shared/codebook/codebook-error';
import { CsvFileError, checkCsvSize, decodeCsvBytes } from '../../shared/exchange/csv-read';

/** The files CLI commands read, with one way of saying what is wrong with them. */

/** `--codebook <file>` (a codebook exported from the app), or the built-in one when absent. */
export async function readCodebookOption(path: string | undefined): Promise<Codebook> {
  if (path === undefined) return builtinCodebook();
  try {
    return parseCodebookJson(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot use codebook ${path}: ${describeInputError(error)}`, { cause: error });
  }
}

/** An annotations CSV as text (size checked before it is read, encoding as the import decodes it). */
export async function readCsvText(file: string): Promise<string> {
  try {
    checkCsvSize((await stat(file)).size);
    return decodeCsvBytes(await readFile(file));
  } catch (error) {
    throw new Error(`${file}: ${describeInputError(error)}`, { cause: error });
  }
}

/** What went wrong reading an input file, in a phrase. */
export function describeInputError(error: unknown): string {
  if (error instanceof CsvFileError || error instanceof CodebookError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EISDIR') return 'is a folder, not a file';
  return e.message ?? String(error);
}
