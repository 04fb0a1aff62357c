/** Any refused edit or invalid import; the message names the tag/attribute or JSON path. */
export class CodebookError extends Error {
  override readonly name = 'CodebookError';
}
