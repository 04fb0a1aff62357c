import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { TANDA_UUID_NAMESPACE, uuidV5 } from './csv-format';

/*
 * What the REFI-QDA formats (QDA-XML 1.0: `.qdpx` projects, `.qdc`
 * codebooks) share: namespaces, GUIDs, and one way to write and read their
 * XML. Written with fast-xml-parser's builder (which escapes every text and
 * attribute value) and read with its parser after its validator has found
 * no well-formedness error, so a problem is reported with its line.
 */

export const QDA_PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const QDA_CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** The standard's GUID: 8-4-4-4-12 hex digits, optionally in braces. */
export const QDA_GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;
/** The standard's colour: `#` and six hex digits. */
export const QDA_COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * Stable GUIDs: the same Tanda item gets the same GUID in every export
 * (UUID v5 of `<kind>:<Tanda id>` in Tanda's namespace), so a QDA tool can
 * recognise a re-exported project and Tanda recognises its own codes.
 */
export function qdaGuid(
  kind: 'user' | 'code' | 'source' | 'coding' | 'note' | 'variable',
  id: string,
): string {
  return uuidV5(TANDA_UUID_NAMESPACE, `qda-${kind}:${id}`);
}

/** Attribute names in the objects below start with this (fast-xml-parser's convention, made explicit). */
export const ATTR = '@_';

/** An element as fast-xml-parser builds and parses it: attributes `@_name`, children by name, text `#text`. */
export type XmlNode = { [key: string]: unknown };

export function buildXml(root: XmlNode): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(root) as string}`;
}

/** A problem in an imported QDA file, with where it is (`project.qde line 12`, `Sources/TextSource[3]`). */
export class QdaError extends Error {
  override readonly name = 'QdaError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** Elements that may repeat: always parsed as arrays, so one and many read the same. */
const REPEATED = new Set([
  'User',
  'Code',
  'Variable',
  'TextSource',
  'PlainTextSelection',
  'Coding',
  'NoteRef',
  'Note',
  'VariableValue',
  'Case',
  'PictureSource',
  'PDFSource',
  'AudioSource',
  'VideoSource',
]);

/**
 * Parse QDA-XML into plain objects. Namespace prefixes are dropped (some
 * tools write `qda:Project`); values stay strings, untrimmed, so positions
 * and texts are read as written. Throws QdaError with the line of the first
 * well-formedness error.
 */
export function parseXml(xml: string, fileName: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new QdaError(`${fileName} line ${valid.err.line}: not well-formed XML (${valid.err.msg})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    isArray: (name) => REPEATED.has(name),
  });
  return parser.parse(xml) as XmlNode;
}

/** Children named `name` of a parsed element (always a list). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'object' && v !== null ? v : {}));
}

/** The one child element named `name`, if any. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** An attribute's value, or undefined. */
export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`${ATTR}${name}`];
  return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
}

/** The text of the child element `name`, e.g. `<Description>text</Description>`. */
export function childText(node: XmlNode | undefined, name: string): string {
  return textOf(node?.[name]);
}

/** The text of an element such as `<Description>text</Description>`. */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') {
    const text = (node as XmlNode)['#text'];
    return typeof text === 'string' ? text : text === undefined ? '' : String(text);
  }
  return String(node);
}

/** A GUID in the standard's form, compared lowercase without braces. */
export function normalGuid(guid: string): string {
  return guid.replace(/^\{|\}$/g, '').toLowerCase();
}
