import { z } from 'zod';
import type { AttributeValues } from '../annotation/annotation-types';
import { DocumentPathSchema } from '../corpus/corpus-types';

/**
 * A suggestion is a span Tanda proposes for a tag; it becomes an annotation
 * only when the analyst accepts it. Its source says why it was proposed,
 * and is what rejections and the per-pattern record are kept by.
 */

export type SuggestionSourceKind = SuggestionSource['kind'];

/**
 * Why a suggestion was proposed, as data: the renderer words it in the
 * analyst's language (plural forms included), the CLI in English
 * (`sourceNote`). A string built here would reach the Indonesian UI in English.
 */
export type SuggestionSource =
  | {
      /**
       * Stable identity: `pattern:<tag>:<kind>:<text>` or `learned:<tag>:<folded phrase>`.
       * Editing a pattern's text makes it a new source with a fresh record.
       */
      readonly key: string;
      readonly kind: 'pattern';
      /** The pattern as the analyst knows it (`patternName`): its label, else its text. */
      readonly pattern: string;
    }
  | {
      readonly key: string;
      readonly kind: 'learned';
      /** How many of the analyst's annotations of this tag have the phrase. */
      readonly count: number;
    };

/**
 * The source in English, as `tanda suggest` writes it in the note column
 * ("pattern: kereta api", "you tagged this 4×"): part of that CSV's
 * contract, so never translated.
 */
export function sourceNote(source: SuggestionSource): string {
  return source.kind === 'pattern' ? `pattern: ${source.pattern}` : `you tagged this ${source.count}×`;
}

/** Two sources that read the same (same key, same name or count). */
export function sameSourceWording(a: SuggestionSource, b: SuggestionSource): boolean {
  if (a.kind === 'pattern') return b.kind === 'pattern' && a.pattern === b.pattern;
  return b.kind === 'learned' && a.count === b.count;
}

export interface Suggestion {
  /** `<start>:<end>:<source key>`: unique in a document, the key a rejection is kept by. */
  readonly key: string;
  readonly tag: string;
  /** Code points of the normalized text, end exclusive, snapped like a selection. */
  readonly start: number;
  readonly end: number;
  readonly quote: string;
  readonly attributes: AttributeValues;
  readonly source: SuggestionSource;
}

export function suggestionKey(start: number, end: number, sourceKey: string): string {
  return `${start}:${end}:${sourceKey}`;
}

/**
 * What the analyst did with one suggestion. Rejections hide the suggestion
 * for good (per document, span and source); both kinds make up a source's
 * record (accepted, rejected, precision). Travels in bundles and backups.
 */
export const SuggestionDecisionSchema = z.object({
  annotator: z.string().min(1).max(200),
  documentPath: DocumentPathSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  tag: z.string().min(1),
  sourceKey: z.string().min(1).max(1000),
  decision: z.enum(['accepted', 'rejected']),
  /** ISO 8601 UTC. */
  decidedAt: z.string(),
});
export type SuggestionDecision = z.infer<typeof SuggestionDecisionSchema>;

/** One decision per annotator, document, span and source: the newer replaces the older. */
export function decisionId(
  d: Pick<SuggestionDecision, 'annotator' | 'documentPath' | 'start' | 'end' | 'sourceKey'>,
): string {
  return JSON.stringify([d.annotator, d.documentPath, d.start, d.end, d.sourceKey]);
}

export interface SourceRecord {
  accepted: number;
  rejected: number;
  /** accepted / (accepted + rejected); null before any decision. */
  precision: number | null;
}

/** Accepted, rejected and precision per source key. */
export function sourceRecords(decisions: Iterable<SuggestionDecision>): Map<string, SourceRecord> {
  const records = new Map<string, SourceRecord>();
  for (const d of decisions) {
    const r = records.get(d.sourceKey) ?? { accepted: 0, rejected: 0, precision: null };
    if (d.decision === 'accepted') r.accepted++;
    else r.rejected++;
    r.precision = r.accepted / (r.accepted + r.rejected);
    records.set(d.sourceKey, r);
  }
  return records;
}

/**
 * The keys of one document's suggestions that the analyst has answered and
 * that matching must leave out: every rejected one, and every one accepted
 * while the annotation it made stands. An accept under the suggestion's own
 * tag is left out by that annotation's span anyway; an accept under another
 * tag (the tag's key instead of Enter) is not, so without its key the
 * suggestion would be proposed again beside the annotation it became. Once
 * that annotation goes (undone, deleted) the suggestion comes back, as an
 * undone accept's does. The other sources of that tag and span are left out
 * by `answeredSpans`.
 */
export function answeredKeys(
  decisions: Iterable<
    Pick<SuggestionDecision, 'documentPath' | 'start' | 'end' | 'tag' | 'sourceKey' | 'decision'>
  >,
  documentPath: string,
  annotated: (tag: string, start: number, end: number) => boolean,
): Set<string> {
  const out = new Set<string>();
  for (const d of decisions) {
    if (d.documentPath !== documentPath) continue;
    if (d.decision === 'rejected' || annotated(d.tag, d.start, d.end))
      out.add(suggestionKey(d.start, d.end, d.sourceKey));
  }
  return out;
}

/** The tag a source proposes, read from its key (`<kind>:<tag>:…`; tag ids have no colon). */
export function sourceTag(sourceKey: string): string {
  return sourceKey.split(':', 2)[1] ?? '';
}

/**
 * The spans an accept under another tag answered for the tag proposed
 * there, while the annotation it made stands: matching treats each as
 * that tag's annotation, so no source proposes the tag there again. The
 * analyst was shown *kereta api* as a cooperation area and said "a
 * dispute": a second source proposing it as a cooperation area (a pattern
 * behind the learned phrase) would look like the same suggestion coming
 * straight back. Rejections stay per source (`answeredKeys`); suggestions
 * of a third tag at the span stay too.
 */
export function answeredSpans(
  decisions: Iterable<
    Pick<SuggestionDecision, 'documentPath' | 'start' | 'end' | 'tag' | 'sourceKey' | 'decision'>
  >,
  documentPath: string,
  annotated: (tag: string, start: number, end: number) => boolean,
): { tag: string; start: number; end: number }[] {
  const out: { tag: string; start: number; end: number }[] = [];
  for (const d of decisions) {
    if (d.documentPath !== documentPath || d.decision !== 'accepted') continue;
    const proposed = sourceTag(d.sourceKey);
    if (proposed !== d.tag && annotated(d.tag, d.start, d.end))
      out.push({ tag: proposed, start: d.start, end: d.end });
  }
  return out;
}
