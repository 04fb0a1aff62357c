/**
 * Up/Down/Home/End move focus between the buttons of a list, as in any
 * list; Tab still leaves it. `selector` picks the list's items.
 */
export function moveFocusWithArrows(event: React.KeyboardEvent<HTMLElement>, selector = 'button'): void {
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(selector));
  const at = items.indexOf(document.activeElement as HTMLElement);
  const target =
    event.key === 'ArrowDown'
      ? at + 1
      : event.key === 'ArrowUp'
        ? at - 1
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? items.length - 1
            : null;
  if (target === null || at < 0) return;
  event.preventDefault();
  items[Math.max(0, Math.min(items.length - 1, target))]?.focus();
}
