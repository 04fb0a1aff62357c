import { z } from 'zod';
import { describeIssues, jsonPath } from '../validation/zod-issues';
import { CodebookError } from './codebook-error';
import { HEX_COLOUR } from './colour-contrast';
import { errorMessage } from '../validation/error-message';
import { type TagPattern, TagPatternSchema } from './tag-patterns';
import {
  checkPerLanguageTexts,
  DescriptionsSchema,
  firstCodebookLanguage,
  LabelsSchema,
  liftPerLanguageTexts,
  perLanguageForFile,
  withTextIn,
} from './codebook-languages';

/**
 * The codebook: which tags an analyst can put on a span, and which
 * attributes each tag asks for. Pure data plus pure editing operations; the
 * editor UI, the import/export and the CLI all go through this module.
 *
 * Identity rules, the reason this module exists:
 *  - a tag, attribute or value has a stable slug `id` that annotations
 *    store; labels are for people and can change freely, ids never do;
 *  - nothing an annotation may refer to is ever deleted by an edit: tags and
 *    values are *retired* (kept, shown as retired, offered for no new
 *    annotation). Only an attribute or value the caller proves unused (by
 *    passing the set of ids in use) can be removed outright.
 */

const SLUG = /^[a-z][a-z0-9_]*$/;
const SLUG_MESSAGE = 'must be a slug: lowercase letter first, then lowercase letters, digits or _';

const SlugSchema = z.string().max(64, 'must be at most 64 characters').regex(SLUG, SLUG_MESSAGE);
const LabelSchema = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const ColourSchema = z.string().regex(HEX_COLOUR, 'must be a colour like #2f7ed8');

/** A single key that selects a tag: one printable character, not a space. */
const ShortcutSchema = z
  .string()
  .refine(isValidShortcut, 'must be one printable character that is not a space');

export const AttributeValueSchema = z.object({
  id: SlugSchema,
  label: LabelSchema,
  /** The label in each language, the codebook's first language first (`codebook-languages.ts`). */
  labels: LabelsSchema.optional(),
  /** Retired values stay readable on old annotations but are not offered for new ones. */
  retired: z.boolean().optional(),
});
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

export const AttributeKindSchema = z.enum(['single', 'multiple', 'text']);
export type AttributeKind = z.infer<typeof AttributeKindSchema>;

export const AttributeSchema = z
  .object({
    id: SlugSchema,
    label: LabelSchema,
    labels: LabelsSchema.optional(),
    kind: AttributeKindSchema,
    /** Choices for `single`/`multiple`; always empty for `text`. */
    values: z.array(AttributeValueSchema),
  })
  .refine((a) => a.kind !== 'text' || a.values.length === 0, {
    message: 'a free-text attribute has no values',
    path: ['values'],
  });
export type Attribute = z.infer<typeof AttributeSchema>;

export const TagSchema = z.object({
  id: SlugSchema,
  /** In the codebook's first language; `labels` has every language (`codebook-languages.ts`). */
  label: LabelSchema,
  labels: LabelsSchema.optional(),
  /** Underline/highlight colour; must reach 3:1 against the light background. */
  color: ColourSchema,
  /**
   * Optional colour for the dark theme, for a hue with no mid-tone that
   * reaches 3:1 against both backgrounds. The built-in tags don't need one.
   */
  darkColor: ColourSchema.optional(),
  description: z.string().max(2000, 'must be at most 2000 characters'),
  descriptions: DescriptionsSchema.optional(),
  shortcut: ShortcutSchema.nullable(),
  retired: z.boolean(),
  attributes: z.array(AttributeSchema),
  /** Where suggestions for this tag come from (`tag-patterns.ts`); absent in codebooks before 2026-12. */
  patterns: z.array(TagPatternSchema).max(1000, 'must be at most 1000 patterns').optional(),
});
export type Tag = z.infer<typeof TagSchema>;

export const CodebookSchema = z.object({
  version: z.literal(1),
  tags: z.array(TagSchema),
});
export type Codebook = z.infer<typeof CodebookSchema>;

