// @ts-ignore -- papaparse ships no types of its own; `PapaApi` below types the part we use, with or without @types/papaparse.
import PapaUntyped from 'papaparse';
import { csvFormatRow } from 'd3-dsv';

/**
 * The CSV exchange format of annotations, shared by export (`csv-export.ts`),
 * import (`csv-import.ts`) and `tanda csv-check`. Other tools and analysts'
 * scripts depend on it: change it only with the README's contract.
 *
 * Rules fixed here:
 *  - Columns: `ANNOTATION_COLUMNS` in that order, then `attr:<attribute id>`
 *    per codebook attribute (`attributeColumn`).
 *  - Every cell is text. Numbers (`start`, `end`, counts) are plain decimal
 *    integers; timestamps are ISO 8601 UTC as `Date#toISOString` writes them
 *    (`2024-05-01T09:30:00.000Z`).
 *  - RFC 4180: `,` between cells, CRLF between records (and after the last),
 *    a cell holding `,`, `"`, CR or LF is quoted with `"` and its quotes
 *    doubled; no other cell is quoted (spaces are part of a cell). UTF-8,
 *    with a BOM by default so Excel reads it as UTF-8.
 *  - Formula-injection guard (`guardCell`), applied to every cell on export
 *    and undone (`unguardCell`) on every cell on import. Only text can start
 *    with a trigger character; numbers and timestamps never do.
 */

export const BOM = '\uFEFF';
export const CSV_NEWLINE = '\r\n';

/** The fixed columns of an annotation export, in order. */
export const ANNOTATION_COLUMNS = [
  'annotation_id',
  'document_id',
  'document_path',
  'document_title',
  'content_sha256',
  'annotator',
  'tag',
  'tag_label',
  'start',
  'end',
  'quote',
  'prefix',
  'suffix',
  'note',
  'created_at',
  'updated_at',
] as const;
export type AnnotationColumn = (typeof ANNOTATION_COLUMNS)[number];

/** Columns an import cannot do without (plus one of `DOCUMENT_KEY_COLUMNS`). */
export const REQUIRED_COLUMNS = ['annotator', 'tag', 'start', 'end', 'quote'] as const;
/** An import needs at least one of these to find the document. */
export const DOCUMENT_KEY_COLUMNS = ['content_sha256', 'document_path'] as const;

/** The fixed columns of the document × tag matrix, followed by one column per tag id. */
export const MATRIX_COLUMNS = ['document_id', 'document_path', 'document_title'] as const;

export const ATTRIBUTE_COLUMN_PREFIX = 'attr:';
export function attributeColumn(attributeId: string): string {
  return `${ATTRIBUTE_COLUMN_PREFIX}${attributeId}`;
}

/** Values of a multiple-choice attribute are value ids joined with this. */
export const MULTI_VALUE_SEPARATOR = '; ';

// ---------------------------------------------------------------- formula-injection guard

/**
 * Characters that make a spreadsheet treat a cell as a formula (`=`, `+`,
 * `-`, `@`, tab, CR), plus `'` itself so the guard can be undone exactly.
 * (Char codes, not a regex: this runs on every cell of an export.)
 */
const GUARD_TRIGGERS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x27]); // = + - @ \t \r '

/**
 * Prepend one `'` to a cell starting with `=`, `+`, `-`, `@`, tab, CR or `'`.
 * Spreadsheets then show the text instead of running it. Because a cell
 * that already started with `'` gets one too, the guard is reversible: in
 * a file Tanda wrote, a cell starting with `'` always had one added.
 */
export function guardCell(text: string): string {
  return text.length > 0 && GUARD_TRIGGERS.has(text.charCodeAt(0)) ? `'${text}` : text;
}

/**
 * Undo `guardCell`: remove one leading `'`. Applied to every cell on import.
 * A script reading a Tanda CSV does the same: strip one leading `'` from any
 * cell that starts with one (in files Tanda wrote, those are exactly the
 * cells whose second character is one of `= + - @ ' `, tab or CR).
 */
export function unguardCell(text: string): string {
  return text.charCodeAt(0) === 0x27 ? text.slice(1) : text;
}

// ---------------------------------------------------------------- values

/** Offsets and counts: plain decimal digits, no sign, no separators. */
export function formatInteger(n: number): string {
  return String(n);
}

const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * ISO 8601 UTC as `toISOString` writes it. Stored timestamps already have
 * this form and pass unchanged (so a round trip is exact); any other
 * parsable form is converted; an unparsable one is written as stored.
 */
export function formatTimestamp(stored: string): string {
  if (CANONICAL_TIMESTAMP.test(stored)) return stored;
  const t = Date.parse(stored);
  return Number.isFinite(t) ? new Date(t).toISOString() : stored;
}

/**
 * Accepted on import: `YYYY-MM-DD`, then `T` or a space, `HH:MM`, optional
 * seconds and fraction, and `Z`, `±HH:MM` or nothing (read as UTC, since a
 * spreadsheet that reformats a cell drops the zone). Anything else is null.
 */
