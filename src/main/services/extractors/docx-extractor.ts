import type MammothExports from 'mammoth';
import { htmlBlocks } from './html-blocks';
import { fragmentBody } from './html-dom';
import { loadOnce } from './load-once';
import { ExtractionRefused, extractedFromBlocks, type Extractor } from './extraction';
import { listZip } from './zip-archive';

/**
 * A Word document → its text, through mammoth, which reads paragraphs,
 * headings by their style (Heading 1–6, Title), lists, tables and
 * footnotes into plain HTML; the same paragraph walk as web pages then makes
 * the blocks. Runs (`<w:r>`) are concatenated as they are, so a word split
 * into two runs by a change of formatting joins without a space.
 *
 * Dropped: images, text boxes' drawing layer, comments, headers and footers
 * of the page, tracked deletions. Footnotes and endnotes come at the end, one
 * paragraph each; their markers stay in the text as `[1]`.
 */

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

type MammothModule = typeof MammothExports;
const loadMammoth = loadOnce<MammothModule>(() => import('mammoth'));

export const docxExtractor: Extractor = {
  format: 'docx',
  id: 'docx@1',
  async extract(bytes, limits) {
    const entries = listZip(bytes, 'Word document', limits.maxUnzippedBytes);
    if (!entries.some((e) => e.name === 'word/document.xml')) {
      throw new ExtractionRefused('not a Word document (the zip archive has no word/document.xml)');
    }
    const loaded = await loadMammoth();
    // A CommonJS module: its exports arrive as `default` under Node's loader, as themselves under a bundler.
    const mammoth = (loaded as { default?: MammothModule }).default ?? loaded;
    let html: string;
    try {
      const result = await mammoth.convertToHtml(
        { buffer: Buffer.from(bytes) },
        {
          styleMap: STYLE_MAP,
          externalFileAccess: false,
          // Images would be inlined as base64 only to be thrown away.
          convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        },
      );
      html = result.value;
    } catch (error) {
      throw new ExtractionRefused(`damaged Word document (${firstLine(error)})`);
    }
    const blocks = htmlBlocks(await fragmentBody(html), {
      // mammoth links each footnote back to its marker with "↑".
      dropLink: (href) => /^#(footnote|endnote)-ref-/.test(href),
    });
    return extractedFromBlocks(blocks, { encoding: 'utf-8', emptyReason: 'no text in the document' });
  },
};

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .slice(0, 200);
}
