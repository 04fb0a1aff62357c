import type { Annotation } from '../annotation/annotation-types';
import { TAG_PALETTE, type Attribute, type Codebook, type Tag } from '../codebook/codebook';
import {
  ATTR,
  QDA_COLOUR,
  QDA_GUID,
  attr,
  children,
  normalGuid,
  qdaGuid,
  childText,
  type XmlNode,
} from './qda-xml';

/*
 * Tanda's codebook as a QDA-XML code tree, and back. The mapping (README,
 * "REFI-QDA"):
 *  - a tag is a top-level `Code` (guid from its id, name = label, colour,
 *    description, codable);
 *  - an attribute value is a child code of its tag named `<attribute>: <value>`
 *    (`Commitment › Actor: China`); free-text values become such a child
 *    code per distinct text used;
 *  - an annotation with attribute values is coded with its tag's code and
 *    with each value's child code.
 * Lost on the way: tag shortcuts, dark-theme colours, retired flags,
 * attribute kinds (single or multiple choice) and ids of attributes and
 * values — Tanda recognises its own codes again by their GUIDs.
 */

export interface QdaCode {
  guid: string;
  name: string;
  /** `#rrggbb`, or absent when the file had none (or an invalid one). */
  color?: string;
  description: string;
  isCodable: boolean;
  children: QdaCode[];
  /** Where the code is in the file, for messages: `CodeBook/Codes/Code[2]/Code[1]`. */
  where?: string;
}

/** What a code means in Tanda terms. */
export type CodeMeaning =
  | { kind: 'tag'; tag: string }
  | { kind: 'value'; tag: string; attribute: string; value: string }
  | { kind: 'text'; tag: string; attribute: string; text: string };

export interface CodeTree {
  codes: QdaCode[];
  meaning: ReadonlyMap<string, CodeMeaning>;
}

export const ATTRIBUTE_SEPARATOR = ': ';
/** Between a parent's and a child's name when nested codes become one tag's label. */
export const PATH_SEPARATOR = ' › ';

/** The code tree of a codebook; free-text attribute values come from the annotations given. */
export function codebookToCodes(codebook: Codebook, annotations: readonly Annotation[] = []): CodeTree {
  const meaning = new Map<string, CodeMeaning>();
  const texts = freeTexts(annotations);
  const codes = codebook.tags.map((tag): QdaCode => {
    const guid = tagGuid(tag.id);
    meaning.set(guid, { kind: 'tag', tag: tag.id });
    const kids: QdaCode[] = [];
    for (const attribute of tag.attributes) {
      if (attribute.kind === 'text') {
        for (const text of [...(texts.get(`${tag.id}/${attribute.id}`) ?? [])].sort()) {
          const g = textGuid(tag.id, attribute.id, text);
          meaning.set(g, { kind: 'text', tag: tag.id, attribute: attribute.id, text });
          kids.push(leaf(g, `${attribute.label}${ATTRIBUTE_SEPARATOR}${text}`, tag.color));
        }
        continue;
      }
      for (const value of attribute.values) {
        const g = valueGuid(tag.id, attribute.id, value.id);
        meaning.set(g, { kind: 'value', tag: tag.id, attribute: attribute.id, value: value.id });
        kids.push(leaf(g, `${attribute.label}${ATTRIBUTE_SEPARATOR}${value.label}`, tag.color));
      }
    }
    return {
      guid,
      name: tag.label,
      color: tag.color.toUpperCase(),
      description: tag.description,
      isCodable: true,
      children: kids,
    };
  });
  return { codes, meaning };
}

/** `<tag>/<attribute>` of every free-text attribute: their values are coded by text, not by value id. */
export function freeTextAttributes(codebook: Codebook): Set<string> {
  const out = new Set<string>();
  for (const tag of codebook.tags)
    for (const a of tag.attributes) if (a.kind === 'text') out.add(`${tag.id}/${a.id}`);
  return out;
}

/** The code GUIDs an annotation is coded with: its tag's, then one per attribute value. */
export function annotationCodeGuids(a: Annotation, freeText: ReadonlySet<string>): string[] {
  const guids = [tagGuid(a.tag)];
  for (const [attributeId, value] of Object.entries(a.attributes)) {
    if (Array.isArray(value)) for (const v of value) guids.push(valueGuid(a.tag, attributeId, v));
    else if (value === '') continue;
    else if (freeText.has(`${a.tag}/${attributeId}`)) guids.push(textGuid(a.tag, attributeId, value));
    else guids.push(valueGuid(a.tag, attributeId, value));
  }
  return guids;
}

