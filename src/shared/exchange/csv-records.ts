/*
 * The import's own CSV reader, for files that are plain RFC 4180: each
 * record's cells go to the caller in one array that is reused for every
 * record, so reading 100,000 rows builds no arrays of strings for the
 * collector to copy and promote (papaparse's array of arrays was most of an
 * import's garbage collection).
 *
 * papaparse stays the reference: this reader reads exactly what it reads,
 * or gives up. Anything papaparse would report (a quote never closed, text
 * after a closing quote, its tolerated spaces before a delimiter) makes this
 * one return false, and the import reads the file again with papaparse,
 * whose errors it words as before. A property test holds the two to the same
 * records (`test/csv-records.test.ts`).
 */

const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * The line break papaparse picks for `text` when none is given (its
 * `guessLineEndings`, unchanged): look at the first MB with quoted text
 * removed; `\n` if there is no `\r` or a `\n` comes first, else `\r\n` if at
 * least half the `\r`s are followed by `\n`, else `\r`.
 */
export function papaparseNewline(text: string): '\r\n' | '\n' | '\r' {
  const start = text.substring(0, 1024 * 1024).replace(/"([^]*?)"/gm, '');
  const r = start.split('\r');
  const n = start.split('\n');
  if (r.length === 1 || (n.length > 1 && n[0]!.length < r[0]!.length)) return '\n';
  let withN = 0;
  for (const part of r) if (part.charCodeAt(0) === 0x0a) withN++;
  return withN >= r.length / 2 ? '\r\n' : '\r';
}

/**
 * Calls `onRecord(cells, row)` for every record of `text` (no BOM), header
 * first: `row` is the record's number from 1, `cells` its unquoted cells in
 * an array that the next record overwrites (copy what you keep). Returns
 * false, possibly after some calls, when the text needs papaparse (see
 * above) or `onRecord` returned false; true when every record was read.
 */
export function forEachCsvRecord(text: string, onRecord: (cells: string[], row: number) => boolean): boolean {
  if (text === '') return true; // no records, as papaparse reads it (not one empty record)
  const newline = papaparseNewline(text);
  const newlineLength = newline.length;
  const n = text.length;
  const cells: string[] = [];
  let count = 0;
  let row = 1;
  let i = 0;
  // The next comma and line break at or after i, found again only once passed (as papaparse does).
  let nextComma = text.indexOf(',', 0);
  let nextNewline = text.indexOf(newline, 0);
  for (;;) {
    let value: string;
    let end: number; // where the cell's text ends and its delimiter, line break or the end starts
    if (text.charCodeAt(i) === QUOTE) {
      let from = i + 1;
      let doubled = false;
      let close: number;
      for (;;) {
        close = text.indexOf('"', from);
        if (close === -1) return false;
        if (text.charCodeAt(close + 1) !== QUOTE) break;
        doubled = true;
        from = close + 2;
      }
      value = text.substring(i + 1, close);
      if (doubled) value = value.replaceAll('""', '"');
      end = close + 1;
      if (nextComma !== -1 && nextComma < end) nextComma = text.indexOf(',', end);
      if (nextNewline !== -1 && nextNewline < end) nextNewline = text.indexOf(newline, end);
      if (end !== n && end !== nextComma && end !== nextNewline) return false;
    } else {
      end = nextComma !== -1 && (nextNewline === -1 || nextComma < nextNewline) ? nextComma : nextNewline;
      if (end === -1) end = n;
      value = text.substring(i, end);
    }
    cells[count++] = value;
    if (end === n) break;
    if (text.charCodeAt(end) === COMMA) {
      i = end + 1;
      nextComma = text.indexOf(',', i);
      continue;
    }
    // A line break: the record is complete.
    cells.length = count;
    if (!onRecord(cells, row)) return false;
    row += 1;
    count = 0;
    i = end + newlineLength;
    nextNewline = text.indexOf(newline, i);
  }
  cells.length = count;
  return onRecord(cells, row);
}
