import { DocumentPathSchema } from '../../../shared/corpus/corpus-types';
import { isoDate } from '../../../shared/corpus/document-date';
import type { TandaDB } from './tanda-db';

/*
 * The analyst's corrections to a document's detected metadata
 * (`shared/corpus/document-metadata.ts` makes the first guess). Stored as rows of
 * the `settings` table keyed `metadata:<path>`, so the schema is unchanged;
 * the only code that writes them, one transaction per write.
 *
 * Only the date can be corrected for now. A row holds the fields that were
 * set; a field that is absent means "use what was detected", so clearing the
 * last field deletes the row.
 */

/** What is wrong with a typed date, for the view to say in the interface language. */
export interface DateProblem {
  kind: 'notADate' | 'year' | 'month' | 'day';
  values: Readonly<Record<string, string | number>>;
}

export class MetadataValidationError extends Error {
  override readonly name = 'MetadataValidationError';
  constructor(
    message: string,
    readonly problem?: DateProblem,
  ) {
    super(message);
  }
}

/** Prefix of every metadata row, to read them all at once. */
export const METADATA_KEY_PREFIX = 'metadata:';

export function metadataKey(documentPath: string): string {
  return `${METADATA_KEY_PREFIX}${documentPath}`;
}

/** What the analyst set for one document. */
export interface MetadataOverride {
  /** `yyyy-mm-dd`, `yyyy-mm` or `yyyy`, as detected dates are. */
  date?: string;
}

/**
 * A date as typed, checked: `yyyy`, `yyyy-mm` or `yyyy-mm-dd` (a real day;
 * years 1900–2099, as detection allows). Surrounding spaces are dropped and
 * `/` or `.` separators read as `-`. Throws a message that says what is
 * wrong; an empty input is not a date (use `setDocumentDate(…, null)`).
 */
export function normalizeDocumentDate(input: string): string {
  const value = input.trim().replace(/[/.]/g, '-');
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (m === null) {
    throw new MetadataValidationError(
      `Document date: "${input.trim()}" is not a date like 2025-10-09, 2025-10 or 2025.`,
      { kind: 'notADate', values: { input: input.trim() } },
    );
  }
  const year = Number(m[1]);
  if (year < 1900 || year > 2099)
    throw new MetadataValidationError(`Document date: the year must be from 1900 to 2099.`, {
      kind: 'year',
      values: { from: 1900, to: 2099 },
    });
  if (m[2] === undefined) return m[1]!;
  const month = Number(m[2]);
  if (month < 1 || month > 12) {
    throw new MetadataValidationError(`Document date: there is no month ${m[2]}.`, {
      kind: 'month',
      values: { month: m[2]! },
    });
  }
  const mm = String(month).padStart(2, '0');
  if (m[3] === undefined) return `${m[1]}-${mm}`;
  const date = isoDate(year, month, Number(m[3]));
  if (date === null) {
    throw new MetadataValidationError(`Document date: ${m[1]}-${mm} has no day ${m[3]}.`, {
      kind: 'day',
      values: { month: `${m[1]}-${mm}`, day: m[3] },
    });
  }
  return date;
}

/**
 * Set (or, with null, clear) the analyst's date for a document; resolves to
 * the date as stored. Other fields of the row are kept.
 */
export async function setDocumentDate(
  db: TandaDB,
  documentPath: string,
  date: string | null,
): Promise<string | null> {
  const path = DocumentPathSchema.safeParse(documentPath);
  if (!path.success) {
    throw new MetadataValidationError(
      `Document date: ${path.error.issues[0]?.message ?? 'invalid document path'}.`,
    );
  }
  const value = date === null ? null : normalizeDocumentDate(date);
  const key = metadataKey(path.data);
  await db.transaction('rw', db.settings, async () => {
    const current = parseOverride((await db.settings.get(key))?.value);
    const next: MetadataOverride = { ...current };
    if (value === null) delete next.date;
    else next.date = value;
    if (Object.keys(next).length === 0) await db.settings.delete(key);
    else await db.settings.put({ key, value: next });
  });
  return value;
}

/** Every document's override, by path. Rows that do not parse are skipped. */
export async function metadataOverrides(db: TandaDB): Promise<Map<string, MetadataOverride>> {
  const rows = await db.settings.where('key').startsWith(METADATA_KEY_PREFIX).toArray();
  const overrides = new Map<string, MetadataOverride>();
  for (const row of rows) {
    const override = parseOverride(row.value);
    if (Object.keys(override).length > 0) overrides.set(row.key.slice(METADATA_KEY_PREFIX.length), override);
  }
  return overrides;
}

/** The fields of a stored row that are valid; anything else is ignored. */
export function parseOverride(value: unknown): MetadataOverride {
  const date = (value as { date?: unknown } | null | undefined)?.date;
  if (typeof date !== 'string') return {};
  try {
    return { date: normalizeDocumentDate(date) };
  } catch {
    return {};
  }
}
