import { describe, expect, it, vi } from 'vitest';
import { apiCalls, READ_DOCUMENTS_MAX_CHARS } from '../../shared/api/api-contract';
import type { DocumentText } from '../../shared/corpus/corpus-types';
import {
  apiHandlers,
  dispatchApiCall,
  READ_DOCUMENTS_AHEAD,
  type ApiHandlers,
  type BackupStoreApi,
} from '../api-dispatch';
import { CorpusError, type CorpusServiceApi } from '../services/corpus-service-api';

const noBackups = {} as BackupStoreApi;

/** A corpus whose documents are `size` characters long; "broken.txt" fails unexpectedly, "gone.txt" is not there. */
function corpusOf(size: number): { service: CorpusServiceApi; reads: string[] } {
  const reads: string[] = [];
  const service = {
    readDocument: async (path: string): Promise<DocumentText> => {
      reads.push(path);
      if (path === 'gone.txt') throw new CorpusError('not-found', `no document "${path}"`);
      if (path === 'broken.txt') throw new Error('disk on fire');
      return {
        meta: { path, title: path, sha256: 'a'.repeat(64), chars: size, encoding: 'utf-8', status: 'ok' },
        text: 'x'.repeat(size),
      };
    },
  } as unknown as CorpusServiceApi;
  return { service, reads };
}

describe('readDocuments', () => {
  it('answers in order, with each failure in its own item', async () => {
    const { service } = corpusOf(3);
    const handlers = apiHandlers({ corpus: () => service, backups: () => noBackups });
    const result = await dispatchApiCall(handlers, 'readDocuments', {
      paths: ['a.txt', 'gone.txt', 'broken.txt', 'b.txt'],
    });
    expect(result.ok).toBe(true);
    const items = (result as { value: { documents: unknown[] } }).value.documents;
    expect(items).toEqual([
      expect.objectContaining({ ok: true, document: expect.objectContaining({ text: 'xxx' }) }),
      { ok: false, path: 'gone.txt', error: { code: 'not-found', message: 'no document "gone.txt"' } },
      {
        ok: false,
        path: 'broken.txt',
        error: { code: 'internal', message: 'readDocuments failed: disk on fire' },
      },
      expect.objectContaining({ ok: true }),
    ]);
  });

  it('stops after the document that takes the texts past the limit', async () => {
    const { service, reads } = corpusOf(Math.ceil(READ_DOCUMENTS_MAX_CHARS * 0.4));
    const handlers = apiHandlers({ corpus: () => service, backups: () => noBackups });
    const result = await handlers.readDocuments({ paths: ['a.txt', 'b.txt', 'c.txt', 'd.txt'] });
    expect(result.documents.map((d) => (d.ok ? d.document.meta.path : d.path))).toEqual([
      'a.txt',
      'b.txt',
      'c.txt',
    ]);
    // Reads run ahead of the answer; those past the limit are dropped (the caller asks again).
    expect(reads.slice(0, 3)).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('reads several at once, and answers in the order asked however the reads finish', async () => {
    let running = 0;
    let most = 0;
    const service = {
      readDocument: async (path: string): Promise<DocumentText> => {
        running++;
        most = Math.max(most, running);
        // Later paths finish first.
        await new Promise((done) => setTimeout(done, 40 - Number(path.replace(/\D/g, ''))));
        running--;
        return {
          meta: { path, title: path, sha256: 'a'.repeat(64), chars: 1, encoding: 'utf-8', status: 'ok' },
          text: 'x',
        };
      },
    } as unknown as CorpusServiceApi;
    const handlers = apiHandlers({ corpus: () => service, backups: () => noBackups });
    const paths = Array.from({ length: 2 * READ_DOCUMENTS_AHEAD + 3 }, (_, i) => `d${i}.txt`);
    const result = await handlers.readDocuments({ paths });
    expect(result.documents.map((d) => (d.ok ? d.document.meta.path : d.path))).toEqual(paths);
    expect(most).toBe(READ_DOCUMENTS_AHEAD);
  });

  it("lets the scan's texts answer the loading of many, never the opening of one", async () => {
    const asked: [string, unknown][] = [];
    const service = {
      readDocument: async (path: string, options?: unknown): Promise<DocumentText> => {
        asked.push([path, options]);
        return {
          meta: { path, title: path, sha256: 'a'.repeat(64), chars: 1, encoding: 'utf-8', status: 'ok' },
          text: 'x',
        };
      },
    } as unknown as CorpusServiceApi;
    const handlers = apiHandlers({ corpus: () => service, backups: () => noBackups });
    await handlers.readDocuments({ paths: ['a.txt'] });
    await handlers.readDocument({ path: 'b.txt' });
    expect(asked).toEqual([
      ['a.txt', { scanned: true }],
      ['b.txt', undefined],
    ]);
  });

  it('always answers at least one document, however long', async () => {
    const { service } = corpusOf(READ_DOCUMENTS_MAX_CHARS + 1);
    const handlers = apiHandlers({ corpus: () => service, backups: () => noBackups });
    const result = await handlers.readDocuments({ paths: ['a.txt', 'b.txt'] });
    expect(result.documents).toHaveLength(1);
  });
});

describe('apiHandlers', () => {
  it('has a handler for every call of the table', () => {
    const handlers = apiHandlers({ corpus: () => corpusOf(1).service, backups: () => noBackups });
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(apiCalls).sort());
    for (const handler of Object.values(handlers)) expect(typeof handler).toBe('function');
  });

  it('cannot be written without one (a type error that typecheck reports)', () => {
    const { getCorpus: _left, ...rest } = apiHandlers({
      corpus: () => corpusOf(1).service,
      backups: () => noBackups,
    });
    // @ts-expect-error getCorpus is missing
    const partial: ApiHandlers = rest;
    expect('getCorpus' in partial).toBe(false);
  });
});

describe('setInterfaceLanguage', () => {
  it('rebuilds the desktop menu in the language, and says browser mode has none', async () => {
    const setMenuLanguage = vi.fn();
    const desktop = apiHandlers({
      corpus: () => corpusOf(1).service,
      backups: () => noBackups,
      setMenuLanguage,
    });
    expect(await dispatchApiCall(desktop, 'setInterfaceLanguage', { language: 'id' })).toEqual({
      ok: true,
      value: { menu: true },
    });
    expect(setMenuLanguage).toHaveBeenCalledWith('id');
    const browser = apiHandlers({ corpus: () => corpusOf(1).service, backups: () => noBackups });
    expect(await dispatchApiCall(browser, 'setInterfaceLanguage', { language: 'en' })).toEqual({
      ok: true,
      value: { menu: false },
    });
  });

  it('refuses a language it has no catalog for, saying which are known', async () => {
    const setMenuLanguage = vi.fn();
    const handlers = apiHandlers({
      corpus: () => corpusOf(1).service,
      backups: () => noBackups,
      setMenuLanguage,
    });
    const result = await dispatchApiCall(handlers, 'setInterfaceLanguage', { language: 'fr' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/^setInterfaceLanguage: language: .*"en"\|"id"/);
    expect(setMenuLanguage).not.toHaveBeenCalled();
  });
});
