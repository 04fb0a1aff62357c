import type { AgreementInput, AgreementSpan } from './agreement';

/**
 * What `computeAgreement` compares, decided the same way by `tanda agreement`
 * and the app's Compare view, so the two cannot print different figures for
 * the same annotations:
 *  - documents: the ones given, else every document a span names; sorted by
 *    path (code unit order, as every listing is);
 *  - tags: every tag a span uses, in order of first appearance (a codebook
 *    tag nobody used is left out: every measure of it but presence would be
 *    null). The order is the report's row order, and the macro means add
 *    their terms in it, so it has to match to the last bit.
 *
 * The CLI's spans come in file order (files in argument order, rows in file
 * order). The app has no files; `orderLikeExports` puts its annotations in
 * the order one export per annotator would list them, given to the CLI in
 * the chosen annotators' order, so comparing in the app and running
 * `tanda agreement a.csv b.csv` on the app's exports agree exactly.
 */
export function agreementInput(options: {
  spans: readonly AgreementSpan[];
  annotators: readonly string[];
  /** Documents in scope; defaults to those the spans name. */
  documents?: Iterable<string>;
  /** Length in code points of a document in scope. */
  lengthOf(path: string): number;
}): AgreementInput {
  const paths = [...new Set(options.documents ?? options.spans.map((s) => s.documentPath))].sort(
    compareStrings,
  );
  return {
    documents: paths.map((path) => ({ path, chars: options.lengthOf(path) })),
    spans: options.spans,
    annotators: options.annotators,
    tags: [...new Set(options.spans.map((s) => s.tag))],
  };
}

/**
 * Spans of the given annotators only, in the order `tanda agreement` reads
 * them from one app export per annotator (annotators in the given order;
 * within one, by document path, start, end, then id, which is the export's
 * row order).
 */
export function orderLikeExports<S extends AgreementSpan & { id: string }>(
  spans: readonly S[],
  annotators: readonly string[],
): S[] {
  const rank = new Map(annotators.map((name, i) => [name, i]));
  return spans
    .filter((s) => rank.has(s.annotator))
    .sort(
      (x, y) =>
        rank.get(x.annotator)! - rank.get(y.annotator)! ||
        compareStrings(x.documentPath, y.documentPath) ||
        x.start - y.start ||
        x.end - y.end ||
        compareStrings(x.id, y.id),
    );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
