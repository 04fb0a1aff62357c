import type * as LinkedomModule from 'linkedom';
import type { DomNode } from './html-blocks';
import { loadOnce } from './load-once';

type Linkedom = typeof LinkedomModule;
const loadLinkedom = loadOnce<Linkedom>(() => import('linkedom'));

/** A page parsed into a DOM. No script runs and nothing is fetched: linkedom does neither. */
export async function parseHtmlDocument(
  html: string,
): Promise<ReturnType<Linkedom['parseHTML']>['document']> {
  return (await loadLinkedom()).parseHTML(html).document;
}

/** `<body>` of an HTML fragment, for the paragraph walk. */
export async function fragmentBody(html: string): Promise<DomNode> {
  const document = await parseHtmlDocument(`<!doctype html><html><body>${html}</body></html>`);
  return document.body as unknown as DomNode;
}
