import { Schema, type Node as PmNode } from 'prosemirror-model';
import { SECTION_LINES } from '../../../shared/text/offsets';

/**
 * The article as ProseMirror sees it: one paragraph per line of the
 * normalized text, empty lines included, in sections of SECTION_LINES lines
 * (see src/shared/text/offsets.ts, which maps stored code point offsets to
 * positions without looking at the DOM).
 */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'section+' },
    section: {
      content: 'paragraph+',
      // A click lands in a paragraph's text, never selects a whole section (see section-window.ts).
      selectable: false,
      parseDOM: [{ tag: 'div.article-section' }],
      toDOM: () => ['div', { class: 'article-section' }, 0],
    },
    paragraph: {
      content: 'text*',
      parseDOM: [{ tag: 'p' }],
      toDOM: () => ['p', 0],
    },
    text: {},
  },
});

export function articleDocFromText(text: string, sectionLines = SECTION_LINES): PmNode {
  const paragraph = articleSchema.nodes.paragraph!;
  const section = articleSchema.nodes.section!;
  const lines = text.split('\n');
  const sections: PmNode[] = [];
  for (let i = 0; i < lines.length; i += sectionLines) {
    const paragraphs = lines
      .slice(i, i + sectionLines)
      .map((line) => (line ? paragraph.create(null, articleSchema.text(line)) : paragraph.create()));
    sections.push(section.create(null, paragraphs));
  }
  return articleSchema.node('doc', null, sections);
}
