import type { Annotation } from '../annotation/annotation-types';
import { type Codebook, type Tag, validateCodebook } from '../codebook/codebook';
import { checkAnnotationRecords, type RecordCheckContext } from '../exchange/record-checks';
import { errorMessage } from '../validation/error-message';
import { compareHlc } from './hlc';
import type { JournalEntry, JournalProblem, JournalTag } from './journal-line';

/*
 * The second look at journal lines, once their shape is known to be right
 * (`checkJournalEntry`): an annotation must fit the codebook and, when it
 * claims the document's current text, that text — the rules every import
 * follows (`exchange/record-checks.ts`), with the same messages. A refused
 * line is not merged at all, so nothing of it is applied; the rest are.
 *
 * Unlike an import, a line about a document the corpus does not list is
 * kept: a sync tool may bring the journal before the file. A record of
 * another version of the text is kept as written (the app re-anchors it on
 * open, as any stored record).
 */

/** A journal line and where it is. */
export interface LocatedEntry {
  entry: JournalEntry;
  file: string;
  /** 1-based. */
  line: number;
}

export interface JournalCheckResult {
  accepted: LocatedEntry[];
  refused: { located: LocatedEntry; problem: JournalProblem }[];
}

export type JournalCheckContext = Pick<RecordCheckContext, 'documents' | 'getText'> & {
  /** The codebook as stored here; tags the lines bring are laid over it. */
  codebook: Codebook;
};

export async function checkJournalRecords(
  located: readonly LocatedEntry[],
  ctx: JournalCheckContext,
): Promise<JournalCheckResult> {
  const result: JournalCheckResult = { accepted: [], refused: [] };
  const refuse = (l: LocatedEntry, message: string): void => {
    result.refused.push({ located: l, problem: { file: l.file, line: l.line, message } });
  };
  const newestTags = new Map<string, { hlc: string; tag: Tag }>();
  const annotations: LocatedEntry[] = [];
  for (const l of located) {
    const { entry } = l;
    if (entry.op === 'put' && entry.kind === 'tag') {
      const { tag } = entry.record as JournalTag;
      try {
        // The rules a codebook holds inside one tag (unique attribute and value ids, patterns' values).
        validateCodebook({ version: 1, tags: [tag] });
      } catch (e) {
        refuse(l, `record.tag: ${errorMessage(e).replace(/^invalid codebook: tags\[0\]\.?/, '')}`);
        continue;
      }
      const seen = newestTags.get(tag.id);
      if (!seen || compareHlc(entry.hlc, seen.hlc) > 0) newestTags.set(tag.id, { hlc: entry.hlc, tag });
    }
    if (entry.op === 'put' && entry.kind === 'annotation') annotations.push(l);
    else result.accepted.push(l);
  }
  if (annotations.length === 0) return result;
  const tags = new Map(ctx.codebook.tags.map((t) => [t.id, t]));
  for (const [id, { tag }] of newestTags) tags.set(id, tag);
  const checked = await checkAnnotationRecords(
    annotations.map((l) => (l.entry as { record: unknown }).record as Annotation),
    {
      documents: ctx.documents,
      getText: ctx.getText,
      codebook: { version: 1, tags: [...tags.values()] },
      absentDocuments: 'keep',
      otherTexts: 'keep',
    },
  );
  const problems = new Map<number, string[]>();
  if (!checked.ok) {
    for (const p of checked.problems) {
      const list = problems.get(p.index) ?? [];
      list.push(p.field === undefined ? `record: ${p.message}` : `record.${p.field}: ${p.message}`);
      problems.set(p.index, list);
    }
  }
  annotations.forEach((l, i) => {
    const found = problems.get(i);
    if (found) refuse(l, found.join('; '));
    else result.accepted.push(l);
  });
  return result;
}
