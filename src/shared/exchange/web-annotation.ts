import type { Annotation } from '../annotation/annotation-types';
import { type Attribute, type Codebook, type Tag } from '../codebook/codebook';

/*
 * Export to the W3C Web Annotation Data Model (JSON-LD), for tools that
 * speak it. One-way and lossy on purpose: the Tanda bundle is the format
 * that round-trips; this one says what a span is tagged with in the
 * vocabulary others understand. Pure (no Node, no DOM).
 *
 * Choices (docs/formats.md repeats them for users):
 *  - one AnnotationCollection with a single embedded AnnotationPage;
 *  - IRIs are URNs: `urn:uuid:<id>` for an annotation, and
 *    `urn:tanda:<corpus>/<path>` for a document (corpus folder name and each
 *    path segment percent-encoded), since documents are local files with no
 *    web address; `urn:tanda:<corpus>#annotations` names the collection;
 *  - bodies: the tag (purpose `tagging`, value its label; its codebook IRI
 *    in a SpecificResource body beside it, since a TextualBody must not
 *    have an `id`), each chosen attribute value (`classifying`,
 *    "Attribute: Value", its IRI likewise),
 *    each free-text attribute (`describing`, "Attribute: text") and the note
 *    (`commenting`);
 *  - selectors: TextQuoteSelector (quote, up to 32 code points of context)
 *    and TextPositionSelector. Positions count Unicode code points of
 *    Tanda's normalized text, which is what the model asks for ("character"
 *    means code point, not UTF-16 unit). They are left out when they would
 *    mislead: for an orphaned annotation, and when the document's text has
 *    changed since (its sha256 differs from the annotation's contentSha256);
 *    the quote still lets a reader find the span. Where positions are
 *    given, the target's `state` names the representation they count in:
 *    the normalized text by its SHA-256 (`NormalizedTextState`), not the
 *    file's raw bytes; `language` is the document's, when known.
 */

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type BodyPurpose = 'tagging' | 'classifying' | 'describing' | 'commenting';

export interface TextualBody {
  type: 'TextualBody';
  purpose: BodyPurpose;
  value: string;
  format: 'text/plain';
}

/**
 * A tag's or a choice value's stable codebook IRI, as its own body: the
 * model's test schemas read a TextualBody that has an `id` as an external
 * resource, so the IRI can't sit on the label's body.
 */
export interface CodebookBody {
  type: 'SpecificResource';
  purpose: 'tagging' | 'classifying';
  source: string;
}

/**
 * Names the representation the selectors describe: Tanda's normalized text
 * of the file (decoded, BOM dropped, line ends LF, Unicode NFC), by its
 * SHA-256. The raw bytes of a file with a BOM, CRLF, UTF-16, cp1252 or NFD
 * differ from it, so positions are only true of this representation.
 */
export interface NormalizedTextState {
  type: 'State';
  id: string;
}

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'tagging';
  created: string;
  modified: string;
  creator: { type: 'Person'; name: string };
  body: (TextualBody | CodebookBody)[];
  target: {
    source: string;
    /** Absent when the text the annotation was made on is not the document's current text. */
    state?: NormalizedTextState;
    /** BCP 47 language of the document, when known. */
    language?: string;
    selector: [TextQuoteSelector] | [TextQuoteSelector, TextPositionSelector];
  };
}

export interface WebAnnotationPage {
  id: string;
  type: 'AnnotationPage';
  partOf: string;
  startIndex: 0;
  items: WebAnnotation[];
}

export interface WebAnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: { type: 'Software'; name: 'Tanda' };
  generated?: string;
  /** Absent when the collection is empty (there is no page to point to). */
  first?: WebAnnotationPage;
  last?: string;
}

export interface WebAnnotationInput {
  annotations: readonly Annotation[];
  /** Current corpus documents by path; `sha256` null when unreadable. */
  documents: ReadonlyMap<string, { title: string; sha256: string | null; language?: string | null }>;
  codebook: Codebook;
  /** The corpus folder name: the namespace of document IRIs. */
  corpusName: string;
  /** Sets `generated`; left out when absent so output is reproducible. */
  now?: Date;
}

/** The whole export, annotations in document, start, end, id order. */
export function toWebAnnotations(input: WebAnnotationInput): WebAnnotationCollection {
  const corpus = corpusIri(input.corpusName);
  const id = `${corpus}#annotations`;
  const tags = new Map(input.codebook.tags.map((t) => [t.id, t]));
  const items = [...input.annotations].sort(byDocumentPosition).map((a) =>
    toWebAnnotation(a, {
      corpusName: input.corpusName,
      tag: tags.get(a.tag),
      document: input.documents.get(a.documentPath),
    }),
  );
  const collection: WebAnnotationCollection = {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `Tanda annotations of ${input.corpusName}`,
    total: items.length,
    generator: { type: 'Software', name: 'Tanda' },
  };
  if (input.now) collection.generated = input.now.toISOString();
  if (items.length > 0) {
    const pageId = `${id}-page-1`;
    collection.first = { id: pageId, type: 'AnnotationPage', partOf: id, startIndex: 0, items };
    collection.last = pageId;
  }
  return collection;
}

