/*
 * The rules that keep the two languages from drifting, as pure functions
 * over flattened catalogs and the keys the code uses. scripts/i18n-check.ts
 * feeds them the files; `npm test` fails on any problem they return.
 */

/** `{ "a": { "b": "x" } }` → `{ "a.b": "x" }`; a non-string leaf is a problem, reported by its path. */
export function flattenCatalog(
  value: unknown,
  where: string,
  problems: string[],
  prefix = '',
  out = new Map<string, string>(),
): Map<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where}: ${prefix || 'the catalog'} must be an object of strings`);
    return out;
  }
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(path, child);
    else flattenCatalog(child, where, problems, path, out);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The key the code writes for a catalog key: plural forms share one (`n_one`, `n_other` → `n`). */
export function baseKey(key: string): string {
  return key.replace(PLURAL_SUFFIX, '');
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!).sort();
}

/** Catalogs as `language → namespace → flattened keys`. */
export type FlatCatalogs = Map<string, Map<string, Map<string, string>>>;

/**
 * Every language has every key of every other (plural forms as its own
 * rules ask: Indonesian only `_other`, English `_one` and `_other`), no key
 * is empty, and the same `{{variables}}` appear in each translation.
 */
export function compareCatalogs(catalogs: FlatCatalogs): string[] {
  const problems: string[] = [];
  const languages = [...catalogs.keys()].sort();
  const namespaces = new Set<string>();
  for (const byNs of catalogs.values()) for (const ns of byNs.keys()) namespaces.add(ns);
  for (const ns of [...namespaces].sort()) {
    const bases = new Map<string, Map<string, string[]>>(); // base → language → its variables
    for (const language of languages) {
      const keys = catalogs.get(language)!.get(ns);
      if (!keys) {
        problems.push(`locales/${language}/${ns}.json is missing (other languages have it)`);
        continue;
      }
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const pluralForms = new Map<string, Set<string>>();
      for (const [key, text] of keys) {
        if (text.trim() === '') problems.push(`locales/${language}/${ns}.json: "${key}" is empty`);
        const base = baseKey(key);
        const byLanguage = bases.get(base) ?? new Map<string, string[]>();
        byLanguage.set(language, [...new Set([...(byLanguage.get(language) ?? []), ...variables(text)])]);
        bases.set(base, byLanguage);
        const suffix = PLURAL_SUFFIX.exec(key)?.[1];
        if (suffix) pluralForms.set(base, (pluralForms.get(base) ?? new Set()).add(suffix));
      }
      for (const [base, forms] of pluralForms) {
        for (const category of categories) {
          if (!forms.has(category))
            problems.push(
              `locales/${language}/${ns}.json: "${base}" lacks its plural form "${base}_${category}"`,
            );
        }
      }
    }
    for (const [base, byLanguage] of [...bases].sort(([a], [b]) => a.localeCompare(b))) {
      for (const language of languages) {
        if (catalogs.get(language)!.has(ns) && !byLanguage.has(language))
          problems.push(
            `locales/${language}/${ns}.json lacks "${base}" (in ${[...byLanguage.keys()].join(', ')})`,
          );
      }
      const signatures = new Set([...byLanguage.values()].map((v) => [...v].sort().join(',')));
      if (signatures.size > 1) {
        const detail = [...byLanguage].map(([l, v]) => `${l}: {{${v.join('}}, {{')}}}`).join('; ');
        problems.push(`${ns}:${base} uses different variables per language (${detail})`);
      }
    }
  }
  return problems;
}

/** A key the code uses: `ns:key` exactly, or every key under a prefix for `t(\`ns:prefix.${x}\`)`. */
export interface KeyUse {
  key: string;
  prefix: boolean;
  where: string;
}

/** Keys used but missing from the reference catalogs, and catalog keys nothing uses. */
export function checkUsage(reference: Map<string, Map<string, string>>, uses: readonly KeyUse[]): string[] {
  const problems: string[] = [];
  const known = new Set<string>();
  for (const [ns, keys] of reference) for (const key of keys.keys()) known.add(`${ns}:${baseKey(key)}`);
  const used = new Set<string>();
  const prefixes: string[] = [];
  for (const use of uses) {
    if (use.prefix) {
      prefixes.push(use.key);
      if (![...known].some((k) => k.startsWith(use.key)))
        problems.push(`${use.where}: no key starts with "${use.key}"`);
    } else {
      used.add(use.key);
      if (!known.has(use.key)) problems.push(`${use.where}: "${use.key}" is in no catalog`);
    }
  }
  for (const key of [...known].sort()) {
    if (!used.has(key) && !prefixes.some((p) => key.startsWith(p)))
      problems.push(`${key} is in the catalogs but nothing uses it`);
  }
  return problems;
}
