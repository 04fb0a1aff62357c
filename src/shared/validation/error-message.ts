/**
 * What went wrong, in the words of whatever was thrown: an Error's message,
 * or the thrown value itself as text (a rejected promise may carry a string,
 * a DOMException from IndexedDB is an Error, `throw 42` is legal).
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
