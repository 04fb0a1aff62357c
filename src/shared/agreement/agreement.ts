import {
  addCounts,
  emptyCounts,
  macroAgreement,
  pairsOf,
  tagAgreement,
  type AgreementCounts,
  type AgreementReport,
  type DocumentAgreement,
  type TagAgreement,
} from './agreement-report';
import { countMatches, type SpanRange } from './agreement-spans';
import { attributeAgreement } from './attribute-agreement';
import type { AttributeValues } from '../annotation/annotation-types';
import { coderHistogram, confusionOf, mergeIntervals, type IntervalList } from './agreement-units';

export type {
  AgreementReport,
  DocumentAgreement,
  MacroAgreement,
  PairKappa,
  TagAgreement,
} from './agreement-report';
export type { PrecisionRecall } from './agreement-spans';

/**
 * Inter-annotator agreement: what reviewers compare annotators with. One
 * implementation for the app and `tanda agreement`. Pure: the caller reads
 * the corpus and the annotations, this only counts.
 *
 * For annotators a = annotators[0] and b = annotators[1], per tag:
 *  - units are the code points of every document in scope; an annotator
 *    labels a unit 1 when it lies in any of their spans of the tag (their
 *    own overlapping spans merged), else 0;
 *  - Cohen's kappa and Krippendorff's alpha (nominal) over those units
 *    (`agreement-units.ts`), never materialising one value per code point;
 *  - exact and overlap span matching, precision/recall/F1 with a as the
 *    reference (`agreement-spans.ts`);
 *  - presence: the share of documents where both used the tag or neither;
 *  - the same per document, and macro means over tags (`agreement-report.ts`).
 * With three or more annotators, also alpha over all of them, Fleiss'
 * kappa and the Cohen kappa of every pair.
 */

export interface AgreementSpan {
  annotator: string;
  documentPath: string;
  tag: string;
  /** Code point offsets, end exclusive, as stored. */
  start: number;
  end: number;
  /** For attribute agreement over matched spans (`attribute-agreement.ts`). */
  attributes?: AttributeValues;
}

export interface AgreementInput {
  /**
   * The documents in scope, in the order the report lists them: every
   * document that appears in at least one input, with its length in code
   * points. A document here without any span still contributes its units.
   */
  documents: readonly { path: string; chars: number }[];
  /** Spans of annotators not in `annotators` are ignored. */
  spans: readonly AgreementSpan[];
  /** Two or more, distinct; [0] is a, [1] is b. */
  annotators: readonly string[];
  /**
   * Tag ids to report, in order. A tag that spans use but this list lacks
   * is appended (in order of first use), so no span is ever left out. A
   * listed tag nobody used is reported too: its unit and span measures are
   * null (there is nothing to agree on) and its presence is 1.
   */
  tags: readonly string[];
}

/** Thrown for input that breaks the contract above (the caller validates user data first). */
export class AgreementInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgreementInputError';
  }
}

