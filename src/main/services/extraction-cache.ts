import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { TextEncodingSchema } from '../../shared/corpus/corpus-types';
import { DocumentStructureSchema } from '../../shared/corpus/document-structure';
import type { ExtractionResult } from './extractors/extraction';

/**
 * Extraction results kept on disk, keyed by the file's content hash and the
 * extractor's id (`pdf@1`), in the app's data folder (browser mode:
 * `--data-dir`). A reopened corpus of PDFs then costs a read and a hash per
 * file instead of a parse. A new extractor version never sees an old entry.
 * Entries are validated when read: a damaged or foreign file is a miss,
 * never a wrong text.
 */

const CachedSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    structure: DocumentStructureSchema.optional(),
    title: z.string().optional(),
    encoding: TextEncodingSchema.nullable(),
    pages: z.number().int().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('skipped'), reason: z.string() }),
]);

export interface ExtractionCache {
  get(bytes: Uint8Array, extractorId: string): Promise<ExtractionResult | null>;
  put(bytes: Uint8Array, extractorId: string, result: ExtractionResult): Promise<void>;
}

export function extractionCache(folder: string): ExtractionCache {
  const entryFile = (bytes: Uint8Array, extractorId: string): string => {
    const hash = createHash('sha256').update(bytes).digest('hex');
    return path.join(folder, extractorId.replace('@', '-'), hash.slice(0, 2), `${hash}.json`);
  };
  return {
    async get(bytes, extractorId) {
      try {
        const parsed = CachedSchema.safeParse(
          JSON.parse(await readFile(entryFile(bytes, extractorId), 'utf8')),
        );
        return parsed.success ? (parsed.data as ExtractionResult) : null;
      } catch {
        return null;
      }
    },
    async put(bytes, extractorId, result) {
      const file = entryFile(bytes, extractorId);
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        await mkdir(path.dirname(file), { recursive: true });
        // Written aside and renamed, so a reader never sees half an entry.
        await writeFile(temporary, JSON.stringify(result));
        await rename(temporary, file);
      } catch (error) {
        // A cache that cannot be written only costs time.
        await rm(temporary, { force: true }).catch(() => {});
        console.error('tanda: extraction cache:', (error as Error).message ?? error);
      }
    },
  };
}
