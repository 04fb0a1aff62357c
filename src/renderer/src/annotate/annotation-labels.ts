import type { Annotation, AttributeValues } from '../../../shared/annotation/annotation-types';
import { type Codebook, type Tag } from '../../../shared/codebook/codebook';
import { localLabel } from '../i18n/codebook-text';
import { i18n } from '../i18n/i18n';

export function tagById(codebook: Codebook, id: string): Tag | undefined {
  return codebook.tags.find((t) => t.id === id);
}

/** A tag's label for display; unknown ids (e.g. from an import) show as themselves. */
export function tagLabel(codebook: Codebook, id: string): string {
  const tag = tagById(codebook, id);
  if (!tag) return i18n.t('annotate:form.notInCodebook', { tag: id });
  return tag.retired ? i18n.t('annotate:form.retired', { label: localLabel(tag) }) : localLabel(tag);
}

/** "Actor: Vietnam; Sector: rail, trade" — attribute values by their labels. */
export function describeAttributes(codebook: Codebook, tagId: string, values: AttributeValues): string {
  const tag = tagById(codebook, tagId);
  const parts: string[] = [];
  for (const [attrId, value] of Object.entries(values)) {
    const attr = tag?.attributes.find((a) => a.id === attrId);
    const label = (v: string): string => {
      const found = attr?.values.find((x) => x.id === v);
      return found ? localLabel(found) : v;
    };
    const shown = Array.isArray(value)
      ? value.map(label).join(', ')
      : attr?.kind === 'text'
        ? value
        : label(value);
    if (shown) parts.push(`${attr ? localLabel(attr) : attrId}: ${shown}`);
  }
  return parts.join('; ');
}

/** One line naming an annotation, for tooltips and live announcements. */
export function describeAnnotation(
  codebook: Codebook,
  a: Annotation,
  currentAnnotator: string | null,
): string {
  const who = a.annotator === currentAnnotator ? '' : ` — ${a.annotator}`;
  const attrs = describeAttributes(codebook, a.tag, a.attributes);
  return `${tagLabel(codebook, a.tag)}${attrs ? ` (${attrs})` : ''}${who}`;
}