/**
 * Colours `addTag` picks from when none is given: mid-tones that all reach
 * 3:1 against both backgrounds (the codebook test holds them to it).
 */
export const TAG_PALETTE: readonly string[] = [
  '#2f7ed8',
  '#d64545',
  '#2b8a3e',
  '#b7791f',
  '#8b5cf6',
  '#0f8a8a',
  '#c0507a',
  '#c2571a',
  '#5b7fa3',
  '#6b7280',
];

// ---------------------------------------------------------------- reading

/** Validate a parsed value as a codebook: schema first, then cross-item rules. */
export function validateCodebook(value: unknown): Codebook {
  const result = CodebookSchema.safeParse(liftPerLanguageTexts(value));
  if (!result.success) {
    throw new CodebookError(`invalid codebook: ${describeIssues(result.error.issues, { limit: 5 })}`);
  }
  checkCodebook(result.data);
  return result.data;
}

/** Parse an imported codebook file. Throws `CodebookError` naming the JSON path at fault. */
export function parseCodebookJson(text: string): Codebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CodebookError(`codebook is not valid JSON: ${errorMessage(error)}`);
  }
  return validateCodebook(value);
}

/**
 * Pretty JSON with a fixed key order, so exports diff cleanly. A text with
 * more than one language is written as an object by language; a codebook
 * with none is byte for byte what it was before languages existed.
 */
