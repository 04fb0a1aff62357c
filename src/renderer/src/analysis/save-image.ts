/**
 * Saves a chart picture. The typed API's `saveFile` carries CSV and JSON
 * text only, so pictures go the browser's way in both modes: a download,
 * which Electron turns into its own save dialog. Resolves to what to tell
 * the analyst.
 */
export function saveBlob(name: string, blob: Blob): string {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next tick: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return `Downloaded ${name}`;
}
