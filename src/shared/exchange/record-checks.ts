import { type Annotation, type AttributeValues } from '../annotation/annotation-types';
import { type Attribute, type Codebook, type Tag } from '../codebook/codebook';
import { reanchorAnnotations } from '../text/reanchor';
import { type CodePointIndex, codePointIndex } from '../text/text-quote';
import { parseTimestamp } from './csv-format';
import { errorMessage } from '../validation/error-message';

/*
 * The checks every way annotations come in shares (CSV rows, bundle and
 * backup records, team journal lines): the same rules and the same
 * problem messages, so an analyst reads "end 100000 is beyond the text" the
 * same whether it came from row 7 or from annotations[6]. The callers say
 * where (`row 7, column end` / `annotations[6].end`); this module says what.
 *
 * A record that claims to be on the document's current text (its
 * `contentSha256` is the document's) must fit it exactly: offsets within the
 * text and the quote there. That is the rule whose absence let one bad record
 * blank the app. A record of another version of the text is re-anchored by
 * its quote, as the app does on open.
 */

// ---------------------------------------------------------------- messages

export function unknownTagMessage(tag: string, codebook: Codebook): string {
  return `unknown tag "${tag}"; the codebook has ${codebook.tags.map((t) => t.id).join(', ') || 'no tags'}`;
}

export function unknownAttributeMessage(tag: Tag, attributeId: string): string {
  return `tag "${tag.id}" has no attribute "${attributeId}"`;
}

export function unknownValuesMessage(attribute: Attribute, tag: Tag, unknown: readonly string[]): string {
  return (
    `unknown value ${unknown.map((v) => `"${v}"`).join(', ')} for attribute "${attribute.id}" of tag "${tag.id}"; ` +
    `its values are ${attribute.values.map((v) => v.id).join(', ') || 'none'}`
  );
}

export function unknownDocumentMessage(named: string): string {
  return `unknown document: no document in the corpus has ${named || 'an empty path'}`;
}

export function timestampMessage(value: string): string {
  return `"${value}" is not an ISO 8601 timestamp like 2024-05-01T09:30:00.000Z`;
}

/** An annotator name is a visible name: not empty, not too long, no control characters (a NUL hides the rest). */
export function annotatorProblem(name: string): string | null {
  if (name.trim() === '') return 'annotator is empty';
  if (name.length > 200) return `annotator is ${name.length} characters long; at most 200 are allowed`;
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(name);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `annotator contains the control character U+${code}`;
  }
  return null;
}

/** Why `quote` is not the text at `start`..`end` of `index`, or null when it is. */
export function spanProblem(
  index: CodePointIndex,
  span: { start: number; end: number; quote: string },
): { field: 'start' | 'end' | 'quote'; message: string } | null {
  const { start, end, quote } = span;
  if (!Number.isSafeInteger(start) || start < 0)
    return { field: 'start', message: `start ${start} is not a whole number ≥ 0` };
  if (!Number.isSafeInteger(end) || end <= start)
    return { field: 'end', message: `end ${end} must be greater than start ${start}` };
  if (end > index.length)
    return {
      field: 'end',
      message: `end ${end} is beyond the text (${groupDigits(index.length)} code points)`,
    };
  const from = index.toUtf16(start);
  const to = index.toUtf16(end);
  // Compared in place: slicing the text there for every row was garbage for nothing.
  if (to - from === quote.length && index.text.startsWith(quote, from)) return null;
  const there = index.text.slice(from, to);
  return {
    field: 'quote',
    message: `the quote is not at ${start}..${end}: expected ${show(quote)}, the text there is ${show(there)}`,
  };
}

/** Attribute values as the tag defines them; one message per problem, with the attribute id. */
export function attributeProblems(
  tag: Tag,
  values: AttributeValues,
): { attribute: string; message: string }[] {
  const problems: { attribute: string; message: string }[] = [];
  for (const [id, value] of Object.entries(values)) {
    const attribute = tag.attributes.find((a) => a.id === id);
    if (!attribute) {
      problems.push({ attribute: id, message: unknownAttributeMessage(tag, id) });
      continue;
    }
    const ids = typeof value === 'string' ? [value] : value;
    if (attribute.kind === 'text') {
      if (typeof value !== 'string')
        problems.push({
          attribute: id,
          message: `attribute "${id}" of tag "${tag.id}" is free text, not a list`,
        });
      continue;
    }
    if (attribute.kind === 'single' && typeof value !== 'string') {
      problems.push({
        attribute: id,
        message: `attribute "${id}" of tag "${tag.id}" takes one value, not a list`,
      });
      continue;
    }
    const known = new Set(attribute.values.map((v) => v.id));
    const unknown = ids.filter((v) => !known.has(v));
    if (unknown.length > 0)
      problems.push({ attribute: id, message: unknownValuesMessage(attribute, tag, unknown) });
  }
  return problems;
}

// ---------------------------------------------------------------- records

export interface RecordDocument {
  path: string;
  /** Null when the document is not readable. */
  sha256: string | null;
  reason?: string;
}

