import { z } from 'zod';
import { describeIssues, type IssueLike, jsonPath } from '../validation/zod-issues';
import { CodebookError } from './codebook-error';

/*
 * Labels per language (#19). In a codebook FILE a tag's `label` and
 * `description`, and an attribute's or value's `label`, are either a string
 * or an object by language: `{"en": "Commitment", "id": "Komitmen"}`.
 * In memory (and in bundles, backups and Dexie) `label` stays a string, the
 * codebook's FIRST language, so exports' `tag_label`, the CLI and every
 * format keep their meaning; the whole map sits beside it as `labels`
 * (`descriptions`), its first key always that first language. A reader of
 * the in-memory shape that knows nothing of languages still reads the same
 * `label` as before.
 */

/** A BCP 47 language tag as codebooks use them: `en`, `id`, `pt-BR`, `zh-Hant`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** When a codebook has no per-language text at all, its labels are taken to be English. */
export const DEFAULT_CODEBOOK_LANGUAGE = 'en';

export function isLanguageTag(key: string): boolean {
  return LANGUAGE_TAG.test(key);
}

const LanguageKeySchema = z.string().regex(LANGUAGE_TAG, 'must be a language code like "en" or "id"');
export const LABEL_LIMIT = 120;
export const DESCRIPTION_LIMIT = 2000;
const LabelTextSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LABEL_LIMIT, `must be at most ${LABEL_LIMIT} characters`);
const DescriptionTextSchema = z
  .string()
  .max(DESCRIPTION_LIMIT, `must be at most ${DESCRIPTION_LIMIT} characters`);

/** `labels`: every language's label, the codebook's first language first. */
export const LabelsSchema = z.record(LanguageKeySchema, LabelTextSchema).meta({
  description:
    'The label in each language by language code, the first key being the language of label (the codebook file writes this map as label itself).',
});
/** `descriptions`: like `labels`; a language's description may be empty. */
export const DescriptionsSchema = z.record(LanguageKeySchema, DescriptionTextSchema).meta({
  description: 'The description in each language, like labels.',
});
export type PerLanguage = Readonly<Record<string, string>>;

/** Anything with a label per language: a tag, an attribute, a value. */
export interface Labelled {
  readonly label: string;
  readonly labels?: PerLanguage | undefined;
}
interface Described {
  readonly description: string;
  readonly descriptions?: PerLanguage | undefined;
}

/** The label to show in `language`; the codebook's first language when it has none in that one. */
export function displayLabel(item: Labelled, language: string): string {
  return item.labels?.[language] ?? item.label;
}

/** The tag description to show in `language`, falling back like `displayLabel`. */
export function displayDescription(item: Described, language: string): string {
  return item.descriptions?.[language] ?? item.description;
}

// ---------------------------------------------------------------- walking a codebook's texts

interface TextSlot {
  /** The JSON path of the text in the codebook file (`tags[0].attributes[1].label`). */
  path: (string | number)[];
  /** The record holding it, and the names of its string and its map. */
  owner: Record<string, unknown>;
  single: 'label' | 'description';
  map: 'labels' | 'descriptions';
}

/** Every label and description of a codebook-shaped value, in file order. Tolerates any shape. */
function textSlots(value: unknown): TextSlot[] {
  const slots: TextSlot[] = [];
  const tags = isRecord(value) && Array.isArray(value.tags) ? value.tags : [];
  tags.forEach((tag, t) => {
    if (!isRecord(tag)) return;
    slots.push({ path: ['tags', t, 'label'], owner: tag, single: 'label', map: 'labels' });
    slots.push({ path: ['tags', t, 'description'], owner: tag, single: 'description', map: 'descriptions' });
    const attributes = Array.isArray(tag.attributes) ? tag.attributes : [];
    attributes.forEach((attribute, a) => {
      if (!isRecord(attribute)) return;
      const at = ['tags', t, 'attributes', a];
      slots.push({ path: [...at, 'label'], owner: attribute, single: 'label', map: 'labels' });
      const values = Array.isArray(attribute.values) ? attribute.values : [];
      values.forEach((v, i) => {
        if (isRecord(v))
          slots.push({ path: [...at, 'values', i, 'label'], owner: v, single: 'label', map: 'labels' });
      });
    });
  });
  return slots;
}

