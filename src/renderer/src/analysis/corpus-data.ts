import { startTransition, useEffect, useMemo, useState } from 'react';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { api } from '../api/tanda-api';
import { useMetadataOverrides } from '../db/live-queries';
import { CorpusLibrary } from './corpus-library';
import type { CorpusTextsSource } from './corpus-texts';
import { IndexedDbLanguageCache } from '../db/language-cache';
import { createLibraryEngine } from './library-engine';
import type { LibraryRole } from './library-core';
import { libraryRoles, pageCores } from './library-workers';
import { documentInfo, metadataLine, type DocumentInfo } from './document-info';
import { useUiLanguage } from '../i18n/i18n';

/** The analysis views read the corpus and the database only through these. */

/** The texts' port over the app's API (the library asks by path; the API by request). */
const textsSource: CorpusTextsSource = {
  getCorpus: () => api.getCorpus(),
  readDocument: (path) => api.readDocument({ path }),
  readDocuments: async (paths) => (await api.readDocuments({ paths: [...paths] })).documents,
  onCorpusEvent: (listener) => api.onCorpusEvent(listener),
};

/** The app's one library: texts, search index and metadata of the open corpus. */
export const corpusLibrary = createCorpusLibrary(libraryRoles(pageCores()));

/** With a second role, indexing and describing each have a worker (see `libraryRoles`). */
function createCorpusLibrary([main, describer]: LibraryRole[]): CorpusLibrary {
  return new CorpusLibrary(
    textsSource,
    undefined,
    createLibraryEngine(main),
    new IndexedDbLanguageCache(),
    describer ? createLibraryEngine(describer) : null,
  );
}

/**
 * Starts the background loading and re-renders as the library changes; returns its version.
 * The re-render is a transition, rendered in slices between the analyst's input: a store read
 * with `useSyncExternalStore` re-renders at once and whole, and with 10,000 documents loading
 * each announcement was a long task of the page (up to 175 ms).
 */
export function useCorpusLibrary(): number {
  const [version, setVersion] = useState(() => corpusLibrary.version);
  useEffect(() => corpusLibrary.start(), []);
  useEffect(() => {
    const follow = (): void => startTransition(() => setVersion(corpusLibrary.version));
    follow(); // a change between the first render and this subscription
    return corpusLibrary.subscribe(follow);
  }, []);
  return version;
}

/** Date, source and language of every readable document whose text is loaded, corrections applied. */
export function useDocumentInfos(documents: readonly DocumentMeta[]): Map<string, DocumentInfo> {
  const version = useCorpusLibrary();
  const overrides = useMetadataOverrides();
  return useMemo(() => {
    const infos = new Map<string, DocumentInfo>();
    for (const doc of documents) {
      if (doc.status !== 'ok') continue;
      const detected = corpusLibrary.metadata(doc.path);
      const override = overrides.get(doc.path);
      if (detected === undefined && override === undefined) continue;
      infos.set(doc.path, documentInfo(detected, override));
    }
    return infos;
  }, [documents, overrides, version]); // eslint-disable-line react-hooks/exhaustive-deps -- version is not read: it says corpusLibrary's metadata changed
}

/** The document list's metadata line per path (`2025-10-09 · VOVWORLD · Indonesian`). */
export function useDocumentListMetadata(documents: readonly DocumentMeta[]): Map<string, string> {
  const infos = useDocumentInfos(documents);
  const { language } = useUiLanguage();
  return useMemo(
    () => new Map([...infos].map(([path, info]) => [path, metadataLine(info, language)])),
    [infos, language],
  );
}
