import {
  CorpusEventSchema,
  CorpusSnapshotSchema,
  type CorpusEvent,
  type CorpusSnapshot,
  type DocumentMeta,
  type DocumentText,
} from './corpus-types';
import type { ReadDocumentsItem } from '../api/api-contract';
import type { DocumentStructure, StructuredParagraph } from './document-structure';
import { isPlainObject } from '../validation/plain-object';

/*
 * The corpus listing's schemas, answered without zod for listings that pass
 * them. Opening a corpus of 10,000 documents, the renderer validated the
 * 10,000-row snapshot twice (the `getCorpus` answer and the `corpus-opened`
 * event), each in one task of 0.1–0.5 s of zod's generic object walk; this
 * checks the same rules in straight-line code. As annotation-fast-parse.ts
 * does, it only ever says "valid": anything it is not certain of goes to
 * the zod schema, so every rejection is still zod's, with its wording.
 *
 * What it returns is what zod's parse returns: fresh objects with the
 * schema's keys in the schema's order, unknown keys dropped. A property test
 * holds the two paths to the same answer (`test/corpus-fast-parse.test.ts`).
 */

const SHA256 = /^[0-9a-f]{64}$/;
const EXTRACTOR_ID = /^[a-z]+@[1-9][0-9]*$/;
const DECLARED_ENCODING = /^[a-z0-9][a-z0-9._:-]*$/;
const STATUSES: ReadonlySet<unknown> = new Set(['ok', 'skipped', 'error', 'reading']);
const FORMATS: ReadonlySet<unknown> = new Set(['txt', 'md', 'html', 'docx', 'odt', 'pdf']);
const KNOWN_ENCODINGS: ReadonlySet<unknown> = new Set([
  'utf-8',
  'utf-8-bom',
  'utf-16le',
  'utf-16be',
  'windows-1252',
]);

/** `CorpusEventSchema.safeParse`, fast for the events that carry listings. */
export function parseCorpusEvent(
  value: unknown,
): { success: true; data: CorpusEvent } | { success: false; error: unknown } {
  const fast = fastCorpusEvent(value);
  return fast ? { success: true, data: fast } : CorpusEventSchema.safeParse(value);
}

/** `CorpusSnapshotSchema.safeParse`, fast for snapshots that pass. */
export function parseCorpusSnapshot(
  value: unknown,
): { success: true; data: CorpusSnapshot } | { success: false; error: unknown } {
  const fast = fastCorpusSnapshot(value);
  return fast ? { success: true, data: fast } : CorpusSnapshotSchema.safeParse(value);
}

/** The parsed event when `value` certainly passes the schema; null when only zod can say. */
export function fastCorpusEvent(value: unknown): CorpusEvent | null {
  if (!isPlainObject(value)) return null;
  const e = value as Loose;
  switch (e.type) {
    case 'corpus-opened': {
      const snapshot = fastCorpusSnapshot(e.snapshot);
      return snapshot ? { type: 'corpus-opened', snapshot } : null;
    }
    case 'documents-read': {
      const documents = fastDocumentMetas(e.documents);
      const reading = fastReading(e.reading);
      return documents && reading ? { type: 'documents-read', documents, reading } : null;
    }
    case 'document-added':
    case 'document-changed': {
      const document = fastDocumentMeta(e.document);
      return document ? { type: e.type, document } : null;
    }
    default:
      // Small events: zod's walk costs nothing there.
      return null;
  }
}

export function fastCorpusSnapshot(value: unknown): CorpusSnapshot | null {
  if (!isPlainObject(value)) return null;
  const { root, name, scanning, documents } = value as Loose;
  if (typeof root !== 'string' || typeof name !== 'string' || typeof scanning !== 'boolean') return null;
  const metas = fastDocumentMetas(documents);
  if (!metas) return null;
  const out: CorpusSnapshot = { root, name, scanning, documents: metas };
  const progress = optionalField(value, 'reading', fastReading);
  if (progress === null) return null;
  if (progress !== undefined) out.reading = progress;
  return out;
}

function fastDocumentMetas(value: unknown): DocumentMeta[] | null {
  return fastArray(value, fastDocumentMeta);
}

/** Each item through `each` into a fresh array; null as soon as one is not certain. */
function fastArray<T>(value: unknown, each: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(value)) return null;
  const out: T[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = each(value[i]);
    if (item === null) return null;
    out[i] = item;
  }
  return out;
}

