/**
 * One policy for the renderer in both modes (Electron's app:// handler and
 * browser mode's HTTP server send it as a header; index.html repeats it in
 * a meta tag so a copy opened any other way is no weaker).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
