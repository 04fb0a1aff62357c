import { createInstance, type i18n, type Resource } from 'i18next';
import { FALLBACK_LANGUAGE, type UiLanguage } from './languages';

/**
 * Catalogs live in `locales/<language>/<namespace>.json`, one namespace per
 * area of the interface, so two people translating two areas never edit the
 * same file. Each shell loads them its own way (the renderer with Vite's
 * glob import, main with the one `menu` namespace it needs) and hands them
 * here as `{ [language]: { [namespace]: catalog } }`.
 */
export type Catalogs = Resource;

/** The namespace a `t('key')` without `ns:` falls back to. */
export const DEFAULT_NAMESPACE = 'common';

/**
 * A ready i18next instance: synchronous (catalogs are bundled, nothing is
 * fetched), English as the fallback for a key a catalog lacks, and no HTML
 * escaping — React escapes what it renders, and the desktop menu is not HTML.
 */
export function createI18n(language: UiLanguage, catalogs: Catalogs): i18n {
  const instance = createInstance();
  void instance.init({
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: Object.keys(catalogs),
    resources: catalogs,
    ns: namespacesOf(catalogs),
    defaultNS: DEFAULT_NAMESPACE,
    fallbackNS: DEFAULT_NAMESPACE,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

function namespacesOf(catalogs: Catalogs): string[] {
  const names = new Set<string>();
  for (const byNamespace of Object.values(catalogs)) for (const ns of Object.keys(byNamespace)) names.add(ns);
  return [...names].sort();
}

/**
 * Turn Vite's `import.meta.glob('…/locales/*\/*.json', { eager: true })` (or
 * any path → module map) into catalogs. A path that does not end in
 * `<language>/<namespace>.json` is a packaging mistake worth failing on.
 */
export function catalogsFromModules(modules: Record<string, unknown>): Catalogs {
  const catalogs: Catalogs = {};
  for (const [path, module] of Object.entries(modules)) {
    const match = /(?:^|\/)([a-z]{2,3})\/([a-z][a-z0-9-]*)\.json$/.exec(path);
    if (!match) throw new Error(`i18n: "${path}" is not locales/<language>/<namespace>.json`);
    const [, language, namespace] = match;
    const content = (module as { default?: unknown }).default ?? module;
    (catalogs[language!] ??= {})[namespace!] = content as Record<string, string>;
  }
  return catalogs;
}
