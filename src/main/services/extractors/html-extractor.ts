import type * as ReadabilityExports from '@mozilla/readability';
import { decodeHtml } from './html-charset';
import { loadOnce } from './load-once';
import { fragmentBody, parseHtmlDocument } from './html-dom';
import { htmlBlocks, nestingDepth, type DomNode } from './html-blocks';
import { ExtractionRefused, extractedFromBlocks, type Block, type Extractor } from './extraction';

/**
 * A saved web page → its article's text. Readability (Firefox's reader
 * view) finds the article and leaves out menus, ads, "read also" boxes and
 * footers; when it finds none, the whole `<body>` is read instead. The DOM
 * is linkedom's: it never runs a script or fetches anything.
 */

/** Readability gives up (null) on pages with more elements than this, rather than running for minutes. */
const MAX_ELEMENTS = 200_000;

const loadReadability = loadOnce<typeof ReadabilityExports>(() => import('@mozilla/readability'));

export const htmlExtractor: Extractor = {
  format: 'html',
  id: 'html@1',
  async extract(bytes, limits) {
    const { html, encoding } = decodeHtml(bytes);
    if (/^[\s\uFEFF]*$/.test(html)) return { kind: 'skipped', reason: 'empty file' };
    const document = await parseHtmlDocument(html);
    const depth = nestingDepth(document as unknown as DomNode, limits.maxHtmlDepth);
    if (depth > limits.maxHtmlDepth) {
      throw new ExtractionRefused(
        `HTML nested too deeply (over ${limits.maxHtmlDepth.toLocaleString('en')} levels of elements)`,
      );
    }
    const pageTitle = collapse(document.querySelector('title')?.textContent ?? '');
    const h1s = [...document.querySelectorAll('h1')].map((h) => collapse(h.textContent ?? ''));
    // Readability rewrites the tree it is given; the fallback needs the page as it was.
    // The whole page, not just <body>: linkedom does not imply a <body> around a clipping's bare paragraphs.
    const wholePage = (await parseHtmlDocument(html)) as unknown as DomNode;

    let blocks: Block[] = [];
    let articleTitle = '';
    const { Readability } = await loadReadability();
    let article: { content?: string | null; title?: string | null } | null = null;
    try {
      article = new Readability(document as never, { maxElemsToParse: MAX_ELEMENTS }).parse();
    } catch {
      // Markup Readability cannot walk (no <body>, odd nesting): the fallback below reads the page.
    }
    if (article?.content) {
      blocks = htmlBlocks(await fragmentBody(article.content));
      articleTitle = collapse(article.title ?? '');
    }
    if (!blocks.some((b) => b.text.trim() !== '')) blocks = htmlBlocks(wholePage);

    const headline = pickHeadline(h1s, articleTitle, pageTitle);
    const title = headline || articleTitle || pageTitle;
    // Readability drops an <h1> that repeats the title from the content; the article starts with it.
    // A title known only from <title> is not on the page, so it names the document but is not its text.
    if (headline && !startsWithText(blocks, headline))
      blocks.unshift({ text: headline, kind: 'heading', level: 1 });
    return extractedFromBlocks(blocks, { encoding, title, emptyReason: 'no text in the page' });
  },
};

/**
 * The article's headline among the page's `<h1>`s: the one Readability
 * took for the title, else the longest one the `<title>` contains
 * ("Headline | Site"), else the only one. A site's logo in an `<h1>` is
 * shorter than the headline beside it in the title.
 */
function pickHeadline(h1s: string[], articleTitle: string, pageTitle: string): string {
  const candidates = h1s.filter((h) => h !== '');
  if (articleTitle && candidates.includes(articleTitle)) return articleTitle;
  const inTitle = candidates.filter((h) => pageTitle.includes(h)).sort((a, b) => b.length - a.length);
  return inTitle[0] ?? (candidates.length === 1 ? candidates[0]! : '');
}

function startsWithText(blocks: readonly Block[], title: string): boolean {
  const first = blocks.find((b) => b.text.trim() !== '');
  return first !== undefined && collapse(first.text) === title;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
