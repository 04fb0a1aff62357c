import type { Annotation } from '../annotation/annotation-types';
import { naturalAnnotationId } from '../exchange/csv-format';
import { describeSpan, type CodePointIndex } from '../text/text-quote';
import { sourceNote, type Suggestion } from './suggestion-types';

/**
 * The annotation a suggestion becomes: what accepting it stores, and what
 * `tanda suggest` writes (annotator `suggestions`, the source as the note,
 * so a spreadsheet says why each row was proposed). The id is derived from
 * document, annotator, tag and span, as an import without ids would derive it.
 */
export function suggestionAnnotation(
  s: Suggestion,
  doc: { path: string; sha256: string; text: string | CodePointIndex },
  annotator: string,
  now: string,
): Annotation {
  const base = { documentPath: doc.path, annotator, tag: s.tag, start: s.start, end: s.end };
  return {
    id: naturalAnnotationId(base),
    ...base,
    contentSha256: doc.sha256,
    ...describeSpan(doc.text, s.start, s.end),
    attributes: s.attributes,
    note: sourceNote(s.source),
    createdAt: now,
    updatedAt: now,
  };
}
