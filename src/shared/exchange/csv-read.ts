import { BOM, PAPA_PARSE_CONFIG, papa, unguardCell } from './csv-format';

/**
 * CSV file bytes → text → cells: the first half of an import. Refuses what
 * cannot be read as an export (too large, not UTF-8, a broken quote, a row
 * with the wrong number of cells) and says where. `csv-import.ts` checks
 * the cells against the corpus and the codebook.
 *
 * Row numbers are those a spreadsheet shows: the header is row 1, the first
 * data row is row 2, a record with line breaks inside a quoted cell is one
 * row, and blank lines keep their number.
 */

/** Larger files are refused before they are decoded. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;
/** At most this many problems are listed; one more entry says how many were left out. */
export const MAX_PROBLEMS = 200;

export interface CsvProblem {
  /** Spreadsheet row (header = 1); 0 for the "and N more" entry. */
  row: number;
  column?: string;
  message: string;
}

/** A file that cannot be read as CSV text at all (too large, not UTF-8). */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
}

// ---------------------------------------------------------------- bytes → text

type Decoder = new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

/**
 * Decode a CSV file's bytes as UTF-8 (a BOM is dropped). Throws CsvFileError
 * for a file over `maxBytes` (default `MAX_CSV_BYTES`), a UTF-16 file, or
 * any byte sequence that is not UTF-8, naming the offset of the first one.
 */
export function decodeCsvBytes(bytes: Uint8Array, options: { maxBytes?: number } = {}): string {
  checkCsvSize(bytes.length, options.maxBytes);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CsvFileError('file is UTF-16, not UTF-8; save it as UTF-8 ("CSV UTF-8" in Excel)');
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    throw new CsvFileError(
      `file is UTF-16 ${utf16} without a byte order mark, not UTF-8; save it as UTF-8 ("CSV UTF-8" in Excel)`,
    );
  }
  // TextDecoder exists in browsers and Node but not in the ES library this folder is typed with.
  const TextDecoderClass = (globalThis as unknown as { TextDecoder: Decoder }).TextDecoder;
  try {
    return new TextDecoderClass('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const byte = (bytes[at] ?? 0).toString(16).padStart(2, '0');
    throw new CsvFileError(
      `file is not UTF-8: invalid byte 0x${byte} at offset ${at}; save it as UTF-8 ("CSV UTF-8" in Excel)`,
    );
  }
}

/** Throws CsvFileError when a file of `size` bytes is over the limit (so a caller can check before reading it). */
export function checkCsvSize(size: number, maxBytes = MAX_CSV_BYTES): void {
  if (size > maxBytes) {
    throw new CsvFileError(
      `file is ${mebibytes(size)}, more than the ${mebibytes(maxBytes)} limit; split it into smaller files`,
    );
  }
}

/**
 * "LE" or "BE" when the start of the file looks like UTF-16 text: NUL bytes
 * in most odd (LE) or even (BE) positions and almost none in the others.
 * ASCII-range text in UTF-16 does exactly that; UTF-8 text never has NULs.
 */
function utf16WithoutBom(b: Uint8Array): 'LE' | 'BE' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.6 && even < pairs * 0.1) return 'LE';
  if (even > pairs * 0.6 && odd < pairs * 0.1) return 'BE';
  return null;
}

/** Offset where the first invalid UTF-8 sequence starts. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

// ---------------------------------------------------------------- text → cells

export interface CsvRecord {
  row: number;
  /** Cells as written (the injection guard is still on). */
  cells: string[];
}

export interface CsvTable {
  /** Column names, trimmed and lower-cased. */
  header: string[];
  /** Data rows that parsed cleanly; blank rows are left out. */
  records: CsvRecord[];
  /** Rows that did not parse (unclosed quote, wrong number of cells). */
  problems: CsvProblem[];
}

/**
 * Split CSV text (a leading BOM is ignored) into a header and records. A
 * truncated file shows up here: a quoted cell that never closes, or a last
 * row with fewer cells than the header.
 */
export function parseAnnotationsCsv(text: string): CsvTable {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const parsed = papa.parse(body, PAPA_PARSE_CONFIG);
  const problems: CsvProblem[] = [];
  const broken = new Set<number>();
  for (const e of parsed.errors) {
    const row = (e.row ?? 0) + 1;
    broken.add(row);
    const message =
      e.code === 'MissingQuotes'
        ? 'a quoted cell is never closed (the file may be truncated, or a " is missing)'
        : e.code === 'InvalidQuotes'
          ? 'a quoted cell has text after its closing " (a " inside a cell must be doubled: "")'
          : `${e.message}`;
    problems.push({ row, message });
  }
  const [first, ...rest] = parsed.data;
  const header = headerNames(first ?? []);
  if (header.length === 0 || header.every((h) => h === '')) {
    return {
      header: [],
      records: [],
      problems: [{ row: 1, message: 'the file is empty: expected a header row' }],
    };
  }
  const records: CsvRecord[] = [];
  rest.forEach((cells, i) => {
    const row = i + 2;
    if (broken.has(row) || cells.every(isBlank)) return;
    if (cells.length !== header.length) {
      problems.push({
        row,
        message: `the row has ${cells.length} cells, the header has ${header.length} (the file may be truncated, or a cell holds an unquoted comma)`,
      });
      return;
    }
    records.push({ row, cells });
  });
  return { header, records, problems };
}

/** Column names as an import matches them: trimmed, unguarded, lower-cased. */
export function headerNames(cells: readonly string[]): string[] {
  return cells.map((name) => unguardCell(name.trim()).trim().toLowerCase());
}

export function isBlank(cell: string): boolean {
  return !/\S/.test(cell);
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
