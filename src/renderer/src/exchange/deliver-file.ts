import { api } from '../api/tanda-api';
import { i18n } from '../i18n/i18n';

/**
 * Hands an export to the analyst: in the desktop app main asks where to save
 * and writes it; in browser mode the browser downloads it. Resolves to what
 * to tell the analyst, or null when they cancelled the save dialog.
 */
export async function deliverFile(
  name: string,
  content: string,
  kind: 'csv' | 'json' | 'svg' | 'qdc',
): Promise<string | null> {
  if (api.mode === 'electron') {
    const { path } = await api.saveFile({ suggestedName: name, content, kind });
    return path === null ? null : i18n.t('exchange:saved', { path });
  }
  return downloadBlob(name, new Blob([content], { type: TEXT_TYPES[kind] }));
}

const TEXT_TYPES = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
  svg: 'image/svg+xml;charset=utf-8',
  qdc: 'application/xml;charset=utf-8',
};

const BINARY_TYPES = {
  qdpx: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A binary export (a REFI-QDA project, a workbook): main's save dialog (as base64) or a download. */
export async function deliverBytes(
  name: string,
  bytes: Uint8Array,
  kind: keyof typeof BINARY_TYPES,
): Promise<string | null> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: BINARY_TYPES[kind] });
  if (api.mode !== 'electron') return downloadBlob(name, blob);
  const { path } = await api.saveFile({
    suggestedName: name,
    content: await base64Of(blob),
    kind,
    encoding: 'base64',
  });
  return path === null ? null : i18n.t('exchange:saved', { path });
}

/** A chart picture, the same way: main's save dialog in the desktop app (a PNG travels as base64), else a download. */
export async function deliverPicture(
  name: string,
  picture: Blob,
  kind: 'png' | 'svg',
): Promise<string | null> {
  if (api.mode !== 'electron') return downloadBlob(name, picture);
  if (kind === 'svg') return deliverFile(name, await picture.text(), 'svg');
  const { path } = await api.saveFile({
    suggestedName: name,
    content: await base64Of(picture),
    kind: 'png',
    encoding: 'base64',
  });
  return path === null ? null : i18n.t('exchange:saved', { path });
}

async function base64Of(blob: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** Bytes as base64, the way binary content crosses the API. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The browser's way: a download of `blob` as `name`. Browser mode's path
 * for every file. Returns what to tell the analyst.
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
  return i18n.t('exchange:downloaded', { name });
}

/** `tanda-sample-corpus-annotations-2026-11-22.csv` */
export function exportFileName(corpusName: string, what: string, extension: string): string {
  const day = new Date().toISOString().slice(0, 10);
  const safe = corpusName.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'corpus';
  return `tanda-${safe}-${what}-${day}.${extension}`;
}
