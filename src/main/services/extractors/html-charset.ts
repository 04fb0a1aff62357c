import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../shared/corpus/corpus-types';
import { decodeText } from '../text-decode';
import { ExtractionRefused } from './extraction';

/**
 * An HTML page's bytes → a string, in the order browsers use: a byte order
 * mark, then `<meta charset>`, then `<meta http-equiv="Content-Type">`
 * (both looked for in the first 1024 bytes, as the HTML standard's prescan
 * does), then the same UTF-8 / Windows-1252 detection as plain text files.
 */

const PRESCAN_BYTES = 1024;

export function decodeHtml(bytes: Uint8Array): { html: string; encoding: TextEncoding } {
  const bomless = decodeText(bytes);
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bomless.kind === 'binary')
    throw new ExtractionRefused('binary file (contains NUL bytes), not an HTML page');
  if (bomless.kind === 'empty') throw new ExtractionRefused('empty file');
  if (hasBom) return { html: bomless.text, encoding: bomless.encoding };

  const declared = declaredCharset(bytes);
  if (declared) {
    const label = canonicalLabel(declared);
    // A page that says UTF-8 but is not: browsers show U+FFFD, so do we, and keep the declaration's name.
    if (label === 'utf-8') return { html: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
    if (label !== null && label !== 'utf-16le' && label !== 'utf-16be') {
      return { html: iconv.decode(Buffer.from(bytes), label), encoding: label };
    }
  }
  return { html: bomless.text, encoding: bomless.encoding };
}

/** The charset a page declares in its first 1024 bytes, lower case, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  // Latin-1 keeps every byte as one character, so ASCII markup reads right whatever the real encoding.
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = /\bcharset\s*=\s*["']?\s*([a-z0-9._:-]+)/i.exec(meta);
    if (charset) return charset[1]!.toLowerCase();
  }
  return null;
}

/**
 * The label Tanda reports and decodes with. Latin-1 and ASCII labels mean
 * Windows-1252, as the WHATWG Encoding standard (and every browser) has it;
 * an unknown label is ignored, as browsers do.
 */
function canonicalLabel(label: string): TextEncoding | null {
  if (label === 'utf-8' || label === 'utf8' || label === 'unicode-1-1-utf-8') return 'utf-8';
  if (
    ['iso-8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'windows-1252', 'cp1252', 'x-cp1252'].includes(label)
  )
    return 'windows-1252';
  if (label === 'utf-16' || label === 'utf-16le') return 'utf-16le';
  if (label === 'utf-16be') return 'utf-16be';
  return iconv.encodingExists(label) ? label : null;
}
