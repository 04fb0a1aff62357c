import { basename } from 'node:path';
import type { ApiRequest } from '../shared/api/api-contract';

/*
 * What main's native "Save as" needs for a `saveFile` request, kept apart
 * from Electron so it is tested in plain Node: the dialog's filters, the
 * suggested name (a bare file name, whatever the renderer sent), and the
 * bytes to write.
 */

const FILTERS: Record<ApiRequest<'saveFile'>['kind'], { name: string; extensions: string[] }[]> = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json', 'jsonld'] }],
  svg: [{ name: 'SVG image', extensions: ['svg'] }],
  png: [{ name: 'PNG image', extensions: ['png'] }],
  qdpx: [{ name: 'REFI-QDA project', extensions: ['qdpx'] }],
  qdc: [{ name: 'REFI-QDA codebook', extensions: ['qdc'] }],
  xlsx: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
};

export interface SavePlan {
  fileName: string;
  filters: { name: string; extensions: string[] }[];
  /** A string is written as UTF-8. */
  data: string | Buffer;
}

/** The request is one the contract's schema has accepted. */
export function planSave(request: ApiRequest<'saveFile'>): SavePlan {
  return {
    fileName: basename(request.suggestedName.replace(/\\/g, '/')),
    filters: FILTERS[request.kind],
    data: request.encoding === 'base64' ? Buffer.from(request.content, 'base64') : request.content,
  };
}