export function codebookToJson(codebook: Codebook): string {
  const ordered = {
    version: codebook.version,
    tags: codebook.tags.map((t) => ({
      id: t.id,
      label: perLanguageForFile(t.label, t.labels),
      color: t.color,
      ...(t.darkColor === undefined ? {} : { darkColor: t.darkColor }),
      description: perLanguageForFile(t.description, t.descriptions),
      shortcut: t.shortcut,
      retired: t.retired,
      attributes: t.attributes.map((a) => ({
        id: a.id,
        label: perLanguageForFile(a.label, a.labels),
        kind: a.kind,
        values: a.values.map((v) => ({
          id: v.id,
          label: perLanguageForFile(v.label, v.labels),
          ...(v.retired ? { retired: true } : {}),
        })),
      })),
      ...(t.patterns === undefined
        ? {}
        : {
            patterns: t.patterns.map((p) => ({
              kind: p.kind,
              text: p.text,
              ...(p.label === undefined ? {} : { label: p.label }),
              ...(p.attributes === undefined ? {} : { attributes: p.attributes }),
            })),
          }),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Rules a schema can't express: unique ids at each level, unique active shortcuts, labels per language. */
function checkCodebook(codebook: Codebook): void {
  checkPerLanguageTexts(codebook);
  const tagAt = new Map<string, number>();
  const shortcutAt = new Map<string, number>();
  codebook.tags.forEach((tag, t) => {
    const seen = tagAt.get(tag.id);
    if (seen !== undefined) fail(`tags[${t}].id: duplicate tag id "${tag.id}" (also tags[${seen}])`);
    tagAt.set(tag.id, t);
    if (tag.shortcut !== null && !tag.retired) {
      const key = shortcutKey(tag.shortcut);
      const other = shortcutAt.get(key);
      if (other !== undefined) {
        fail(
          `tags[${t}].shortcut: shortcut "${tag.shortcut}" is also used by tags[${other}] ("${codebook.tags[other]?.id}")`,
        );
      }
      shortcutAt.set(key, t);
    }
    const attributeAt = new Map<string, number>();
    tag.attributes.forEach((attribute, a) => {
      const where = `tags[${t}].attributes[${a}]`;
      const dup = attributeAt.get(attribute.id);
      if (dup !== undefined) fail(`${where}.id: duplicate attribute id "${attribute.id}" in tag "${tag.id}"`);
      attributeAt.set(attribute.id, a);
      const valueAt = new Set<string>();
      attribute.values.forEach((value, v) => {
        if (valueAt.has(value.id)) {
          fail(
            `${where}.values[${v}].id: duplicate value id "${value.id}" in attribute "${attribute.id}" of tag "${tag.id}"`,
          );
        }
        valueAt.add(value.id);
      });
    });
    tag.patterns?.forEach((pattern, p) => checkPatternAttributes(tag, pattern, `tags[${t}].patterns[${p}]`));
  });
}

/** A pattern's attribute values must be ones the tag offers, in the attribute's shape. */
function checkPatternAttributes(tag: Tag, pattern: TagPattern, where: string): void {
  for (const [attributeId, value] of Object.entries(pattern.attributes ?? {})) {
    const at = `${where}.attributes.${attributeId}`;
    const attribute = tag.attributes.find((a) => a.id === attributeId);
    if (!attribute) fail(`${at}: tag "${tag.id}" has no attribute "${attributeId}"`);
    if (attribute.kind === 'text') {
      if (typeof value !== 'string') fail(`${at}: "${attributeId}" is free text; give a string`);
      continue;
    }
    const ids = typeof value === 'string' ? [value] : value;
    if (attribute.kind === 'single' && typeof value !== 'string')
      fail(`${at}: "${attributeId}" is a single choice; give one value id`);
    for (const id of ids) {
      if (!attribute.values.some((v) => v.id === id))
        fail(`${at}: attribute "${attributeId}" of tag "${tag.id}" has no value "${id}"`);
    }
  }
}

// ---------------------------------------------------------------- tags

export interface NewTag {
  label: string;
  /** Defaults to the first palette colour no tag uses yet. */
  color?: string;
  description?: string;
  shortcut?: string | null;
}

/** Append a tag. Its id is `slugify(label)`, suffixed `_2`, `_3`… if taken (by any tag, retired too). */
export function addTag(codebook: Codebook, input: NewTag): Codebook {
  const label = checkLabel(input.label, 'tag label');
  const id = uniqueSlug(
    label,
    codebook.tags.map((t) => t.id),
    'tag',
  );
  const used = new Set(codebook.tags.map((t) => t.color.toLowerCase()));
  const color =
    input.color === undefined
      ? (TAG_PALETTE.find((c) => !used.has(c)) ?? TAG_PALETTE[codebook.tags.length % TAG_PALETTE.length]!)
      : checkColour(input.color, `new tag "${id}"`);
  const shortcut = input.shortcut === undefined ? nextFreeDigit(codebook) : input.shortcut;
  if (shortcut !== null) checkShortcut(codebook, shortcut, id);
  const tag: Tag = {
    id,
    label,
    color,
    description: (input.description ?? '').trim(),
    shortcut,
    retired: false,
    attributes: [],
  };
  return { ...codebook, tags: [...codebook.tags, tag] };
}

/** Change a tag's label. The id never changes, so annotations keep pointing at it. */
export function renameTag(codebook: Codebook, tagId: string, label: string, language?: string): Codebook {
  const first = firstCodebookLanguage(codebook);
  const check = (text: string) => checkLabel(text, `label of tag "${tagId}"${inLanguage(language, first)}`);
  return updateTag(codebook, tagId, (tag) => withTextIn(tag, LABEL, first, language ?? first, label, check));
}

export function recolourTag(
  codebook: Codebook,
  tagId: string,
  color: string,
  darkColor?: string | null,
): Codebook {
  const light = checkColour(color, `tag "${tagId}"`);
  return updateTag(codebook, tagId, (tag) => {
    const { darkColor: previous, ...rest } = tag;
    // `undefined` keeps the dark colour, `null` drops it.
    const dark =
      darkColor === undefined
        ? previous
        : darkColor === null
          ? undefined
          : checkColour(darkColor, `tag "${tagId}" (dark)`);
    return dark === undefined ? { ...rest, color: light } : { ...rest, color: light, darkColor: dark };
  });
}

export function setTagDescription(
  codebook: Codebook,
  tagId: string,
  description: string,
  language?: string,
): Codebook {
  const first = firstCodebookLanguage(codebook);
  const check = (text: string) => {
    const trimmed = text.trim();
    if (trimmed.length > 2000)
      fail(`description of tag "${tagId}"${inLanguage(language, first)} must be at most 2000 characters`);
    return trimmed;
  };
  return updateTag(codebook, tagId, (tag) =>
    withTextIn(tag, DESCRIPTION, first, language ?? first, description, check),
  );
}

/** Move a tag to position `toIndex` (0-based) in the list; order is display and shortcut-hint order. */
export function moveTag(codebook: Codebook, tagId: string, toIndex: number): Codebook {
  const from = tagIndex(codebook, tagId);
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= codebook.tags.length) {
    fail(`cannot move tag "${tagId}" to position ${toIndex}: positions are 0..${codebook.tags.length - 1}`);
  }
  const tags = [...codebook.tags];
  const [tag] = tags.splice(from, 1);
  tags.splice(toIndex, 0, tag!);
  return { ...codebook, tags };
}

/**
 * Retire a tag: it stays in the codebook (same id) so its annotations keep
 * their meaning and are shown as retired; it is offered for no new span.
 * Annotations are never touched here. Its shortcut is kept but inactive.
 */
export function retireTag(codebook: Codebook, tagId: string): Codebook {
  return updateTag(codebook, tagId, (tag) => ({ ...tag, retired: true }));
}

/** Bring a retired tag back. Refused if an active tag took its shortcut meanwhile. */
export function restoreTag(codebook: Codebook, tagId: string): Codebook {
  const tag = codebook.tags[tagIndex(codebook, tagId)]!;
  if (tag.shortcut !== null) checkShortcut(codebook, tag.shortcut, tagId);
  return updateTag(codebook, tagId, (t) => ({ ...t, retired: false }));
}

/** Set or clear (`null`) a tag's shortcut; unique among active tags, compared case-insensitively. */
export function setShortcut(codebook: Codebook, tagId: string, shortcut: string | null): Codebook {
  tagIndex(codebook, tagId);
  if (shortcut !== null) checkShortcut(codebook, shortcut, tagId);
  return updateTag(codebook, tagId, (tag) => ({ ...tag, shortcut }));
}

/** Replace a tag's patterns (checked like an imported codebook's); an empty list removes them. */
export function setTagPatterns(codebook: Codebook, tagId: string, patterns: readonly TagPattern[]): Codebook {
  const index = tagIndex(codebook, tagId);
  const parsed = z.array(TagPatternSchema).safeParse(patterns);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`tags[${index}].patterns${jsonPath(issue.path)}: ${issue.message}`);
  }
  const next = updateTag(codebook, tagId, ({ patterns: _, ...tag }) =>
    parsed.data.length === 0 ? tag : { ...tag, patterns: parsed.data },
  );
  checkCodebook(next);
  return next;
}

// ---------------------------------------------------------------- attributes

/**
 * Add an attribute to a tag, with optional initial value labels. Its kind
 * can't be changed later: annotations already store values of that shape.
 */
export function addAttribute(
  codebook: Codebook,
  tagId: string,
  input: { label: string; kind: AttributeKind; values?: readonly string[] },
): Codebook {
  const tag = codebook.tags[tagIndex(codebook, tagId)]!;
  const label = checkLabel(input.label, `attribute label in tag "${tagId}"`);
  const id = uniqueSlug(
    label,
    tag.attributes.map((a) => a.id),
    'attribute',
  );
  if (input.kind === 'text' && (input.values?.length ?? 0) > 0) {
    fail(`attribute "${id}" of tag "${tagId}" is free text and cannot have values`);
  }
  let attribute: Attribute = { id, label, kind: input.kind, values: [] };
  for (const valueLabel of input.values ?? []) attribute = withNewValue(attribute, valueLabel, tagId);
  return updateTag(codebook, tagId, (t) => ({ ...t, attributes: [...t.attributes, attribute] }));
}

export function renameAttribute(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  label: string,
  language?: string,
): Codebook {
  const first = firstCodebookLanguage(codebook);
  const check = (text: string) =>
    checkLabel(text, `label of attribute "${attributeId}" in tag "${tagId}"${inLanguage(language, first)}`);
  return updateAttribute(codebook, tagId, attributeId, (a) =>
    withTextIn(a, LABEL, first, language ?? first, label, check),
  );
}

/** Remove an attribute no annotation uses; `usedAttributeIds` holds the ids annotations of this tag set. */
export function removeAttribute(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  usedAttributeIds: ReadonlySet<string>,
): Codebook {
  findAttribute(codebook, tagId, attributeId);
  if (usedAttributeIds.has(attributeId)) {
    fail(`attribute "${attributeId}" of tag "${tagId}" is used by annotations and cannot be removed`);
  }
  return updateTag(codebook, tagId, (t) => ({
    ...t,
    attributes: t.attributes.filter((a) => a.id !== attributeId),
  }));
}

/** Append a value (id from its label, made unique within the attribute). */
export function addAttributeValue(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  label: string,
): Codebook {
  return updateAttribute(codebook, tagId, attributeId, (a) => withNewValue(a, label, tagId));
}

export function renameAttributeValue(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  valueId: string,
  label: string,
  language?: string,
): Codebook {
  const first = firstCodebookLanguage(codebook);
  const check = (text: string) =>
    checkLabel(
      text,
      `label of value "${valueId}" in attribute "${attributeId}" of tag "${tagId}"${inLanguage(language, first)}`,
    );
  return updateValue(codebook, tagId, attributeId, valueId, (v) =>
    withTextIn(v, LABEL, first, language ?? first, label, check),
  );
}

/** Retire a value: kept for the annotations that chose it, not offered any more. */
export function retireAttributeValue(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  valueId: string,
): Codebook {
  return updateValue(codebook, tagId, attributeId, valueId, (v) => ({ ...v, retired: true }));
}

export function restoreAttributeValue(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  valueId: string,
): Codebook {
  return updateValue(codebook, tagId, attributeId, valueId, ({ retired: _, ...v }) => v);
}

/** Remove a value no annotation chose (a typo, say); otherwise refuse — retire it instead. */
export function removeAttributeValue(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  valueId: string,
  usedValueIds: ReadonlySet<string>,
): Codebook {
  updateValue(codebook, tagId, attributeId, valueId, (v) => v);
  if (usedValueIds.has(valueId)) {
    fail(
      `value "${valueId}" of attribute "${attributeId}" in tag "${tagId}" is used by annotations; retire it instead`,
    );
  }
  return updateAttribute(codebook, tagId, attributeId, (a) => ({
    ...a,
    values: a.values.filter((v) => v.id !== valueId),
  }));
}

// ---------------------------------------------------------------- ids

/**
 * A slug from a label: accents dropped (Vietnamese đ too, which Unicode
 * doesn't decompose), anything else non-alphanumeric becomes `_`. Labels
 * with no usable letters give `fallback`; a leading digit gets it as prefix.
 */
export function slugify(label: string, fallback = 'tag'): string {
  const slug = label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48)
    .replace(/_+$/, '');
  if (slug === '') return fallback;
  return /^[0-9]/.test(slug) ? `${fallback}_${slug}` : slug;
}

function uniqueSlug(label: string, taken: readonly string[], fallback: string): string {
  const base = slugify(label, fallback);
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

// ---------------------------------------------------------------- helpers

const LABEL = { single: 'label', map: 'labels' } as const;
const DESCRIPTION = { single: 'description', map: 'descriptions' } as const;

/** ` in "id"` for a text in a language other than the codebook's first. */
function inLanguage(language: string | undefined, first: string): string {
  return language === undefined || language === first ? '' : ` in "${language}"`;
}

function fail(message: string): never {
  throw new CodebookError(message);
}

function isValidShortcut(s: string): boolean {
  return /^[^\p{C}\p{Z}]$/u.test(s);
}

function shortcutKey(s: string): string {
  return s.toLowerCase();
}

function checkShortcut(codebook: Codebook, shortcut: string, tagId: string): void {
  if (!isValidShortcut(shortcut)) {
    fail(`shortcut "${shortcut}" for tag "${tagId}" must be one printable character that is not a space`);
  }
  const other = codebook.tags.find(
    (t) =>
      t.id !== tagId &&
      !t.retired &&
      t.shortcut !== null &&
      shortcutKey(t.shortcut) === shortcutKey(shortcut),
  );
  if (other) {
    // Ids for the record, labels for the analyst who has to pick another key.
    const label = codebook.tags.find((t) => t.id === tagId)?.label ?? tagId;
    fail(
      `shortcut "${shortcut}" for tag "${tagId}" is already used by tag "${other.id}" (${other.label}): choose another key for ${label}`,
    );
  }
}

function checkLabel(label: string, what: string): string {
  const trimmed = label.trim();
  if (trimmed === '') fail(`${what} must not be empty`);
  if (trimmed.length > 120) fail(`${what} must be at most 120 characters`);
  return trimmed;
}

function checkColour(color: string, what: string): string {
  if (!HEX_COLOUR.test(color)) fail(`colour "${color}" for ${what} must look like #2f7ed8`);
  return color.toLowerCase();
}

function tagIndex(codebook: Codebook, tagId: string): number {
  const index = codebook.tags.findIndex((t) => t.id === tagId);
  if (index === -1) fail(`no tag with id "${tagId}"`);
  return index;
}

function findAttribute(codebook: Codebook, tagId: string, attributeId: string): Attribute {
  const tag = codebook.tags[tagIndex(codebook, tagId)]!;
  const attribute = tag.attributes.find((a) => a.id === attributeId);
  if (!attribute) fail(`tag "${tagId}" has no attribute "${attributeId}"`);
  return attribute;
}

function updateTag(codebook: Codebook, tagId: string, change: (tag: Tag) => Tag): Codebook {
  const index = tagIndex(codebook, tagId);
  const tags = codebook.tags.map((t, i) => (i === index ? change(t) : t));
  return { ...codebook, tags };
}

function updateAttribute(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  change: (a: Attribute) => Attribute,
): Codebook {
  findAttribute(codebook, tagId, attributeId);
  return updateTag(codebook, tagId, (t) => ({
    ...t,
    attributes: t.attributes.map((a) => (a.id === attributeId ? change(a) : a)),
  }));
}

function updateValue(
  codebook: Codebook,
  tagId: string,
  attributeId: string,
  valueId: string,
  change: (v: AttributeValue) => AttributeValue,
): Codebook {
  const attribute = findAttribute(codebook, tagId, attributeId);
  if (!attribute.values.some((v) => v.id === valueId)) {
    fail(`attribute "${attributeId}" of tag "${tagId}" has no value "${valueId}"`);
  }
  return updateAttribute(codebook, tagId, attributeId, (a) => ({
    ...a,
    values: a.values.map((v) => (v.id === valueId ? change(v) : v)),
  }));
}

function withNewValue(attribute: Attribute, label: string, tagId: string): Attribute {
  if (attribute.kind === 'text')
    fail(`attribute "${attribute.id}" of tag "${tagId}" is free text and cannot have values`);
  const checked = checkLabel(label, `value label in attribute "${attribute.id}" of tag "${tagId}"`);
  const id = uniqueSlug(
    checked,
    attribute.values.map((v) => v.id),
    'value',
  );
  return { ...attribute, values: [...attribute.values, { id, label: checked }] };
}

/** The first digit key (1–9, then 0) no active tag uses: a new tag is taggable at once. Null when all are taken. */
export function nextFreeDigit(codebook: Codebook): string | null {
  const used = new Set(
    codebook.tags.filter((t) => !t.retired && t.shortcut !== null).map((t) => shortcutKey(t.shortcut!)),
  );
  return [...'1234567890'].find((d) => !used.has(shortcutKey(d))) ?? null;
}
