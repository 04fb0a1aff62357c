/** The reading font as styles.css sets it for `.article-text`: 1.0625rem, line height 1.7, 0.7em after a paragraph. */
const FONT_PX = 17;
const LINE_PX = FONT_PX * 1.7;
const PARAGRAPH_GAP_PX = FONT_PX * 0.7;
/** The reading font's average character width, in em (measured: 648 px held 85 characters of Indonesian news). */
const CHAR_EM = 0.45;

/**
 * How tall a section will be, from its paragraphs' lengths and the text
 * width, before it is ever laid out: off-screen sections are skipped by
 * `content-visibility`, and a fixed guess made the scrollbar thumb jump as
 * the real heights were discovered (38,709 → 130,105 px in a long article).
 */
export function estimateSectionHeight(paragraphLengths: readonly number[], widthPx: number): number {
  const perLine = Math.max(20, Math.floor(widthPx / (FONT_PX * CHAR_EM)));
  let height = 0;
  // An empty paragraph still holds one line (ProseMirror's trailing break).
  for (const chars of paragraphLengths)
    height += Math.max(1, Math.ceil(chars / perLine)) * LINE_PX + PARAGRAPH_GAP_PX;
  return Math.round(height);
}
