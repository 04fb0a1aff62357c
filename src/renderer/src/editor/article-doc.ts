import { Schema, type Node as PmNode } from 'prosemirror-model';

/**
 * The article as ProseMirror sees it: one paragraph per line of the
 * normalized text, empty lines included, so src/shared/offsets.ts can map
 * stored code point offsets to positions without looking at the DOM.
 */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'paragraph+' },
    paragraph: {
      content: 'text*',
      parseDOM: [{ tag: 'p' }],
      toDOM: () => ['p', 0],
    },
    text: {},
  },
});

export function articleDocFromText(text: string): PmNode {
  const paragraph = articleSchema.nodes.paragraph!;
  const lines = text.split('\n');
  return articleSchema.node(
    'doc',
    null,
    lines.map((line) => (line ? paragraph.create(null, articleSchema.text(line)) : paragraph.create())),
  );
}