export function tagGuid(tagId: string): string {
  return qdaGuid('code', tagId);
}
function valueGuid(tag: string, attribute: string, value: string): string {
  return qdaGuid('code', `${tag}/${attribute}=${value}`);
}
function textGuid(tag: string, attribute: string, text: string): string {
  return qdaGuid('code', `${tag}/${attribute}:text:${text}`);
}

/** An attribute value's code, in its tag's colour (QDA tools show a colour for every code). */
function leaf(guid: string, name: string, color: string): QdaCode {
  return { guid, name, color: color.toUpperCase(), description: '', isCodable: true, children: [] };
}

function freeTexts(annotations: readonly Annotation[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of annotations)
    for (const [attribute, value] of Object.entries(a.attributes)) {
      if (typeof value !== 'string' || value === '') continue;
      const key = `${a.tag}/${attribute}`;
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      set.add(value);
    }
  return out;
}

// ---------------------------------------------------------------- XML

/** `<Codes>` with its `<Code>` elements, as builder input. */
export function codesXml(codes: readonly QdaCode[]): XmlNode {
  return { Code: codes.map(codeXml) };
}

function codeXml(code: QdaCode): XmlNode {
  return {
    [`${ATTR}guid`]: code.guid,
    [`${ATTR}name`]: code.name,
    [`${ATTR}isCodable`]: String(code.isCodable),
    ...(code.color ? { [`${ATTR}color`]: code.color } : {}),
    ...(code.description ? { Description: code.description } : {}),
    ...(code.children.length ? { Code: code.children.map(codeXml) } : {}),
  };
}

export interface CodeReadResult {
  codes: QdaCode[];
  problems: string[];
  /** Codes without a (valid) colour, counted. */
  missingColours: number;
}

/** Read `<Codes>`: every code needs a GUID (unique) and a name; a bad colour is dropped and counted. */
export function readCodes(codesNode: XmlNode | undefined, where: string): CodeReadResult {
  const problems: string[] = [];
  const seen = new Set<string>();
  let missingColours = 0;
  const read = (node: XmlNode, at: string): QdaCode => {
    const guid = attr(node, 'guid');
    const name = attr(node, 'name');
    if (guid === undefined || !QDA_GUID.test(guid)) problems.push(`${at}: guid is missing or not a GUID`);
    else if (seen.has(normalGuid(guid))) problems.push(`${at}: guid ${guid} is used twice`);
    else seen.add(normalGuid(guid));
    if (name === undefined || name.trim() === '') problems.push(`${at}: name is missing`);
    const color = attr(node, 'color');
    const valid = color !== undefined && QDA_COLOUR.test(color);
    if (!valid) missingColours++;
    return {
      guid: normalGuid(guid ?? ''),
      name: (name ?? '').trim(),
      ...(valid ? { color: color.toLowerCase() } : {}),
      description: childText(node, 'Description'),
      isCodable: attr(node, 'isCodable') !== 'false',
      children: children(node, 'Code').map((c, i) => read(c, `${at}/Code[${i + 1}]`)),
      where: at,
    };
  };
  const codes = children(codesNode, 'Code').map((c, i) => read(c, `${where}/Code[${i + 1}]`));
  return { codes, problems, missingColours };
}

// ---------------------------------------------------------------- codes → tags

export interface CodesToTags {
  /** The codebook with the codes' new tags appended (existing tags unchanged). */
  codebook: Codebook;
  /** What each code GUID means now. */
  meaning: Map<string, CodeMeaning>;
  /** Tags added, in order. */
  added: Tag[];
  /** Codes matched to existing tags, by GUID or label. */
  matched: number;
}

/**
 * Map a code tree onto a codebook. A top-level code is an existing tag when
 * its GUID is that tag's (a Tanda export) or its name is that tag's label;
 * a child code `<attribute label>: <value label>` of such a tag is that
 * attribute value. Every other code becomes a new tag whose label is its
 * path (`Economy › Trade`), id a slug of the label, colour the code's (or
 * one from the palette), never a shortcut; its leaf children named
 * `<attribute>: <value>` become its single-choice attributes (the way
 * Tanda exports them), the others nested tags.
 */
