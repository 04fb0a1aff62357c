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

/** The part of the window that `el`'s nearest scrolling ancestor shows. */
function visibleBand(el: Element): Band {
  let top = 0;
  let bottom = globalThis.innerHeight ?? 0;
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.scrollHeight <= p.clientHeight) continue;
    const overflow = getComputedStyle(p).overflowY;
    if (overflow !== 'auto' && overflow !== 'scroll') continue;
    const r = p.getBoundingClientRect();
    top = Math.max(top, r.top);
    bottom = Math.min(bottom, r.bottom);
    break;
  }
  return { top, bottom };
}

/** Centres `el` unless it is already comfortably in view. */
export function revealInView(el: Element): void {
  const box = el.getBoundingClientRect();
  if (comfortablyVisible(box, visibleBand(el))) return;
  el.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
}
