import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { DocumentStructure } from '../../../../shared/corpus/document-structure';
import { pageAtOffset, pageStarts } from '../../../../shared/corpus/document-structure';
import { buildLineIndex } from '../../../../shared/text/offsets';
import { articleDocFromText } from '../article-doc';
import { structureDecorations, structureKey, structurePlugin } from '../structure-plugin';

const text = 'Ringkasan\n\nKedua negara 😀 sepakat.\n\nHalaman kedua.';
const structure: DocumentStructure = {
  paragraphs: [
    { start: 0, end: 9, kind: 'heading', level: 1, page: 1 },
    { start: 11, end: 34, kind: 'body', page: 1 },
    { start: 36, end: 50, kind: 'body', page: 2 },
  ],
};
const index = buildLineIndex(text);

describe('structure plugin', () => {
  it('marks heading paragraphs and page starts without changing the text', () => {
    const doc = articleDocFromText(text);
    const state = EditorState.create({ doc, plugins: [structurePlugin(structure, index)] });
    const set = structureKey.getState(state)!;
    const found = set.find();
    const heading = found.find((d) => d.from === index.paragraphPos(0))!;
    expect(doc.resolve(heading.from).nodeAfter!.textContent).toBe('Ringkasan');
    const pages = found.filter((d) => d.from === d.to).map((d) => (d.spec as { key: string }).key);
    expect(pages).toEqual(['page-1', 'page-2']);
    const pageTwo = found.find((d) => (d.spec as { key?: string }).key === 'page-2')!;
    expect(pageTwo.from).toBe(index.paragraphPos(4) + 1);
    expect(state.doc.textContent).toBe(text.replace(/\n/g, ''));
  });

  it('draws nothing for a text without structure, and no lone "p. 1"', () => {
    const doc = articleDocFromText('satu');
    expect(structureDecorations(doc, undefined, buildLineIndex('satu')).find()).toEqual([]);
    const onePage: DocumentStructure = { paragraphs: [{ start: 0, end: 4, kind: 'body', page: 1 }] };
    expect(structureDecorations(doc, onePage, buildLineIndex('satu')).find()).toEqual([]);
  });

  it('finds the page of an offset', () => {
    expect(pageAtOffset(structure, 0)).toBe(1);
    expect(pageAtOffset(structure, 35)).toBe(1);
    expect(pageAtOffset(structure, 40)).toBe(2);
    expect(pageAtOffset(undefined, 3)).toBeUndefined();
    expect(pageStarts(structure)).toEqual([
      { offset: 0, page: 1 },
      { offset: 36, page: 2 },
    ]);
  });
});
