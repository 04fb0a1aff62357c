import { I18nextProvider, initReactI18next, useTranslation } from 'react-i18next';
import { catalogsFromModules, createI18n } from '../../../shared/i18n/create-i18n';
import { resolveUiLanguage, type UiLanguage, type UiLanguageChoice } from '../../../shared/i18n/languages';

/*
 * The renderer's one i18next instance. Catalogs are bundled (eager glob), so
 * switching language is synchronous and works offline. The language in
 * effect is owned here; the analyst's choice is stored by db/settings-repo
 * and applied through `applyLanguageChoice`.
 */

const catalogs = catalogsFromModules(
  import.meta.glob('../../../shared/i18n/locales/*/*.json', { eager: true, import: 'default' }),
);

function browserPreferences(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

export const i18n = createI18n(resolveUiLanguage('system', browserPreferences()), catalogs);
void i18n.use(initReactI18next);
// react-i18next registers itself on init; the instance was initialised before `use`, so tell it now.
initReactI18next.init(i18n);

/** Switch to what the analyst chose (or the system's language); resolves to the language in effect. */
export async function applyLanguageChoice(choice: UiLanguageChoice): Promise<UiLanguage> {
  const language = resolveUiLanguage(choice, browserPreferences());
  if (i18n.language !== language) await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  return language;
}

/** The language in effect, for Intl formatting outside `t()`. */
export function currentLanguage(): UiLanguage {
  return i18n.language === 'id' ? 'id' : 'en';
}

/** `t` plus the language in effect, re-rendering when it changes. */
export function useUiLanguage(namespace?: string): {
  t: ReturnType<typeof useTranslation>['t'];
  language: UiLanguage;
} {
  const { t, i18n: instance } = useTranslation(namespace);
  return { t, language: instance.language === 'id' ? 'id' : 'en' };
}

export { I18nextProvider, useTranslation };
