/**
 * Whether Ctrl+Z / Ctrl+Y (and Ctrl+F) pressed on `target` are the open
 * document's: yes in the article and the Annotations panel, and elsewhere
 * only while no dialog is open: a key pressed in the Codebook or Settings
 * must never change annotations behind it.
 */
export function undoKeyTarget(target: Element): boolean {
  if (target.closest('dialog')) return false;
  // By class, not by accessible name: the names change with the interface language.
  if (target.closest('section.article-pane, section.annotations-panel')) return true;
  return target.ownerDocument.querySelector('dialog[open]') === null;
}
