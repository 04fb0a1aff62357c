import Dexie from 'dexie';
import { type Codebook } from '../../../shared/codebook/codebook';
import { DocumentPathSchema } from '../../../shared/corpus/corpus-types';
import type { PersistenceOutcome } from './storage-health';
import { WORK_STATUSES, type TandaDB, type WorkStatus } from './tanda-db';
import { errorMessage } from '../../../shared/validation/error-message';
import { isUiLanguage, type UiLanguageChoice } from '../../../shared/i18n/languages';

/*
 * Settings, per-document work status and the codebook: the only code that
 * writes those tables, each write in one transaction.
 */

export class SettingsValidationError extends Error {
  override readonly name = 'SettingsValidationError';
}

export const SETTING_KEYS = {
  annotator: 'annotator',
  snapToWords: 'snapToWords',
  backup: 'backup',
  storageWarningDismissed: 'storageWarningDismissed',
  suggestionSources: 'suggestionSources',
  uiLanguage: 'uiLanguage',
} as const;

export const ANNOTATOR_NAME_MAX = 200;
/** Used until the analyst turns it off. */
const DEFAULT_SNAP_TO_WORDS = true;

// ---------------------------------------------------------------- annotator

/** The name stamped on annotations, trimmed; throws when empty or too long. */
export function normalizeAnnotatorName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0)
    throw new SettingsValidationError('Annotator: enter your name (it cannot be empty).');
  if (trimmed.length > ANNOTATOR_NAME_MAX) {
    throw new SettingsValidationError(
      `Annotator: the name is ${trimmed.length} characters long; at most ${ANNOTATOR_NAME_MAX} are allowed.`,
    );
  }
  return trimmed;
}

/** The annotator name, or null on first run (ask for it). */
export async function getAnnotatorName(db: TandaDB): Promise<string | null> {
  const row = await db.settings.get(SETTING_KEYS.annotator);
  return typeof row?.value === 'string' && row.value.length > 0 ? row.value : null;
}

/** Store the annotator name; resolves to the name as stored (trimmed). */
export async function setAnnotatorName(db: TandaDB, name: string): Promise<string> {
  const value = normalizeAnnotatorName(name);
  await db.transaction('rw', db.settings, () => db.settings.put({ key: SETTING_KEYS.annotator, value }));
  return value;
}

// ---------------------------------------------------------------- snap to words

export async function getSnapToWords(db: TandaDB): Promise<boolean> {
  const row = await db.settings.get(SETTING_KEYS.snapToWords);
  return typeof row?.value === 'boolean' ? row.value : DEFAULT_SNAP_TO_WORDS;
}

export async function setSnapToWords(db: TandaDB, value: boolean): Promise<void> {
  if (typeof value !== 'boolean')
    throw new SettingsValidationError('Snap to words must be on or off (a boolean).');
  await db.transaction('rw', db.settings, () => db.settings.put({ key: SETTING_KEYS.snapToWords, value }));
}

// ---------------------------------------------------------------- interface language

/** The analyst's language choice; 'system' (follow the OS / browser) until one is made. */
export async function getUiLanguageChoice(db: TandaDB): Promise<UiLanguageChoice> {
  const value = (await db.settings.get(SETTING_KEYS.uiLanguage))?.value;
  return value === 'system' || isUiLanguage(value) ? value : 'system';
}

export async function setUiLanguageChoice(db: TandaDB, value: UiLanguageChoice): Promise<void> {
  if (value !== 'system' && !isUiLanguage(value))
    throw new SettingsValidationError(`Language: "${String(value)}" is not one of system, en, id.`);
  await db.transaction('rw', db.settings, () => db.settings.put({ key: SETTING_KEYS.uiLanguage, value }));
}

// ---------------------------------------------------------------- suggestion sources

/** Which sources of suggestions are on (Settings); both until the analyst turns one off. */
export interface SuggestionSources {
  patterns: boolean;
  learned: boolean;
}

export async function getSuggestionSources(db: TandaDB): Promise<SuggestionSources> {
  const value = (await db.settings.get(SETTING_KEYS.suggestionSources))?.value as
    Partial<SuggestionSources> | undefined;
  return { patterns: value?.patterns !== false, learned: value?.learned !== false };
}

export async function setSuggestionSources(db: TandaDB, value: SuggestionSources): Promise<void> {
  if (typeof value?.patterns !== 'boolean' || typeof value?.learned !== 'boolean')
    throw new SettingsValidationError('Suggestion sources: patterns and learned must each be on or off.');
  const row = {
    key: SETTING_KEYS.suggestionSources,
    value: { patterns: value.patterns, learned: value.learned },
  };
  await db.transaction('rw', db.settings, () => db.settings.put(row));
}

// ---------------------------------------------------------------- backups

export interface BackupSettings {
  /** Write a backup at most this often while something changed. */
  intervalMinutes: number;
  /** Backups kept in the folder; older ones are pruned. */
  keep: number;
}
const DEFAULT_BACKUP_SETTINGS: BackupSettings = { intervalMinutes: 10, keep: 20 };

