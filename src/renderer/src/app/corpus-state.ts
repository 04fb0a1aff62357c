import {
  compareDocumentPaths,
  type CorpusEvent,
  type CorpusSnapshot,
  type DocumentMeta,
} from '../../../shared/corpus/corpus-types';

/** Applies one pushed corpus event to the snapshot the UI shows (pure, so it is testable). */
export function applyCorpusEvent(snapshot: CorpusSnapshot | null, event: CorpusEvent): CorpusSnapshot | null {
  switch (event.type) {
    case 'corpus-opened':
      return event.snapshot;
    case 'scan-progress':
      return snapshot && { ...snapshot, scanning: event.done < event.total };
    case 'document-added':
    case 'document-changed':
      return snapshot && { ...snapshot, documents: upsert(snapshot.documents, event.document) };
    case 'documents-read': {
      if (!snapshot) return snapshot;
      const read = new Map(event.documents.map((d) => [d.path, d]));
      const documents = snapshot.documents.map((d) => read.get(d.path) ?? d);
      const known = new Set(snapshot.documents.map((d) => d.path));
      const added = event.documents.filter((d) => !known.has(d.path));
      return {
        ...snapshot,
        documents: added.length ? [...documents, ...added].sort(compareDocumentPaths) : documents,
        reading: event.reading,
      };
    }
    case 'document-removed':
      return snapshot && { ...snapshot, documents: snapshot.documents.filter((d) => d.path !== event.path) };
    case 'quitting':
    case 'team-changed':
    case 'show-team':
      return snapshot;
  }
}

function upsert(documents: DocumentMeta[], document: DocumentMeta): DocumentMeta[] {
  const rest = documents.filter((d) => d.path !== document.path);
  rest.push(document);
  return rest.sort(compareDocumentPaths);
}

/** The document to open: the last one read in this corpus if it is still readable, else the first readable. */
export function initialDocument(snapshot: CorpusSnapshot, remembered: string | null): string | null {
  const readable = snapshot.documents.filter((d) => d.status === 'ok');
  if (remembered && readable.some((d) => d.path === remembered)) return remembered;
  return readable[0]?.path ?? null;
}