export function fastDocumentMeta(value: unknown): DocumentMeta | null {
  if (!isPlainObject(value)) return null;
  const m = value as Loose;
  const { path, title, sha256, chars, encoding, status } = m;
  if (
    typeof path !== 'string' ||
    path.length < 1 ||
    path.length > 4096 ||
    typeof title !== 'string' ||
    !(sha256 === null || (typeof sha256 === 'string' && SHA256.test(sha256))) ||
    !(chars === null || isCount(chars)) ||
    !(encoding === null || isEncoding(encoding)) ||
    !STATUSES.has(status)
  ) {
    return null;
  }
  // Keys in the schema's order, optional ones only when present, as zod builds its output.
  const out: DocumentMeta = {
    path,
    title,
    sha256,
    chars,
    encoding,
    status: status as DocumentMeta['status'],
  };
  const { reason, bytes, format, extractor } = m;
  // An optional key present with `undefined` (never from JSON) is kept by zod: leave it to zod.
  if (reason !== undefined) {
    if (typeof reason !== 'string') return null;
    out.reason = reason;
  } else if (hasOwn(m, 'reason')) return null;
  if (bytes !== undefined) {
    if (!isCount(bytes)) return null;
    out.bytes = bytes;
  } else if (hasOwn(m, 'bytes')) return null;
  if (format !== undefined) {
    if (!FORMATS.has(format)) return null;
    out.format = format as DocumentMeta['format'];
  } else if (hasOwn(m, 'format')) return null;
  if (extractor !== undefined) {
    if (typeof extractor !== 'string' || !EXTRACTOR_ID.test(extractor)) return null;
    out.extractor = extractor;
  } else if (hasOwn(m, 'extractor')) return null;
  return out;
}

/**
 * A `readDocuments` answer (up to 200 texts with their rows, 50 of them for a
 * corpus of 10,000) when every item is a document that certainly passes;
 * null (zod decides) as soon as one is not, e.g. a failure.
 */
export function fastReadDocumentsAnswer(value: unknown): { documents: ReadDocumentsItem[] } | null {
  if (!isPlainObject(value)) return null;
  const documents = fastArray((value as Loose).documents, (item): ReadDocumentsItem | null => {
    if (!isPlainObject(item) || (item as Loose).ok !== true) return null;
    const document = fastDocumentText((item as Loose).document);
    return document ? { ok: true, document } : null;
  });
  return documents ? { documents } : null;
}

export function fastDocumentText(value: unknown): DocumentText | null {
  if (!isPlainObject(value)) return null;
  const { meta, text } = value as Loose;
  const row = fastDocumentMeta(meta);
  if (!row || typeof text !== 'string') return null;
  const out: DocumentText = { meta: row, text };
  const structure = optionalField(value, 'structure', fastStructure);
  if (structure === null) return null;
  if (structure !== undefined) out.structure = structure;
  return out;
}

function fastStructure(value: unknown): DocumentStructure | null {
  if (!isPlainObject(value)) return null;
  const paragraphs = fastArray((value as Loose).paragraphs, fastParagraph);
  return paragraphs ? { paragraphs } : null;
}

function fastParagraph(p: unknown): StructuredParagraph | null {
  if (!isPlainObject(p)) return null;
  const { start, end, kind, level, page } = p as Loose;
  if (!isCount(start) || !isCount(end) || (kind !== 'heading' && kind !== 'body')) return null;
  const paragraph: StructuredParagraph = { start, end, kind };
  if (level !== undefined) {
    if (!Number.isSafeInteger(level) || (level as number) < 1 || (level as number) > 6) return null;
    paragraph.level = level as number;
  } else if (hasOwn(p, 'level')) return null;
  if (page !== undefined) {
    if (!Number.isSafeInteger(page) || (page as number) < 1) return null;
    paragraph.page = page as number;
  } else if (hasOwn(p, 'page')) return null;
  return paragraph;
}

/**
 * An optional key: undefined when absent, null when zod must decide (a bad
 * value, or the key present with `undefined`, which zod's output keeps).
 */
function optionalField<T>(
  source: object,
  key: string,
  check: (value: unknown) => T | null,
): T | undefined | null {
  const value = (source as Loose)[key];
  if (value === undefined) return hasOwn(source, key) ? null : undefined;
  return check(value);
}

function fastReading(value: unknown): { done: number; total: number } | null {
  if (!isPlainObject(value)) return null;
  const { done, total } = value as Loose;
  return isCount(done) && isCount(total) ? { done, total } : null;
}

function isEncoding(value: unknown): value is DocumentMeta['encoding'] & string {
  if (KNOWN_ENCODINGS.has(value)) return true;
  return typeof value === 'string' && value.length <= 40 && DECLARED_ENCODING.test(value);
}

/** zod's `z.number().int().nonnegative()`: a safe integer, at least 0. */
function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

type Loose = Record<string, unknown>;

function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}
