import { api } from '../api/tanda-api';

/**
 * Hands an export to the analyst: in the desktop app main asks where to save
 * and writes it; in browser mode the browser downloads it. Resolves to what
 * to tell the analyst, or null when they cancelled the save dialog.
 */
export async function deliverFile(name: string, content: string, kind: 'csv' | 'json'): Promise<string | null> {
  if (api.mode === 'electron') {
    const { path } = await api.saveFile({ suggestedName: name, content, kind });
    return path === null ? null : `Saved ${path}`;
  }
  const type = kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json;charset=utf-8';
  return downloadBlob(name, new Blob([content], { type }));
}

/**
 * The browser's way: a download of `blob` as `name` (Electron turns it into
 * its own save dialog). For what `saveFile` does not carry, such as chart
 * pictures. Returns what to tell the analyst.
 */
export function downloadBlob(name: string, blob: Blob): string {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return `Downloaded ${name}`;
}

/** `tanda-sample-corpus-annotations-2026-11-22.csv` */
export function exportFileName(corpusName: string, what: string, extension: string): string {
  const day = new Date().toISOString().slice(0, 10);
  const safe = corpusName.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'corpus';
  return `tanda-${safe}-${what}-${day}.${extension}`;
}