/** The codebook's languages in order; the first is the one `label` holds. Empty when it has no maps. */
export function codebookLanguages(codebook: unknown): string[] {
  const languages: string[] = [];
  for (const slot of textSlots(codebook)) {
    const map = slot.owner[slot.map];
    if (!isRecord(map)) continue;
    for (const key of Object.keys(map)) if (!languages.includes(key)) languages.push(key);
  }
  return languages;
}

/** The language `label` is in: the first key of the first per-language map, English when there is none. */
export function firstCodebookLanguage(codebook: unknown): string {
  return codebookLanguages(codebook)[0] ?? DEFAULT_CODEBOOK_LANGUAGE;
}

// ---------------------------------------------------------------- the file form → memory

/**
 * A codebook file's value with every per-language object moved to the
 * in-memory shape (`label` string + `labels`). Throws `CodebookError` naming
 * the JSON path of each text that is of the wrong type, has a key that is no
 * language, is empty in a language, or lacks the codebook's first language.
 * Values already in the in-memory shape pass through unchanged.
 */
export function liftPerLanguageTexts(value: unknown): unknown {
  const slots = textSlots(value);
  const notStrings = slots.filter((s) => typeof s.owner[s.single] !== 'string');
  if (notStrings.length === 0) return value;
  const issues: IssueLike[] = [];
  const firstSlot = slots.find((s) => isRecord(s.owner[s.single]));
  const first =
    firstSlot === undefined ? undefined : Object.keys(firstSlot.owner[firstSlot.single] as object)[0];
  // The value came from JSON, so a JSON copy is exact; the caller's (maybe frozen) value is left alone.
  const lifted = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  const liftedSlots = textSlots(lifted);
  slots.forEach((slot, i) => {
    const text = slot.owner[slot.single];
    if (typeof text === 'string' || text === undefined) return;
    if (!isRecord(text)) {
      const example =
        slot.single === 'label' ? '{"en": "Commitment", "id": "Komitmen"}' : '{"en": "…", "id": "…"}';
      issues.push({ path: slot.path, message: `must be a string, or an object by language like ${example}` });
      return;
    }
    const entries = Object.entries(text);
    if (entries.length === 0) {
      issues.push({ path: slot.path, message: 'must name at least one language' });
      return;
    }
    const limit = slot.single === 'label' ? LABEL_LIMIT : DESCRIPTION_LIMIT;
    const map: Record<string, string> = {};
    for (const [key, entry] of entries) {
      const at = [...slot.path, key];
      if (!isLanguageTag(key)) {
        issues.push({ path: at, message: `"${key}" is not a language code (like "en" or "id")` });
      } else if (typeof entry !== 'string') {
        issues.push({ path: at, message: 'must be a string' });
      } else if (slot.single === 'label' && entry.trim() === '') {
        issues.push({ path: at, message: 'must not be empty (leave the language out instead)' });
      } else if (entry.length > limit) {
        issues.push({ path: at, message: `must be at most ${limit} characters` });
      } else {
        map[key] = slot.single === 'label' ? entry.trim() : entry;
      }
    }
    if (first === undefined || !(first in text)) {
      issues.push({
        path: slot.path,
        message: `has no "${first}" text; "${first}" is the codebook's first language (from ${jsonPath(firstSlot!.path)})`,
      });
      return;
    }
    const target = liftedSlots[i]!;
    target.owner[slot.single] = map[first] ?? '';
    // The first language first, so `label` and the map's first key always agree.
    const { [first]: firstText, ...others } = map;
    target.owner[slot.map] = firstText === undefined ? others : { [first]: firstText, ...others };
  });
  if (issues.length > 0) throw new CodebookError(`invalid codebook: ${describeIssues(issues, { limit: 5 })}`);
  return lifted;
}

