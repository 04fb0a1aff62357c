import { READ_DOCUMENTS_MAX_PATHS, type TandaApi } from '../../../shared/api/api-contract';
import type { Annotation } from '../../../shared/annotation/annotation-types';

/**
 * The texts an import or restore check needs, read in batches
 * (`readDocuments`) instead of one request per document: a backup of a
 * 10,000-document corpus would otherwise cost 10,000 round trips before the
 * question is asked. Returns the `getText` the record checks call.
 */
export async function textsForCheck(
  api: Pick<TandaApi, 'readDocuments'>,
  records: readonly Annotation[],
  listed: ReadonlySet<string>,
): Promise<(path: string) => string> {
  const texts = new Map<string, string>();
  const failures = new Map<string, string>();
  let pending = [...new Set(records.map((a) => a.documentPath))].filter((p) => listed.has(p));
  while (pending.length > 0) {
    const { documents: answer } = await api.readDocuments({
      paths: pending.slice(0, READ_DOCUMENTS_MAX_PATHS),
    });
    for (const item of answer) {
      if (item.ok) texts.set(item.document.meta.path, item.document.text);
      else failures.set(item.path, item.error.message);
    }
    pending = pending.slice(Math.max(answer.length, 1));
  }
  return (path) => {
    const text = texts.get(path);
    if (text !== undefined) return text;
    throw new Error(failures.get(path) ?? 'it was not read');
  };
}
