import { type Attribute, type Codebook, TAG_PALETTE, type Tag, validateCodebook } from '../codebook/codebook';
import { ATTRIBUTE_COLUMN_PREFIX, unguardCell } from './csv-format';
import { parseAnnotationsCsv } from './csv-read';

/**
 * The codebook an annotations CSV describes on its own: `base`, plus every
 * tag a row uses that `base` lacks, labelled by the row's `tag_label`, with
 * attributes from its `attr:` columns (a choice when every value is an id,
 * several when a cell lists them with `;`, free text otherwise). So
 * `tanda agreement` and `csv-check` read an export made with a custom
 * codebook without `--codebook`. A tag or value that can't be a codebook id
 * is left out, and the import then names it as unknown, as before; so is a
 * tag whose `tag_label` is missing or only repeats its id (what an export
 * writes for a tag its codebook lacks, and what a typo looks like): a label
 * is the sign that a codebook named it.
 */
export function codebookFromCsv(csvTexts: readonly string[], base: Codebook): Codebook {
  const known = new Set(base.tags.map((t) => t.id));
  const added = new Map<
    string,
    { label: string; attributes: Map<string, { values: Set<string>; many: boolean; text: boolean }> }
  >();
  for (const text of csvTexts) {
    const { header, records } = parseAnnotationsCsv(text);
    const col = (name: string): number => header.indexOf(name);
    const [tagCol, labelCol] = [col('tag'), col('tag_label')];
    if (tagCol === -1) continue;
    const attrCols = header
      .map((name, i) => [name, i] as const)
      .filter(([name]) => name.startsWith(ATTRIBUTE_COLUMN_PREFIX))
      .map(([name, i]) => [name.slice(ATTRIBUTE_COLUMN_PREFIX.length), i] as const);
    for (const { cells } of records) {
      const id = unguardCell(cells[tagCol] ?? '').trim();
      if (id === '' || known.has(id) || !SLUG.test(id)) continue;
      const label = labelCol === -1 ? '' : unguardCell(cells[labelCol] ?? '').trim();
      let tag = added.get(id);
      if (!tag && (label === '' || label === id)) continue;
      if (!tag) added.set(id, (tag = { label, attributes: new Map() }));
      for (const [attribute, i] of attrCols) {
        const cell = unguardCell(cells[i] ?? '').trim();
        if (cell === '' || !SLUG.test(attribute)) continue;
        let a = tag.attributes.get(attribute);
        if (!a) tag.attributes.set(attribute, (a = { values: new Set(), many: false, text: false }));
        const parts = cell
          .split(';')
          .map((v) => v.trim())
          .filter((v) => v !== '');
        if (parts.length > 1) a.many = true;
        for (const v of parts) {
          if (SLUG.test(v)) a.values.add(v);
          else a.text = true;
        }
      }
    }
  }
  if (added.size === 0) return base;
  const tags: Tag[] = [...added].map(([id, t], k) => ({
    id,
    label: t.label.slice(0, 120),
    color: TAG_PALETTE[k % TAG_PALETTE.length]!,
    description: '',
    shortcut: null,
    retired: false,
    attributes: [...t.attributes].map(([attribute, a]): Attribute =>
      a.text
        ? { id: attribute, label: attribute, kind: 'text', values: [] }
        : {
            id: attribute,
            label: attribute,
            kind: a.many ? 'multiple' : 'single',
            values: [...a.values].sort().map((v) => ({ id: v, label: v })),
          },
    ),
  }));
  try {
    return validateCodebook({ ...base, tags: [...base.tags, ...tags] });
  } catch {
    return base;
  }
}

/** Codebook ids, as `codebook.ts` requires them. */
const SLUG = /^[a-z][a-z0-9_]*$/u;
