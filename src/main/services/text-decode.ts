import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../shared/corpus/corpus-types';
import { normalizeText } from '../../shared/text/text-normalize';

/**
 * Bytes on disk → normalized text, or the reason there is no text.
 *
 * The order of the checks matters: a byte order mark wins over everything
 * (UTF-16 text is full of NUL bytes, so it must be recognised before the NUL
 * test), then NUL bytes mean "binary", then strict UTF-8, and only what is not
 * valid UTF-8 falls back to Windows-1252, the encoding older newsroom and
 * Office exports use for Western European text.
 */
export type DecodedText =
  | { kind: 'text'; text: string; encoding: TextEncoding }
  | { kind: 'binary' }
  | { kind: 'empty'; onlyWhitespace: boolean };

export function decodeText(bytes: Uint8Array): DecodedText {
  const decoded = decodeBytes(bytes);
  if (decoded === 'binary') return { kind: 'binary' };
  const text = normalizeText(decoded.text);
  // Nothing to annotate: 0 bytes, a lone BOM, or blank lines only.
  if (text.trim() === '') return { kind: 'empty', onlyWhitespace: text !== '' };
  return { kind: 'text', text, encoding: decoded.encoding };
}

type RawDecoded = { text: string; encoding: TextEncoding } | 'binary';

function decodeBytes(bytes: Uint8Array): RawDecoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    // normalizeText strips the BOM; TextDecoder would too, but keep one rule.
    return { text: utf8Lenient.decode(bytes), encoding: 'utf-8-bom' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: utf16le.decode(bytes), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: utf16be.decode(bytes), encoding: 'utf-16be' };

  const guessed = guessBomlessUtf16(bytes);
  if (guessed) return guessed;

  if (bytes.includes(0)) return 'binary';

  // Valid UTF-8 is told apart by one native pass (simdutf), then decoded without the fatal decoder's
  // checks: together faster than TextDecoder's fatal mode, with the same text.
  if (isUtf8(bytes)) {
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
      encoding: 'utf-8',
    };
  }
  // iconv-lite rather than TextDecoder('windows-1252'): the WHATWG decoder
  // depends on the ICU data Node/Electron was built with (small-icu builds
  // lack it), while iconv-lite is plain JS and behaves the same in the CLI,
  // main and tests. It also maps the five bytes Windows-1252 leaves
  // undefined (0x81 0x8D 0x8F 0x90 0x9D) to U+FFFD, which an analyst can
  // see, where WHATWG maps them to invisible C1 controls. And if export ever
  // has to write a file back in its original encoding, iconv-lite can
  // encode; TextEncoder only writes UTF-8.
  return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
}

const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });
// UTF-16 with a BOM is unambiguous; a stray unpaired surrogate becomes U+FFFD.
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: true });

/** How much of a file the BOM-less UTF-16 guess looks at. */
const UTF16_SAMPLE_BYTES = 4096;

/**
 * Some Windows tools write UTF-16 without a BOM. Text in a Latin script then
 * has a NUL in every other byte, always on the same side. The guess is
 * deliberately conservative so that real binaries stay "binary": at least 4
 * bytes, an even length, NULs on one side in at least 60% of the sampled code
 * units and never on the other side, and the whole file must decode without
 * errors to text with no control characters other than tab, LF, CR and FF.
 * Anything less certain is left to the NUL check below it.
 */
function guessBomlessUtf16(bytes: Uint8Array): RawDecoded | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const sampleLength = Math.min(bytes.length, UTF16_SAMPLE_BYTES);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sampleLength; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const units = sampleLength / 2;
  let encoding: 'utf-16le' | 'utf-16be';
  if (evenNuls === 0 && oddNuls >= units * 0.6) encoding = 'utf-16le';
  else if (oddNuls === 0 && evenNuls >= units * 0.6) encoding = 'utf-16be';
  else return null;

  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point: they mark a binary file
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return null;
  return { text, encoding };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