export interface RecordCheckContext {
  documents: readonly RecordDocument[];
  /** The normalized text of a listed, readable document; called once per document records name. */
  getText(path: string): string | Promise<string>;
  codebook: Codebook;
  /**
   * Records of documents not in the corpus: `refuse` for an import (they
   * could never be shown); `keep` for a restore, which brings back the whole
   * database, work on files removed since included, unchanged.
   */
  absentDocuments: 'refuse' | 'keep';
  /**
   * Records of another version of a text: re-anchored by their quote (the
   * default, for imports), or kept as they are (team journals: the record is
   * a colleague's line, applied as written; the app re-anchors it on open,
   * as it does any stored record).
   */
  otherTexts?: 'reanchor' | 'keep';
}

/** A problem with record `index`; `field` is the record's property when one is to blame. */
export interface RecordProblem {
  index: number;
  field?: string;
  message: string;
}

export type RecordCheckResult =
  { ok: true; annotations: Annotation[]; reanchored: number } | { ok: false; problems: RecordProblem[] };

/**
 * Check annotation records (already valid for `AnnotationSchema`) against the
 * codebook and the corpus. All or nothing: either every record, with those of
 * a changed text re-anchored (an unplaceable one kept as an orphan, as the app
 * keeps it), or every problem.
 */
export async function checkAnnotationRecords(
  records: readonly Annotation[],
  ctx: RecordCheckContext,
): Promise<RecordCheckResult> {
  const problems: RecordProblem[] = [];
  const tags = new Map(ctx.codebook.tags.map((t) => [t.id, t]));
  const documents = new Map(ctx.documents.map((d) => [d.path, d]));
  const byDocument = new Map<string, number[]>();
  records.forEach((a, index) => {
    const report = (field: string | undefined, message: string): void => {
      problems.push(field === undefined ? { index, message } : { index, field, message });
    };
    const annotator = annotatorProblem(a.annotator);
    if (annotator) report('annotator', annotator);
    const tag = tags.get(a.tag);
    if (!tag) report('tag', unknownTagMessage(a.tag, ctx.codebook));
    else for (const p of attributeProblems(tag, a.attributes)) report(`attributes.${p.attribute}`, p.message);
    for (const field of ['createdAt', 'updatedAt'] as const) {
      if (parseTimestamp(a[field]) === null) report(field, timestampMessage(a[field]));
    }
    const doc = documents.get(a.documentPath);
    if (!doc) {
      if (ctx.absentDocuments === 'refuse')
        report('documentPath', unknownDocumentMessage(`path "${a.documentPath}"`));
      return;
    }
    if (doc.sha256 === null) {
      // Unreadable now (skipped, an error): nothing to check the span against, and nothing will draw it.
      if (ctx.absentDocuments === 'refuse')
        report(
          'documentPath',
          `document "${doc.path}" cannot be read${doc.reason ? ` (${doc.reason})` : ''}`,
        );
      return;
    }
    const list = byDocument.get(doc.path);
    if (list) list.push(index);
    else byDocument.set(doc.path, [index]);
  });

  const out = [...records];
  let reanchored = 0;
  for (const [path, all] of byDocument) {
    const sha = documents.get(path)!.sha256!;
    const indexes = ctx.otherTexts === 'keep' ? all.filter((i) => records[i]!.contentSha256 === sha) : all;
    if (indexes.length === 0) continue;
    let text: string;
    try {
      text = await ctx.getText(path);
    } catch (error) {
      const reason = errorMessage(error);
      problems.push({
        index: indexes[0]!,
        field: 'documentPath',
        message: `document "${path}" cannot be read: ${reason}`,
      });
      continue;
    }
    const index = codePointIndex(text);
    const stale: number[] = [];
    for (const i of indexes) {
      const a = records[i]!;
      if (a.contentSha256 !== sha) {
        stale.push(i);
        continue;
      }
      if (a.orphaned) continue; // an orphan's offsets are of an older text, whatever its hash says
      const problem = spanProblem(index, a);
      if (problem) problems.push({ index: i, field: problem.field, message: problem.message });
    }
    if (stale.length === 0) continue;
    const result = reanchorAnnotations(
      stale.map((i) => records[i]!),
      text,
      sha,
    );
    result.annotations.forEach((a, k) => {
      out[stale[k]!] = a;
      if (result.outcomes[k] !== 'orphaned') reanchored += 1;
    });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.index - b.index) };
  return { ok: true, annotations: out, reanchored };
}

/** `annotations[6].end: …`: a record problem as a bundle's problem list has it (JSON path first). */
export function formatRecordProblem(p: RecordProblem, list = 'annotations'): string {
  return `${list}[${p.index}]${p.field === undefined ? '' : `.${p.field}`}: ${p.message}`;
}

export function show(s: string): string {
  const cps = [...s];
  return JSON.stringify(cps.length > 40 ? `${cps.slice(0, 39).join('')}…` : s);
}

export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