export async function getBackupSettings(db: TandaDB): Promise<BackupSettings> {
  const row = await db.settings.get(SETTING_KEYS.backup);
  const value = row?.value as Partial<BackupSettings> | undefined;
  return {
    intervalMinutes: isWhole(value?.intervalMinutes, 1, 1440)
      ? value.intervalMinutes
      : DEFAULT_BACKUP_SETTINGS.intervalMinutes,
    keep: isWhole(value?.keep, 1, 1000) ? value.keep : DEFAULT_BACKUP_SETTINGS.keep,
  };
}

export async function setBackupSettings(db: TandaDB, value: BackupSettings): Promise<void> {
  if (!isWhole(value.intervalMinutes, 1, 1440)) {
    throw new SettingsValidationError('Backup interval: a whole number of minutes from 1 to 1440.');
  }
  if (!isWhole(value.keep, 1, 1000))
    throw new SettingsValidationError('Backups kept: a whole number from 1 to 1000.');
  await db.transaction('rw', db.settings, () =>
    db.settings.put({
      key: SETTING_KEYS.backup,
      value: { intervalMinutes: value.intervalMinutes, keep: value.keep },
    }),
  );
}

// ---------------------------------------------------------------- storage warning

/**
 * The persistence outcome whose warning this origin has shown, or null. The
 * warning is shown once per answer: while the browser keeps answering the
 * same it stays away; a different answer (say, persistence granted, then
 * refused) shows it again. (The key keeps its first name, from when only a
 * dismissal was remembered, so an origin that dismissed it is not asked again.)
 */
export async function storageWarningShownFor(db: TandaDB): Promise<PersistenceOutcome | null> {
  const value = (await db.settings.get(SETTING_KEYS.storageWarningDismissed))?.value;
  return value === 'refused' || value === 'unsupported' || value === 'persisted' ? value : null;
}

export async function markStorageWarningShown(db: TandaDB, outcome: PersistenceOutcome): Promise<void> {
  await db.transaction('rw', db.settings, () =>
    db.settings.put({ key: SETTING_KEYS.storageWarningDismissed, value: outcome }),
  );
}

function isWhole(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

// ---------------------------------------------------------------- document status

function isWorkStatus(value: unknown): value is WorkStatus {
  return (WORK_STATUSES as readonly unknown[]).includes(value);
}

/** Set one analyst's status for one document. */
export async function setDocumentStatus(
  db: TandaDB,
  annotator: string,
  documentPath: string,
  status: WorkStatus,
  options?: { now?: () => Date },
): Promise<void> {
  if (typeof annotator !== 'string' || annotator.length === 0 || annotator.length > ANNOTATOR_NAME_MAX) {
    throw new SettingsValidationError('Document status: the annotator name must be 1 to 200 characters.');
  }
  const path = DocumentPathSchema.safeParse(documentPath);
  if (!path.success) {
    throw new SettingsValidationError(
      `Document status: ${path.error.issues[0]?.message ?? 'invalid document path'}.`,
    );
  }
  if (!isWorkStatus(status)) {
    throw new SettingsValidationError(
      `Document status: "${String(status)}" is not one of ${WORK_STATUSES.join(', ')}.`,
    );
  }
  const updatedAt = (options?.now ? options.now() : new Date()).toISOString();
  await db.transaction('rw', db.documentStatus, () =>
    db.documentStatus.put({ annotator, documentPath: path.data, status, updatedAt }),
  );
}

/** path → status for one analyst; documents never set are absent (not started). */
export async function documentStatuses(db: TandaDB, annotator: string): Promise<Map<string, WorkStatus>> {
  const rows = await db.documentStatus
    .where('[annotator+documentPath]')
    .between([annotator, Dexie.minKey], [annotator, Dexie.maxKey])
    .toArray();
  return new Map(rows.map((r) => [r.documentPath, r.status]));
}

// ---------------------------------------------------------------- codebook

export const CODEBOOK_ROW_ID = 'current';

/**
 * The stored codebook exactly as saved, or null. Deliberately `unknown`: the
 * row is opaque to the database, so the caller validates it with
 * `validateCodebook` (shared/codebook/codebook.ts), which is where a future codebook
 * format would be migrated, without a schema version here.
 */
export async function loadCodebook(db: TandaDB): Promise<unknown> {
  const row = await db.codebook.get(CODEBOOK_ROW_ID);
  return row ? row.codebook : null;
}

/**
 * Replace the codebook in one transaction. The value must be plain JSON (it
 * is stored and exported as is); its shape is the codebook module's concern
 * (call `validateCodebook` before saving).
 */
export async function saveCodebook(
  db: TandaDB,
  codebook: Codebook,
  options?: { now?: () => Date },
): Promise<void> {
  if (codebook === null || typeof codebook !== 'object' || Array.isArray(codebook)) {
    throw new SettingsValidationError('Codebook: expected an object.');
  }
  let json: unknown;
  try {
    json = JSON.parse(JSON.stringify(codebook)) as unknown;
  } catch (error) {
    throw new SettingsValidationError(`Codebook: not plain JSON (${errorMessage(error)}).`);
  }
  const updatedAt = (options?.now ? options.now() : new Date()).toISOString();
  await db.transaction('rw', db.codebook, () =>
    db.codebook.put({ id: CODEBOOK_ROW_ID, codebook: json, updatedAt }),
  );
}
