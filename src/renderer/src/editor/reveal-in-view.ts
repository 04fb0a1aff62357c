/**
 * Bringing the current suggestion into view without moving text the
 * analyst is already reading. Centring it at every `]`, `x` or `Enter`
 * scrolled the article a line or two each time, even when the next
 * suggestion was in plain sight: the text jumped under the eyes, and the
 * keypress's frame repainted the whole visible article instead of the one
 * outline that changed (most of that frame's cost on a long article).
 */

export interface Band {
  top: number;
  bottom: number;
}

/** Of the visible height, the share at top and bottom that counts as too near the edge. */
const EDGE = 0.15;

/** True when `box` lies inside `visible` clear of its edges: nothing to scroll. */
export function comfortablyVisible(box: Band, visible: Band): boolean {
  const margin = (visible.bottom - visible.top) * EDGE;
  return box.top >= visible.top + margin && box.bottom <= visible.bottom - margin;
}

/** The nearest ancestor of `el` that scrolls its content (overflow auto or scroll); null for the window. */
export function scrollingAncestor(el: Element): Element | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return p;
  }
  return null;
}

/** The part of the window that `el`'s nearest scrolling ancestor shows. */
function visibleBand(el: Element): Band {
  const height = globalThis.innerHeight ?? 0;
  const scroller = scrollingAncestor(el);
  if (!scroller) return { top: 0, bottom: height };
  const r = scroller.getBoundingClientRect();
  return { top: Math.max(0, r.top), bottom: Math.min(height, r.bottom) };
}

/** Centres `el` unless it is already comfortably in view. */
export function revealInView(el: Element): void {
  const box = el.getBoundingClientRect();
  if (comfortablyVisible(box, visibleBand(el))) return;
  el.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
}
