import { describe, expect, it } from 'vitest';
import type { CorpusSnapshot, DocumentMeta } from '../../../../shared/corpus/corpus-types';
import { applyCorpusEvent, initialDocument } from '../corpus-state';

const doc = (path: string, status: DocumentMeta['status'] = 'ok'): DocumentMeta => ({
  path,
  title: path,
  sha256: status === 'ok' ? 'a'.repeat(64) : null,
  chars: status === 'ok' ? 1 : null,
  encoding: status === 'ok' ? 'utf-8' : null,
  status,
});
const snapshot: CorpusSnapshot = {
  root: '/c',
  name: 'c',
  scanning: false,
  documents: [doc('b.txt'), doc('d.txt')],
};

describe('corpus state', () => {
  it('keeps documents sorted by path as they are added and changed', () => {
    let s = applyCorpusEvent(snapshot, { type: 'document-added', document: doc('c.txt') });
    s = applyCorpusEvent(s, { type: 'document-added', document: doc('a.txt') });
    expect(s!.documents.map((d) => d.path)).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt']);
    s = applyCorpusEvent(s, {
      type: 'document-changed',
      document: { ...doc('c.txt'), sha256: 'b'.repeat(64) },
    });
    expect(s!.documents.find((d) => d.path === 'c.txt')!.sha256).toBe('b'.repeat(64));
    expect(s!.documents).toHaveLength(4);
  });

  it('drops removed documents and replaces everything on corpus-opened', () => {
    const s = applyCorpusEvent(snapshot, { type: 'document-removed', path: 'b.txt' });
    expect(s!.documents.map((d) => d.path)).toEqual(['d.txt']);
    const other: CorpusSnapshot = { ...snapshot, root: '/other', documents: [] };
    expect(applyCorpusEvent(s, { type: 'corpus-opened', snapshot: other })).toBe(other);
  });

  it('puts read documents in place of their reading rows and keeps the count', () => {
    const listed: CorpusSnapshot = {
      ...snapshot,
      scanning: true,
      documents: [doc('a.pdf', 'reading'), doc('b.txt'), doc('c.docx', 'reading')],
      reading: { done: 0, total: 2 },
    };
    const s = applyCorpusEvent(listed, {
      type: 'documents-read',
      documents: [doc('c.docx'), doc('a.pdf', 'skipped')],
      reading: { done: 2, total: 2 },
    });
    expect(s!.documents.map((d) => `${d.path}:${d.status}`)).toEqual([
      'a.pdf:skipped',
      'b.txt:ok',
      'c.docx:ok',
    ]);
    expect(s!.reading).toEqual({ done: 2, total: 2 });
    expect(initialDocument(listed, 'a.pdf')).toBe('b.txt');
  });

  it('reopens the remembered document only while it is still readable', () => {
    const withBad: CorpusSnapshot = {
      ...snapshot,
      documents: [doc('a.bin', 'skipped'), ...snapshot.documents],
    };
    expect(initialDocument(withBad, 'd.txt')).toBe('d.txt');
    expect(initialDocument(withBad, 'gone.txt')).toBe('b.txt');
    expect(initialDocument(withBad, 'a.bin')).toBe('b.txt');
    expect(initialDocument({ ...snapshot, documents: [] }, null)).toBeNull();
  });
});