/** One annotation; `tag` is its codebook entry (labels fall back to ids when absent). */
export function toWebAnnotation(
  annotation: Annotation,
  context: { corpusName: string; tag?: Tag; document?: { sha256: string | null; language?: string | null } },
): WebAnnotation {
  const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: annotation.quote };
  if (annotation.prefix !== '') quote.prefix = annotation.prefix;
  if (annotation.suffix !== '') quote.suffix = annotation.suffix;
  const stale = context.document?.sha256 != null && context.document.sha256 !== annotation.contentSha256;
  const selector: WebAnnotation['target']['selector'] =
    annotation.orphaned || stale
      ? [quote]
      : [quote, { type: 'TextPositionSelector', start: annotation.start, end: annotation.end }];
  return {
    id: `urn:uuid:${annotation.id}`,
    type: 'Annotation',
    motivation: 'tagging',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    creator: { type: 'Person', name: annotation.annotator },
    body: bodiesOf(annotation, context.tag, corpusIri(context.corpusName)),
    target: {
      source: documentIri(context.corpusName, annotation.documentPath),
      ...(selector.length === 2 ? { state: normalizedTextState(annotation.contentSha256) } : {}),
      ...(context.document?.language ? { language: context.document.language } : {}),
      selector,
    },
  };
}

/** The state naming Tanda's normalized text with this hash (see `NormalizedTextState`). */
export function normalizedTextState(sha256: string): NormalizedTextState {
  return { type: 'State', id: `urn:tanda:normalized-text:sha256:${sha256}` };
}

/** `urn:tanda:<corpus>/<path>`, each segment percent-encoded (so `/` keeps separating folders). */
export function documentIri(corpusName: string, documentPath: string): string {
  return `${corpusIri(corpusName)}/${documentPath.split('/').map(encodeSegment).join('/')}`;
}

function corpusIri(corpusName: string): string {
  return `urn:tanda:${encodeSegment(corpusName)}`;
}

function bodiesOf(
  annotation: Annotation,
  tag: Tag | undefined,
  corpus: string,
): (TextualBody | CodebookBody)[] {
  const tagIri = `${corpus}#tag:${encodeSegment(annotation.tag)}`;
  const bodies: (TextualBody | CodebookBody)[] = [
    { type: 'TextualBody', purpose: 'tagging', value: tag?.label ?? annotation.tag, format: 'text/plain' },
    { type: 'SpecificResource', purpose: 'tagging', source: tagIri },
  ];
  // Codebook order first, then attributes the codebook doesn't know, by id.
  const codebookOrder = (tag?.attributes ?? []).map((a) => a.id).filter((id) => id in annotation.attributes);
  const others = Object.keys(annotation.attributes)
    .filter((id) => !codebookOrder.includes(id))
    .sort();
  for (const id of [...codebookOrder, ...others]) {
    const attribute: Attribute | undefined = tag?.attributes.find((a) => a.id === id);
    const value = annotation.attributes[id];
    if (value === undefined) continue;
    const label = attribute?.label ?? id;
    if (attribute?.kind === 'text' || (!attribute && typeof value === 'string')) {
      const text = Array.isArray(value) ? value.join(', ') : value;
      if (text.trim() !== '')
        bodies.push({
          type: 'TextualBody',
          purpose: 'describing',
          value: `${label}: ${text}`,
          format: 'text/plain',
        });
      continue;
    }
    for (const valueId of Array.isArray(value) ? value : [value]) {
      if (valueId === '') continue;
      const valueLabel = attribute?.values.find((v) => v.id === valueId)?.label ?? valueId;
      bodies.push(
        {
          type: 'TextualBody',
          purpose: 'classifying',
          value: `${label}: ${valueLabel}`,
          format: 'text/plain',
        },
        {
          type: 'SpecificResource',
          purpose: 'classifying',
          source: `${tagIri}/${encodeSegment(id)}/${encodeSegment(valueId)}`,
        },
      );
    }
  }
  if (annotation.note.trim() !== '') {
    bodies.push({ type: 'TextualBody', purpose: 'commenting', value: annotation.note, format: 'text/plain' });
  }
  return bodies;
}

/** encodeURIComponent, with lone surrogates (which it refuses) replaced by U+FFFD. */
function encodeSegment(s: string): string {
  return encodeURIComponent(
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

function byDocumentPosition(a: Annotation, b: Annotation): number {
  const path = a.documentPath < b.documentPath ? -1 : a.documentPath > b.documentPath ? 1 : 0;
  return path || a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
