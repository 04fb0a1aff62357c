/** Longest title the document list shows whole (characters). */
export const SHORT_TITLE_MAX = 90;
/** A sentence end earlier than this is more likely an abbreviation ("PM.", "13/7.") than a title. */
const MIN_SENTENCE = 20;

export interface ShortTitle {
  /** What the list shows. */
  shown: string;
  /** What it leaves out ('' when the title is shown whole); screen readers still get it. */
  rest: string;
}

/**
 * A title for the document list. A text file's title is its first line,
 * which is often a whole first paragraph: it is cut at its first sentence
 * end, or failing one within `max` characters, at the last word boundary
 * before `max`. `shown + rest` is always the title itself, so the full title
 * stays the row's accessible name.
 */
export function shortTitle(title: string, max = SHORT_TITLE_MAX): ShortTitle {
  const chars = [...title];
  if (chars.length <= max) return { shown: title, rest: '' };
  const head = chars.slice(0, max + 1).join('');
  const sentence = /[.!?…](?=\s)/g;
  for (let m = sentence.exec(head); m; m = sentence.exec(head)) {
    if (m.index + 1 >= MIN_SENTENCE && m.index + 1 <= max) return split(title, m.index + 1);
  }
  const space = head.lastIndexOf(' ', head.length - 1);
  // One word longer than `max` (a URL, a run of characters): cut it at `max`.
  const at = space >= MIN_SENTENCE ? space : chars.slice(0, max).join('').length;
  return split(title, at);
}

function split(title: string, at: number): ShortTitle {
  return { shown: title.slice(0, at).trimEnd(), rest: title.slice(at) };
}
