import { TandaApiError, type TandaApi } from '../../../shared/api/api-contract';
import type { DocumentText } from '../../../shared/corpus/corpus-types';

/** About 64 articles of a long report's size; the newest read stay. */
const MAX_KEPT_CHARS = 64 * 1024 * 1024;

/**
 * Texts read in this tab stay readable while the server is down (browser
 * mode after a restart, before the new URL is pasted): a document already
 * read is answered from memory when the host cannot be reached. Everything
 * else (other documents, reload, backups, exports) waits for the server, and
 * its error says so. Memory only, for this session: nothing is written.
 */
export function withSessionTexts(api: TandaApi): TandaApi {
  const kept = new Map<string, DocumentText>();
  let chars = 0;
  const keep = (doc: DocumentText): void => {
    const old = kept.get(doc.meta.path);
    if (old) chars -= old.text.length;
    kept.delete(doc.meta.path);
    kept.set(doc.meta.path, doc);
    chars += doc.text.length;
    for (const [path, d] of kept) {
      if (chars <= MAX_KEPT_CHARS || kept.size === 1) break;
      kept.delete(path);
      chars -= d.text.length;
    }
  };
  return {
    ...api,
    async readDocument(request) {
      try {
        const doc = await api.readDocument(request);
        keep(doc);
        return doc;
      } catch (error) {
        const earlier = kept.get(request.path);
        if (earlier && error instanceof TandaApiError && error.code === 'offline') return earlier;
        throw error;
      }
    },
  };
}
