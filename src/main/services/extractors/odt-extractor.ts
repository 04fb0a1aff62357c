import { XMLParser } from 'fast-xml-parser';
import { ExtractionRefused, extractedFromBlocks, type Block, type Extractor } from './extraction';
import { listZip, readZipEntries } from './zip-archive';

/**
 * An OpenDocument text (LibreOffice's `.odt`) → its text, from the
 * archive's `content.xml` (fflate to unzip, fast-xml-parser to read). The
 * same paragraph rules as DOCX: `text:h` headings by outline level, `text:p`
 * paragraphs (list items included), one paragraph per table row with cells
 * separated by tabs, footnotes and endnotes at the end. Spans join without a
 * space; `text:s` is spaces, `text:tab` a space, `text:line-break` a new
 * paragraph. Dropped: frames and drawings, annotations (comments), tracked
 * deletions, page headers and footers (they live in styles.xml).
 */

/** An element in fast-xml-parser's ordered form: `{ [tag]: children, ':@'?: attributes }`. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
});

const DROPPED = new Set([
  'office:annotation',
  'office:annotation-end',
  'text:tracked-changes',
  'text:sequence-decls',
  'draw:frame',
  'draw:custom-shape',
  'text:note-citation',
  'office:forms',
  'text:table-of-content-source',
]);

export const odtExtractor: Extractor = {
  format: 'odt',
  id: 'odt@1',
  async extract(bytes, limits) {
    const entries = listZip(bytes, 'OpenDocument text', limits.maxUnzippedBytes);
    if (!entries.some((e) => e.name === 'content.xml')) {
      throw new ExtractionRefused('not an OpenDocument text (the zip archive has no content.xml)');
    }
    const xml = new TextDecoder('utf-8').decode(
      readZipEntries(bytes, ['content.xml'], 'OpenDocument text').get('content.xml'),
    );
    let tree: XmlNode[];
    try {
      tree = parser.parse(xml) as XmlNode[];
    } catch (error) {
      throw new ExtractionRefused(`damaged OpenDocument text (content.xml: ${String(error).slice(0, 200)})`);
    }
    const body = find(find(find(tree, 'office:document-content'), 'office:body'), 'office:text');
    if (!body) throw new ExtractionRefused('not an OpenDocument text (content.xml has no office:text)');
    const walk = new OdtWalk();
    walk.blocks(body);
    return extractedFromBlocks([...walk.out, ...walk.notes], {
      encoding: 'utf-8',
      emptyReason: 'no text in the document',
    });
  },
};

class OdtWalk {
  readonly out: Block[] = [];
  readonly notes: Block[] = [];

  /** Block-level children: headings, paragraphs, lists, tables, sections. */
  blocks(children: XmlNode[], into: Block[] = this.out): void {
    for (const node of children) {
      const tag = tagOf(node);
      if (!tag || DROPPED.has(tag)) continue;
      const kids = childrenOf(node);
      if (tag === 'text:h') {
        const level = Number(attributesOf(node)['text:outline-level'] ?? 1);
        this.paragraph(kids, { kind: 'heading', level: Number.isFinite(level) ? level : 1 }, into);
      } else if (tag === 'text:p') {
        this.paragraph(kids, { kind: 'body' }, into);
      } else if (tag === 'table:table-row') {
        into.push({ kind: 'body', text: this.row(kids) });
      } else {
        // text:list, text:list-item, text:section, table:table, table:table-rows, …
        this.blocks(kids, into);
      }
    }
  }

  private paragraph(children: XmlNode[], shape: Omit<Block, 'text'>, into: Block[]): void {
    let text = '';
    const inline = (nodes: XmlNode[]): void => {
      for (const node of nodes) {
        if ('#text' in node) {
          text += String(node['#text']);
          continue;
        }
        const tag = tagOf(node);
        if (!tag || DROPPED.has(tag)) continue;
        if (tag === 'text:s')
          text += ' '.repeat(Math.min(Number(attributesOf(node)['text:c'] ?? 1) || 1, 100));
        else if (tag === 'text:tab') text += ' ';
        else if (tag === 'text:line-break') {
          into.push({ ...shape, text });
          text = '';
        } else if (tag === 'text:note') {
          const body = find([node], 'text:note')?.filter((n) => tagOf(n) === 'text:note-body') ?? [];
          for (const b of body) this.blocks(childrenOf(b), this.notes);
        } else inline(childrenOf(node));
      }
    };
    inline(children);
    into.push({ ...shape, text });
  }

  private row(cells: XmlNode[]): string {
    return cells
      .filter((c) => tagOf(c) === 'table:table-cell')
      .map((cell) => {
        const parts: Block[] = [];
        this.blocks(childrenOf(cell), parts);
        return parts.map((p) => p.text.replace(/\t/g, ' ')).join(' ');
      })
      .join('\t');
  }
}

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}
function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const kids = tag ? node[tag] : undefined;
  return Array.isArray(kids) ? (kids as XmlNode[]) : [];
}
function attributesOf(node: XmlNode): Record<string, string> {
  return (node[':@'] as Record<string, string> | undefined) ?? {};
}
function find(nodes: XmlNode[] | undefined, tag: string): XmlNode[] | undefined {
  const node = nodes?.find((n) => tagOf(n) === tag);
  return node ? childrenOf(node) : undefined;
}
