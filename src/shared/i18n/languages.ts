/**
 * The interface languages. The analyst's choice (Settings) wins; otherwise
 * the OS / browser preference: any `id` tag means Indonesian, anything else
 * English. File formats, ids, CLI output and exports never change with it.
 */
export const UI_LANGUAGES = ['en', 'id'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** The language whose catalog is complete by definition: a missing key falls back to it. */
export const FALLBACK_LANGUAGE: UiLanguage = 'en';

/** What Settings stores: a language, or follow the system. */
export type UiLanguageChoice = UiLanguage | 'system';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** The language for a list of BCP 47 preferences (e.g. `navigator.languages`), first match wins. */
export function pickUiLanguage(preferences: readonly string[]): UiLanguage {
  for (const tag of preferences) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    // `in` is the pre-1989 code for Indonesian; old systems still send it.
    if (primary === 'id' || primary === 'in') return 'id';
    if (primary === 'en') return 'en';
  }
  return FALLBACK_LANGUAGE;
}

/** The language in effect for a choice. */
export function resolveUiLanguage(choice: UiLanguageChoice, preferences: readonly string[]): UiLanguage {
  return choice === 'system' ? pickUiLanguage(preferences) : choice;
}