const IMPORT_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseTimestamp(cell: string): string | null {
  // What every export writes: checked field by field, no Date needed (this runs twice per row).
  if (CANONICAL_TIMESTAMP.test(cell)) return validFields(cell, 11) ? cell : null;
  const m = IMPORT_TIMESTAMP.exec(cell.trim());
  if (!m) return null;
  const [, date, clock, zone] = m as unknown as [string, string, string, string | undefined];
  if (!validFields(`${date}T${clock.slice(0, 5)}:${clock.slice(6, 8) || '00'}`, 11)) return null;
  // Milliseconds are all Date keeps: cut a longer fraction, don't round it.
  const time = clock.replace(/(\.\d{1,3})\d*$/, '$1');
  const offset =
    zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const t = Date.parse(`${date}T${time}${offset}`);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/**
 * `YYYY-MM-DD?HH:MM:SS…`: a month 1–12, a day that month has (leap years
 * too), hour < 24, minute and second < 60. (Date.parse would roll
 * 30 February over into March instead of refusing it.)
 */
function validFields(iso: string, clockAt: number): boolean {
  // Digits read in place, no slices or closures: this runs twice for each of 100,000 rows.
  const year = twoDigits(iso, 0) * 100 + twoDigits(iso, 2);
  const month = twoDigits(iso, 5);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const day = twoDigits(iso, 8);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= days &&
    twoDigits(iso, clockAt) < 24 &&
    twoDigits(iso, clockAt + 3) < 60 &&
    twoDigits(iso, clockAt + 6) < 60
  );
}

/** The number two decimal digits at `i` spell; NaN when either is not a digit. */
function twoDigits(text: string, i: number): number {
  return digit(text, i) * 10 + digit(text, i + 1);
}

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

// ---------------------------------------------------------------- ids

/**
 * `document_id`: the first 16 hex digits of the SHA-1 of the document's
 * path (relative to the corpus folder, `/` separators, NFC) as UTF-8.
 *
 * The path is the document's identity in Tanda (it survives edits to the
 * file; the text's hash does not). The id is derived from it rather than
 * being it so that it is short and safe everywhere a key goes (file names,
 * R factors, column names): no slashes, spaces or diacritics. Any script
 * recomputes it: `hashlib.sha1(path.encode('utf-8')).hexdigest()[:16]`.
 * Like the path, it changes when a file is renamed or moved.
 */
export function documentId(path: string): string {
  return sha1Hex(utf8(path)).slice(0, 16);
}

/** Namespace of Tanda's name-based (version 5) UUIDs. */
export const TANDA_UUID_NAMESPACE = 'c0010914-700b-4331-ad23-140eedce2fe6';

/**
 * What makes two annotations "the same" when an import has no ids:
 * document, annotator, tag and offsets, joined with U+001F.
 */
export function naturalKey(a: {
  documentPath: string;
  annotator: string;
  tag: string;
  start: number;
  end: number;
}): string {
  return [a.documentPath, a.annotator, a.tag, String(a.start), String(a.end)].join('\u001f');
}

/**
 * Id of an imported annotation whose row has no `annotation_id`: the
 * UUID version 5 of its natural key in `TANDA_UUID_NAMESPACE`, so importing
 * the same file again gives the same ids and adds nothing. In Python:
 * `uuid.uuid5(uuid.UUID(TANDA_UUID_NAMESPACE), '\x1f'.join([path, annotator, tag, str(start), str(end)]))`.
 */
export function naturalAnnotationId(a: Parameters<typeof naturalKey>[0]): string {
  return uuidV5(TANDA_UUID_NAMESPACE, naturalKey(a));
}

/**
 * New id of an imported annotation whose id is taken by another annotator's
 * annotation, or is not a UUID (other tools write integers or their own ids):
 * the UUID version 5 of (annotator, original id), so importing the same file
 * again gives the same ids. In Python:
 * `uuid.uuid5(uuid.UUID(TANDA_UUID_NAMESPACE), '\x1f'.join(['rekey', annotator, original_id]))`.
 */
export function rekeyedAnnotationId(annotator: string, originalId: string): string {
  return uuidV5(TANDA_UUID_NAMESPACE, ['rekey', annotator, originalId].join('\u001f'));
}

/** RFC 9562 name-based UUID (SHA-1, version 5). */
export function uuidV5(namespace: string, name: string): string {
  let ns = NAMESPACE_BYTES.get(namespace);
  if (!ns) {
    const digits = namespace.replace(/-/g, '');
    if (!/^[0-9a-f]{32}$/i.test(digits)) throw new RangeError(`not a UUID: ${namespace}`);
    ns = Uint8Array.from({ length: 16 }, (_, i) => parseInt(digits.slice(i * 2, i * 2 + 2), 16));
    NAMESPACE_BYTES.set(namespace, ns);
  }
  const nameBytes = utf8(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(ns);
  input.set(nameBytes, 16);
  const [h0, h1, h2, h3] = sha1Words(input) as [number, number, number, number, number];
  const version = ((h1 & 0xffff0fff) | 0x5000) >>> 0; // high nibble of byte 6 := 5
  const variant = ((h2 & 0x3fffffff) | 0x80000000) >>> 0; // top bits of byte 8 := 10
  const x = word(h0) + word(version) + word(variant) + word(h3);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
const NAMESPACE_BYTES = new Map<string, Uint8Array>();

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, n);
}

