import { decodeText } from '../text-decode';
import type { Extractor } from './extraction';

/**
 * `.txt` and `.md`: the decoded file is the text, line for line. Markdown
 * is not rendered: its `#` and `*` are part of what the analyst annotates,
 * as they always were.
 */
function textExtractor(format: 'txt' | 'md'): Extractor {
  return {
    format,
    id: 'text@1',
    async extract(bytes) {
      const decoded = decodeText(bytes);
      if (decoded.kind === 'binary') return { kind: 'skipped', reason: 'binary file (contains NUL bytes)' };
      if (decoded.kind === 'empty') {
        return {
          kind: 'skipped',
          reason: decoded.onlyWhitespace ? 'empty file (only whitespace)' : 'empty file',
        };
      }
      return { kind: 'text', text: decoded.text, encoding: decoded.encoding };
    },
  };
}

export const txtExtractor = textExtractor('txt');
export const mdExtractor = textExtractor('md');
