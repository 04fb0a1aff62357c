/**
 * Where Up/Down/Home/End go from item `at` of a list of `count` items, or
 * null for any other key (or an empty list). Stops at the ends.
 */
export function listKeyTarget(key: string, at: number, count: number): number | null {
  if (count <= 0) return null;
  const target =
    key === 'ArrowDown'
      ? at + 1
      : key === 'ArrowUp'
        ? at - 1
        : key === 'Home'
          ? 0
          : key === 'End'
            ? count - 1
            : null;
  return target === null ? null : Math.max(0, Math.min(count - 1, target));
}

/**
 * Up/Down/Home/End move focus between the buttons of a list, as in any
 * list; Tab still leaves it. `selector` picks the list's items.
 */
export function moveFocusWithArrows(event: React.KeyboardEvent<HTMLElement>, selector = 'button'): void {
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(selector));
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  const target = listKeyTarget(event.key, at, items.length);
  if (target === null) return;
  event.preventDefault();
  items[target]?.focus();
}