export function computeAgreement(input: AgreementInput): AgreementReport {
  const { annotators } = input;
  checkAnnotators(annotators);
  const chars = documentLengths(input.documents);
  const coderIndex = new Map(annotators.map((name, i) => [name, i]));
  const tags = [...input.tags];
  const tagSet = new Set<string>();
  for (const tag of tags) {
    if (tagSet.has(tag)) throw new AgreementInputError(`tag ${JSON.stringify(tag)} is listed twice`);
    tagSet.add(tag);
  }

  // document → tag → spans per annotator
  const grouped = new Map<string, Map<string, SpanRange[][]>>();
  for (const span of input.spans) {
    const coder = coderIndex.get(span.annotator);
    if (coder === undefined) continue;
    checkSpan(span, chars);
    if (!tagSet.has(span.tag)) {
      tagSet.add(span.tag);
      tags.push(span.tag);
    }
    let byTag = grouped.get(span.documentPath);
    if (!byTag) grouped.set(span.documentPath, (byTag = new Map()));
    let byCoder = byTag.get(span.tag);
    if (!byCoder) byTag.set(span.tag, (byCoder = annotators.map(() => [])));
    byCoder[coder]!.push({ start: span.start, end: span.end });
  }

  const totals = new Map(tags.map((tag) => [tag, emptyCounts(annotators.length)]));
  const perDocument: DocumentAgreement[] = input.documents.map(({ path, chars: units }) => {
    const byTag = grouped.get(path);
    const docTags = tagRecord();
    for (const tag of tags) {
      const spans = byTag?.get(tag);
      const counts = spans ? cellCounts(units, spans) : unusedCounts(units, annotators.length);
      addCounts(totals.get(tag)!, counts);
      docTags[tag] = tagAgreement(counts, annotators);
    }
    const docMacro = macroAgreement(Object.values(docTags), annotators.slice(0, 2));
    return { document_path: path, kappa: docMacro.kappa, alpha: docMacro.alpha, tags: docTags };
  });

  const tagResults = tagRecord();
  for (const tag of tags) tagResults[tag] = tagAgreement(totals.get(tag)!, annotators);
  return {
    documents: input.documents.length,
    annotators: [annotators[0]!, annotators[1]!],
    ...(annotators.length >= 3 ? { annotators_all: [...annotators] } : {}),
    tags: tagResults,
    macro: macroAgreement(
      tags.map((tag) => tagResults[tag]!),
      annotators,
    ),
    per_document: perDocument,
    attributes: attributeAgreement(
      input.spans.filter((s) => s.annotator === annotators[0]),
      input.spans.filter((s) => s.annotator === annotators[1]),
    ),
  };
}

/** Counts of one tag in one document where at least one annotator used it. */
function cellCounts(units: number, spans: readonly SpanRange[][]): AgreementCounts {
  const merged: IntervalList[] = spans.map((s) => mergeIntervals(s));
  const a = spans[0]!;
  const b = spans[1]!;
  const aMatches = countMatches(a, b, merged[1]!);
  const bMatches = countMatches(b, a, merged[0]!);
  return {
    units,
    documents: 1,
    presenceAgreements: a.length > 0 === b.length > 0 ? 1 : 0,
    pairs: pairsOf(spans.length).map(([i, j]) => confusionOf(units, merged[i]!, merged[j]!)),
    histogram: spans.length >= 3 ? coderHistogram(units, merged) : null,
    aSpans: a.length,
    bSpans: b.length,
    aExact: aMatches.exact,
    bExact: bMatches.exact,
    aOverlap: aMatches.overlap,
    bOverlap: bMatches.overlap,
  };
}

/** Counts of a tag nobody used in a document: every unit is 0 for everyone. */
function unusedCounts(units: number, annotatorCount: number): AgreementCounts {
  const counts = emptyCounts(annotatorCount);
  counts.units = units;
  counts.documents = 1;
  counts.presenceAgreements = 1;
  for (const c of counts.pairs) c.n00 = units;
  if (counts.histogram) counts.histogram[0] = units;
  return counts;
}

/** A record keyed by tag id with no prototype, so no tag id can collide with Object's keys. */
function tagRecord(): Record<string, TagAgreement> {
  return Object.create(null) as Record<string, TagAgreement>;
}

function checkAnnotators(annotators: readonly string[]): void {
  if (annotators.length < 2) throw new AgreementInputError('agreement needs at least two annotators');
  if (new Set(annotators).size !== annotators.length)
    throw new AgreementInputError('an annotator is listed twice');
}

function documentLengths(documents: AgreementInput['documents']): Map<string, number> {
  const chars = new Map<string, number>();
  for (const { path, chars: n } of documents) {
    if (chars.has(path)) throw new AgreementInputError(`document ${JSON.stringify(path)} is listed twice`);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new AgreementInputError(`document ${JSON.stringify(path)} has an invalid length ${n}`);
    chars.set(path, n);
  }
  return chars;
}

function checkSpan(span: AgreementSpan, chars: ReadonlyMap<string, number>): void {
  const length = chars.get(span.documentPath);
  if (length === undefined) {
    throw new AgreementInputError(
      `span of ${JSON.stringify(span.annotator)} is in document ${JSON.stringify(span.documentPath)}, which is not in scope`,
    );
  }
  const { start, end } = span;
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    end <= start ||
    end > length
  ) {
    throw new AgreementInputError(
      `span ${start}–${end} of ${JSON.stringify(span.annotator)} in ${JSON.stringify(span.documentPath)} is not inside 0–${length} with start < end`,
    );
  }
}
