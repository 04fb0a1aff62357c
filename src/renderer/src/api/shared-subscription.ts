/**
 * One subscription to `open`, however many listen: opened for the first
 * listener, closed after the last, each event handed to every listener in
 * the order they subscribed.
 */
export function sharedSubscription<T>(
  open: (deliver: (event: T) => void) => () => void,
): (listener: (event: T) => void) => () => void {
  const listeners = new Set<(event: T) => void>();
  let close: (() => void) | null = null;
  return (listener) => {
    const own = (event: T): void => listener(event); // the same function may subscribe twice
    listeners.add(own);
    close ??= open((event) => {
      for (const l of [...listeners]) l(event);
    });
    return () => {
      listeners.delete(own);
      if (listeners.size === 0 && close) {
        close();
        close = null;
      }
    };
  };
}
