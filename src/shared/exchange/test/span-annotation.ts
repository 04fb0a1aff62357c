import type { Annotation } from '../../annotation/annotation-types';
import { describeSpan } from '../../text/text-quote';

/** An annotation of the first occurrence of `part` in `text`, with its offsets in code points; `fields` fill the rest. */
export function spanAnnotation(
  text: string,
  part: string,
  fields: Partial<Annotation> & Pick<Annotation, 'id' | 'documentPath' | 'contentSha256'>,
): Annotation {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`fixture: ${JSON.stringify(part)} is not in the text`);
  const start = [...text.slice(0, at)].length;
  const end = start + [...part].length;
  return {
    annotator: 'ana',
    tag: 'commitment',
    start,
    end,
    ...describeSpan(text, start, end),
    attributes: {},
    note: '',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-02T10:00:00.000Z',
    ...fields,
  };
}