/** Message schedule, reused: SHA-1 runs once per imported row without an id. */
const SHA1_SCHEDULE = new Int32Array(80);
const SHA1_K = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc | 0, 0xca62c1d6 | 0];

/** SHA-1 (FIPS 180-4) as hex. Used for ids only, never for security. */
export function sha1Hex(message: Uint8Array): string {
  return sha1Words(message).map(word).join('');
}

/** The five 32-bit words of the SHA-1 of `message`. */
function sha1Words(message: Uint8Array): number[] {
  const length = message.length;
  const blocks = ((length + 8) >> 6) + 1;
  const p = new Uint8Array(blocks << 6);
  p.set(message);
  p[length] = 0x80;
  const bits = length * 8;
  const end = p.length;
  p[end - 5] = Math.floor(bits / 0x100000000) & 0xff;
  p[end - 4] = (bits >>> 24) & 0xff;
  p[end - 3] = (bits >>> 16) & 0xff;
  p[end - 2] = (bits >>> 8) & 0xff;
  p[end - 1] = bits & 0xff;
  let h0 = 0x67452301,
    h1 = 0xefcdab89 | 0,
    h2 = 0x98badcfe | 0,
    h3 = 0x10325476,
    h4 = 0xc3d2e1f0 | 0;
  const w = SHA1_SCHEDULE;
  for (let block = 0; block < end; block += 64) {
    for (let t = 0, i = block; t < 16; t++, i += 4)
      w[t] = (p[i]! << 24) | (p[i + 1]! << 16) | (p[i + 2]! << 8) | p[i + 3]!;
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0,
      b = h1,
      c = h2,
      d = h3,
      e = h4;
    for (let t = 0; t < 80; t++) {
      // Round functions and constants change every 20 rounds (FIPS 180-4, 4.1.1 and 4.2.1).
      const round = (t / 20) | 0;
      const f = round === 0 ? (b & c) | (~b & d) : round === 2 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const temp = (((a << 5) | (a >>> 27)) + f + e + SHA1_K[round]! + w[t]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3, h4];
}

function word(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------- writing

/**
 * One record of cells → its CSV line, without the line end: every cell
 * guarded (`guardCell`, in place) and quoted by d3-dsv's `csvFormatRow`
 * (the RFC 4180 quoting above). d3-dsv rather than papaparse's `unparse`,
 * which reads back all we write: on 100,000 annotations `unparse` alone
 * took 0.56 s, `csvFormatRow` 0.1 s (README, Performance). Callers format
 * each record as they build it, so the cells die young and cheap.
 */
export function formatCsvRecord(cells: string[]): string {
  for (let i = 0; i < cells.length; i++) cells[i] = guardCell(cells[i]!);
  return csvFormatRow(cells);
}

/** Lines from `formatCsvRecord` (header first) → the file's text: optional BOM, CRLF after every record. */
export function csvText(lines: readonly string[], options: { bom?: boolean } = {}): string {
  return `${options.bom === false ? '' : BOM}${lines.join(CSV_NEWLINE)}${CSV_NEWLINE}`;
}

// ---------------------------------------------------------------- papaparse

/**
 * The part of papaparse's API this format uses: `parse` reads every CSV
 * (import, `csv-check`, `agreement`); `unparse` only writes test fixtures,
 * so tests read what a second library wrote. Typed here so `src/shared`
 * checks the same whether or not @types/papaparse is installed (papaparse
 * ships no types itself; the import above is `@ts-ignore`d for that case).
 */
export interface PapaApi {
  unparse(
    input: { fields: string[]; data: string[][] },
    config: {
      delimiter: string;
      newline: string;
      quoteChar: string;
      escapeChar: string;
      quotes: boolean;
      header: boolean;
      escapeFormulae: boolean;
    },
  ): string;
  parse(
    text: string,
    config: {
      header: false;
      delimiter: string;
      quoteChar: string;
      escapeChar: string;
      skipEmptyLines: false;
      dynamicTyping: false;
    },
  ): {
    data: string[][];
    errors: { type: string; code: string; message: string; row?: number; index?: number }[];
  };
}

/** papaparse, typed by `PapaApi`. */
export const papa = PapaUntyped as unknown as PapaApi;

/** How every CSV of this format is read: cells as text, nothing skipped, the line break guessed. */
export const PAPA_PARSE_CONFIG = {
  header: false,
  delimiter: ',',
  quoteChar: '"',
  escapeChar: '"',
  skipEmptyLines: false,
  dynamicTyping: false,
} as const;
