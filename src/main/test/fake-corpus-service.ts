import type { CorpusEvent, CorpusSnapshot, DocumentText } from '../../shared/corpus/corpus-types';
import { CorpusError, type CorpusServiceApi } from '../services/corpus-service-api';

/** A corpus service in memory: one readable document, one in error. */
export class FakeCorpusService implements CorpusServiceApi {
  closed = false;
  reloads = 0;
  private listeners = new Set<(event: CorpusEvent) => void>();

  constructor(readonly root = '/corpora/sample') {}

  snapshot(): CorpusSnapshot {
    return {
      root: this.root,
      name: this.root.split('/').pop() ?? this.root,
      scanning: false,
      documents: [
        {
          path: 'a.txt',
          title: 'Article A',
          sha256: 'a'.repeat(64),
          chars: 9,
          encoding: 'utf-8',
          status: 'ok',
        },
        {
          path: 'b.txt',
          title: 'b.txt',
          sha256: null,
          chars: null,
          encoding: null,
          status: 'error',
          reason: 'unreadable',
        },
      ],
    };
  }

  async ready(): Promise<CorpusSnapshot> {
    return this.snapshot();
  }

  async readDocument(path: string): Promise<DocumentText> {
    const meta = this.snapshot().documents.find((document) => document.path === path);
    if (!meta) throw new CorpusError('not-found', `no document "${path}" in ${this.root}`);
    if (meta.status !== 'ok') throw new CorpusError('not-readable', `${path}: ${meta.reason}`);
    return { meta, text: 'Article A' };
  }

  async reload(): Promise<CorpusSnapshot> {
    this.reloads += 1;
    return this.snapshot();
  }

  onEvent(listener: (event: CorpusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CorpusEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
