import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UI_LANGUAGES } from '../shared/i18n/languages';
import { describeZodError } from '../shared/api/api-contract';
import { errorMessage } from '../shared/validation/error-message';

/**
 * The app's own settings (not annotations: those live in IndexedDB), in
 * `<userData>/settings.json`. Plain Node: main passes
 * `app.getPath('userData')` in, so the rules here are tested without Electron.
 */
export const MAX_RECENT_CORPORA = 10;
const SETTINGS_FILE = 'settings.json';

const AppSettingsSchema = z.object({
  lastCorpus: z.string().min(1).optional(),
  // A longer list is trimmed rather than rejected: it is still clearly ours.
  recentCorpora: z
    .array(z.string().min(1))
    .default([])
    .transform((list) => list.slice(0, MAX_RECENT_CORPORA)),
  /** The interface language last set by the renderer, so the menu starts in it before the window loads. */
  menuLanguage: z.enum(UI_LANGUAGES).optional().catch(undefined),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export const DEFAULT_SETTINGS: AppSettings = { recentCorpora: [] };

export type ParsedSettings = { ok: true; settings: AppSettings } | { ok: false; problem: string };

/** Parses the file's text; says what is wrong instead of throwing. */
export function parseSettings(text: string): ParsedSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${errorMessage(error)})` };
  }
  const parsed = AppSettingsSchema.safeParse(json);
  return parsed.success
    ? { ok: true, settings: parsed.data }
    : { ok: false, problem: describeZodError(parsed.error) };
}

/** Records an opened corpus: it becomes the last one and moves to the top of the recent list. */
export function withOpenedCorpus(settings: AppSettings, root: string): AppSettings {
  const others = settings.recentCorpora.filter((entry) => entry !== root);
  return { ...settings, lastCorpus: root, recentCorpora: [root, ...others].slice(0, MAX_RECENT_CORPORA) };
}

export function withRecentCleared(settings: AppSettings): AppSettings {
  return { ...settings, recentCorpora: [] };
}

export interface StartupCorpus {
  root: string;
  /** Set when the last corpus could not be reopened, for a person to read. */
  notice?: string;
}

/** First launch: the sample corpus. Later: the last corpus, if its folder is still there. */
export async function pickStartupCorpus(
  settings: AppSettings,
  sampleCorpus: string,
  folderExists: (path: string) => boolean | Promise<boolean> = isFolder,
): Promise<StartupCorpus> {
  const last = settings.lastCorpus;
  if (!last) return { root: sampleCorpus };
  if (await folderExists(last)) return { root: last };
  return {
    root: sampleCorpus,
    notice: `The corpus folder you had open last time is no longer there:\n${last}\n\nTanda opened the sample corpus instead.`,
  };
}

export interface LoadedSettings {
  settings: AppSettings;
  /** What went wrong reading the file, if anything (already set aside). */
  warning?: string;
}

/**
 * Reads the settings at start-up. A missing file means defaults. A corrupt
 * one also means defaults, but it is kept as `settings.json.bad-<time>` so
 * nothing the analyst had is silently destroyed.
 */
export async function loadSettings(
  userDataDir: string,
  now: () => Date = () => new Date(),
): Promise<LoadedSettings> {
  const file = join(userDataDir, SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: DEFAULT_SETTINGS };
    return {
      settings: DEFAULT_SETTINGS,
      warning: `could not read ${file}: ${String(error)}; using defaults`,
    };
  }
  const parsed = parseSettings(text);
  if (parsed.ok) return { settings: parsed.settings };
  const aside = `${file}.bad-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, aside);
  } catch (error) {
    return {
      settings: DEFAULT_SETTINGS,
      warning: `${file} is invalid (${parsed.problem}) and could not be moved aside (${String(error)}); using defaults`,
    };
  }
  return {
    settings: DEFAULT_SETTINGS,
    warning: `${file} is invalid (${parsed.problem}); kept it as ${aside} and started with defaults`,
  };
}

/** Writes atomically: a reader (or a crash) sees the old file or the new one, never half of one. */
export async function saveSettings(userDataDir: string, settings: AppSettings): Promise<void> {
  await mkdir(userDataDir, { recursive: true });
  const file = join(userDataDir, SETTINGS_FILE);
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(temp, `${JSON.stringify(AppSettingsSchema.parse(settings), null, 2)}\n`, 'utf8');
  await rename(temp, file);
}

export async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