export function codesToTags(codes: readonly QdaCode[], codebook: Codebook): CodesToTags {
  const meaning = new Map<string, CodeMeaning>();
  const byGuid = new Map(codebook.tags.map((t) => [tagGuid(t.id), t]));
  const byLabel = new Map(codebook.tags.map((t) => [t.label, t]));
  const ids = new Set(codebook.tags.map((t) => t.id));
  const added: Tag[] = [];
  let matched = 0;
  const addTag = (code: QdaCode, label: string, color: string | undefined): Tag => {
    const tag: Tag = {
      id: uniqueSlug(label, ids),
      label: label.slice(0, 120),
      color: color ?? TAG_PALETTE[(codebook.tags.length + added.length) % TAG_PALETTE.length]!,
      description: code.description.slice(0, 2000),
      shortcut: null,
      retired: false,
      attributes: attributesFromCodes(code.children),
    };
    added.push(tag);
    byLabel.set(label, tag);
    return tag;
  };
  const visit = (code: QdaCode, parent: { tag: Tag; label: string } | null): void => {
    if (parent) {
      const value = attributeValueOf(parent.tag, code.name);
      if (value) {
        meaning.set(code.guid, { ...value, tag: parent.tag.id });
        matched++;
        for (const c of code.children) visit(c, parent);
        return;
      }
    }
    const label = parent ? `${parent.label}${PATH_SEPARATOR}${code.name}` : code.name;
    let tag = byGuid.get(code.guid) ?? byLabel.get(label);
    if (tag) matched++;
    else tag = addTag(code, label, code.color);
    meaning.set(code.guid, { kind: 'tag', tag: tag.id });
    for (const c of code.children) visit(c, { tag, label });
  };
  for (const code of codes) visit(code, null);
  return { codebook: { ...codebook, tags: [...codebook.tags, ...added] }, meaning, added, matched };
}

function attributesFromCodes(codes: readonly QdaCode[]): Attribute[] {
  const attributes: Attribute[] = [];
  const attributeIds = new Set<string>();
  for (const code of codes) {
    const at = code.name.indexOf(ATTRIBUTE_SEPARATOR);
    if (code.children.length > 0 || at <= 0 || at + ATTRIBUTE_SEPARATOR.length >= code.name.length) continue;
    const label = code.name.slice(0, at).trim().slice(0, 120);
    const valueLabel = code.name
      .slice(at + ATTRIBUTE_SEPARATOR.length)
      .trim()
      .slice(0, 120);
    if (label === '' || valueLabel === '') continue;
    let attribute = attributes.find((a) => a.label === label);
    if (!attribute) {
      attribute = { id: uniqueSlug(label, attributeIds), label, kind: 'single', values: [] };
      attributes.push(attribute);
    }
    if (attribute.values.some((v) => v.label === valueLabel)) continue;
    const valueIds = new Set(attribute.values.map((v) => v.id));
    attribute.values.push({ id: uniqueSlug(valueLabel, valueIds), label: valueLabel });
  }
  return attributes;
}

function attributeValueOf(
  tag: Tag,
  name: string,
):
  | Omit<Extract<CodeMeaning, { kind: 'value' }>, 'tag'>
  | Omit<Extract<CodeMeaning, { kind: 'text' }>, 'tag'>
  | null {
  const at = name.indexOf(ATTRIBUTE_SEPARATOR);
  if (at < 0) return null;
  const label = name.slice(0, at);
  const rest = name.slice(at + ATTRIBUTE_SEPARATOR.length);
  const attribute: Attribute | undefined = tag.attributes.find((a) => a.label === label);
  if (!attribute) return null;
  if (attribute.kind === 'text') return { kind: 'text', attribute: attribute.id, text: rest };
  const value = attribute.values.find((v) => v.label === rest);
  return value ? { kind: 'value', attribute: attribute.id, value: value.id } : null;
}

/** A codebook slug for a label (`Cooperation area` → `cooperation_area`), made unique among `taken` (and added to it). */
export function uniqueSlug(label: string, taken: Set<string>): string {
  let base = label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(base)) base = `code_${base}`.replace(/_+$/, '');
  base = base.slice(0, 58);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}