/**
 * The in-memory rules the schema can't state: each map's first key is the
 * codebook's first language, and holds exactly `label` (`description`).
 */
export function checkPerLanguageTexts(codebook: unknown): void {
  const first = firstCodebookLanguage(codebook);
  for (const slot of textSlots(codebook)) {
    const map = slot.owner[slot.map];
    if (!isRecord(map)) continue;
    const where = jsonPath([...slot.path.slice(0, -1), slot.map]);
    const keys = Object.keys(map);
    if (keys[0] !== first) {
      throw new CodebookError(`${where}: must start with "${first}", the codebook's first language`);
    }
    if (map[first] !== slot.owner[slot.single]) {
      throw new CodebookError(`${where}.${first}: must equal ${slot.single}, the text in the first language`);
    }
  }
}

/** The file form of a text: the object by language when it has more than one, else the string. */
export function perLanguageForFile(single: string, map: PerLanguage | undefined): string | PerLanguage {
  return map !== undefined && Object.keys(map).length > 1 ? map : single;
}

// ---------------------------------------------------------------- editing

/**
 * `item` with its text in `language` set to `text`, given the codebook's
 * first language. The first language changes `label` itself; another
 * language adds or replaces its entry, and an empty text removes it (the
 * display then falls back to the first language). `check` validates and
 * trims a non-empty text, throwing with the caller's wording.
 */
export function withTextIn<T extends Record<string, unknown>>(
  item: T,
  fields: { single: 'label' | 'description'; map: 'labels' | 'descriptions' },
  first: string,
  language: string,
  text: string,
  check: (text: string) => string,
): T {
  if (!isLanguageTag(language))
    throw new CodebookError(`"${language}" is not a language code (like "en" or "id")`);
  const current = (item[fields.map] as PerLanguage | undefined) ?? {};
  if (language === first) {
    const checked = check(text);
    const map = Object.keys(current).length > 1 ? { ...current, [first]: checked } : undefined;
    return withMap({ ...item, [fields.single]: checked }, fields.map, map);
  }
  const { [language]: _, ...others } = current;
  const base = { [first]: item[fields.single] as string, ...others };
  const trimmed = text.trim();
  const map = trimmed === '' ? base : { ...base, [language]: check(trimmed) };
  return withMap(item, fields.map, Object.keys(map).length > 1 ? map : undefined);
}

function withMap<T extends Record<string, unknown>>(item: T, key: string, map: PerLanguage | undefined): T {
  const { [key]: _, ...rest } = item;
  return (map === undefined ? rest : { ...rest, [key]: map }) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The codebook as a reader of `language` sees it: every label and
 * description in that language (the first language where it has none), and
 * no maps, so it is a valid one-language codebook. For display and charts
 * only: saving or exporting it would put the interface language in
 * `tag_label`.
 */
export function codebookInLanguage<C extends { tags: readonly ShownTag[] }>(
  codebook: C,
  language: string,
): C {
  const shown = <T extends Labelled>({ labels: _, ...item }: T): Omit<T, 'labels'> => ({
    ...item,
    label: displayLabel({ label: item.label, labels: _ }, language),
  });
  return {
    ...codebook,
    tags: codebook.tags.map(({ descriptions, ...tag }) => ({
      ...shown(tag),
      description: displayDescription({ description: tag.description, descriptions }, language),
      attributes: tag.attributes.map((a) => ({ ...shown(a), values: a.values.map(shown) })),
    })),
  };
}

interface ShownTag extends Labelled, Described {
  readonly attributes: readonly (Labelled & { readonly values: readonly Labelled[] })[];
}
