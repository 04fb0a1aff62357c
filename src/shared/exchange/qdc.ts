import type { Codebook } from '../codebook/codebook';
import {
  codebookToCodes,
  codesToTags,
  codesXml,
  readCodes,
  type CodesToTags,
  type QdaCode,
} from './qda-codes';
import { ATTR, QDA_CODEBOOK_NAMESPACE, QdaError, buildXml, child, parseXml } from './qda-xml';

/*
 * The REFI-QDA codebook (`.qdc`): root `CodeBook` in the codebook namespace,
 * its `Codes` as in a project (the mapping and what it loses are in
 * `qda-codes.ts`). Import merges: the codebook keeps every tag it has and
 * gains one per code it does not know.
 */

export function exportQdc(codebook: Codebook, options: { appVersion?: string } = {}): string {
  return buildXml({
    CodeBook: {
      [`${ATTR}xmlns`]: QDA_CODEBOOK_NAMESPACE,
      [`${ATTR}origin`]: `Tanda${options.appVersion ? ` ${options.appVersion}` : ''}`,
      Codes: codesXml(codebookToCodes(codebook).codes),
    },
  });
}

/** The codes of a `.qdc`; QdaError with where each problem is. */
export function readQdc(xml: string, fileName = 'codebook.qdc'): QdaCode[] {
  const root = parseXml(xml.startsWith('\uFEFF') ? xml.slice(1) : xml, fileName);
  const book = child(root, 'CodeBook');
  if (!book) {
    const hint = child(root, 'Project') ? ' (this is a project: import it as .qdpx)' : '';
    throw new QdaError(`${fileName}: the root element is not CodeBook${hint}`);
  }
  const { codes, problems } = readCodes(child(book, 'Codes'), 'CodeBook/Codes');
  if (problems.length > 0)
    throw new QdaError(`invalid REFI-QDA codebook: ${problems.slice(0, 8).join('; ')}`, problems);
  return codes;
}

/** A `.qdc` merged into a codebook (validate the result with the codebook's own rules before saving). */
export function importQdc(xml: string, codebook: Codebook, fileName?: string): CodesToTags {
  return codesToTags(readQdc(xml, fileName), codebook);
}
