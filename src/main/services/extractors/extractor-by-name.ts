import path from 'node:path';
import { docxExtractor } from './docx-extractor';
import type { Extractor } from './extraction';
import { htmlExtractor } from './html-extractor';
import { odtExtractor } from './odt-extractor';
import { pdfExtractor } from './pdf-extractor';
import { mdExtractor, txtExtractor } from './text-extractor';

/** Which files are documents and which extractor reads each, by extension. */
const extractorsByExtension: ReadonlyMap<string, Extractor> = new Map([
  ['.txt', txtExtractor],
  ['.md', mdExtractor],
  ['.html', htmlExtractor],
  ['.htm', htmlExtractor],
  ['.xhtml', htmlExtractor],
  ['.docx', docxExtractor],
  ['.odt', odtExtractor],
  ['.pdf', pdfExtractor],
]);

export function extractorForFileName(name: string): Extractor | undefined {
  return extractorsByExtension.get(path.extname(name).toLowerCase());
}
