import { z } from 'zod';
import { AnnotationSchema } from '../annotation/annotation-types';
import { TagSchema } from '../codebook/codebook';
import {
  BundleDocumentDateSchema,
  BundleDocumentStatusSchema,
  BundleRejectedUnitsSchema,
} from '../exchange/bundle-schema';
import { canonicalJson, statusKey } from '../exchange/record-order';
import { describeIssue } from '../validation/zod-issues';
import { isHlc } from './hlc';

/*
 * One line of a team journal (`.tanda/changes/<annotator>/<device>.jsonl`):
 * a `put` of a whole record, as the bundle holds it, or a `delete` of one by
 * key. Records are checked with the bundle's own schemas, so a line is
 * accepted by the same rules as an import.
 */

export const JOURNAL_LINE_VERSION = 1;

const HlcSchema = z
  .string()
  .refine(isHlc, 'must be a clock stamp like 2026-12-02T04:08:48.123Z-000000-<device>');

/** A codebook edit: one tag (with its attributes and values) and its place in the list. */
export const JournalTagSchema = z.object({ tag: TagSchema, position: z.number().int().nonnegative() });
export type JournalTag = z.infer<typeof JournalTagSchema>;

/** The record each kind carries in a `put`, and how its key is made from it. */
export const JOURNAL_KINDS = {
  annotation: { record: AnnotationSchema, key: (r: { id: string }) => r.id },
  status: { record: BundleDocumentStatusSchema, key: statusKey },
  date: { record: BundleDocumentDateSchema, key: (r: { documentPath: string }) => r.documentPath },
  rejected: { record: BundleRejectedUnitsSchema, key: statusKey },
  tag: { record: JournalTagSchema, key: (r: JournalTag) => r.tag.id },
} as const;
export type JournalKind = keyof typeof JOURNAL_KINDS;
const KindSchema = z.enum(Object.keys(JOURNAL_KINDS) as [JournalKind, ...JournalKind[]]);

const LineBaseSchema = z.object({
  v: z.literal(JOURNAL_LINE_VERSION),
  hlc: HlcSchema,
  kind: KindSchema,
  key: z.string().min(1).max(1000),
});

const PutLineSchema = LineBaseSchema.extend({ op: z.literal('put'), record: z.unknown() });
const DeleteLineSchema = LineBaseSchema.extend({ op: z.literal('delete') });
const LineSchema = z.discriminatedUnion('op', [PutLineSchema, DeleteLineSchema]);

export interface JournalPut {
  v: typeof JOURNAL_LINE_VERSION;
  op: 'put';
  hlc: string;
  kind: JournalKind;
  key: string;
  record: unknown;
}
export interface JournalDelete {
  v: typeof JOURNAL_LINE_VERSION;
  op: 'delete';
  hlc: string;
  kind: JournalKind;
  key: string;
}
export type JournalEntry = JournalPut | JournalDelete;

/** A line that could not be used, and where it is. */
export interface JournalProblem {
  /** Path relative to the corpus folder. */
  file: string;
  /** 1-based. */
  line: number;
  message: string;
}

export function putEntry<K extends JournalKind>(
  kind: K,
  record: z.output<(typeof JOURNAL_KINDS)[K]['record']>,
  hlc: string,
): JournalPut {
  const key = (JOURNAL_KINDS[kind].key as (r: unknown) => string)(record);
  return { v: JOURNAL_LINE_VERSION, op: 'put', hlc, kind, key, record };
}

export function deleteEntry(kind: JournalKind, key: string, hlc: string): JournalDelete {
  return { v: JOURNAL_LINE_VERSION, op: 'delete', hlc, kind, key };
}

/** The text of one line, newline included; keys sorted, so a line means one thing byte for byte. */
export function journalLineText(entry: JournalEntry): string {
  return `${canonicalJson(entry)}\n`;
}

/** A journal line as a zod schema (for the API contract): the same checks as `checkJournalEntry`. */
// `custom` lets anything in (typed as a line for callers); the transform does the checking.
export const JournalEntrySchema = z.custom<JournalEntry>().transform((value, ctx): JournalEntry => {
  const checked = checkJournalEntry(value);
  if ('entry' in checked) return checked.entry;
  ctx.addIssue({ code: 'custom', message: checked.error });
  return z.NEVER;
});

/** Validates one parsed line: the entry, or what is wrong with it. */
export function checkJournalEntry(value: unknown): { entry: JournalEntry } | { error: string } {
  const line = LineSchema.safeParse(value);
  if (!line.success) return { error: line.error.issues.map((i) => describeIssue(i)).join('; ') };
  const { kind } = line.data;
  if (line.data.op === 'delete') return { entry: line.data };
  const spec = JOURNAL_KINDS[kind];
  const record = spec.record.safeParse(line.data.record);
  if (!record.success) {
    return {
      error: record.error.issues
        .map((i) => describeIssue({ path: ['record', ...i.path], message: i.message }))
        .join('; '),
    };
  }
  const key = (spec.key as (r: unknown) => string)(record.data);
  if (key !== line.data.key) return { error: `key: "${line.data.key}" is not the record's key "${key}"` };
  return { entry: { ...line.data, record: record.data } };
}

export interface ParsedJournal {
  entries: JournalEntry[];
  /** The 1-based line number of each entry, for problems found later (record checks). */
  lines: number[];
  problems: JournalProblem[];
}

/**
 * Reads complete lines (the caller leaves out a last line without its
 * newline: a sync tool may be halfway through writing it). `firstLine` is the
 * 1-based number of the first line in `text`, for problems. A blank line is
 * skipped; an unreadable one is listed as a problem and skipped.
 */
export function parseJournalLines(text: string, file: string, firstLine = 1): ParsedJournal {
  const entries: JournalEntry[] = [];
  const numbers: number[] = [];
  const problems: JournalProblem[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, index) => {
    const line = firstLine + index;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ file, line, message: 'not JSON' });
      return;
    }
    const checked = checkJournalEntry(value);
    if ('error' in checked) problems.push({ file, line, message: checked.error });
    else {
      entries.push(checked.entry);
      numbers.push(line);
    }
  });
  return { entries, lines: numbers, problems };
}

/** The complete lines of a text and what is left after them (a half-written last line). */
export function splitCompleteLines(text: string): { complete: string; rest: string } {
  const end = text.lastIndexOf('\n') + 1;
  return { complete: text.slice(0, end), rest: text.slice(end) };
}
