/**
 * `npm run lint`'s catalog check (#19): both languages have every key with
 * the same variables, every key the code uses exists, and every key exists
 * because something uses it. Prints each problem with where it is; exits 1
 * on any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  baseKey,
  checkUsage,
  compareCatalogs,
  flattenCatalog,
  type FlatCatalogs,
} from '../src/shared/i18n/catalog-check';
import { keysUsedIn, resolveUse } from './i18n-keys';

const root = resolve(__dirname, '..');
const localesDir = join(root, 'src/shared/i18n/locales');
const SOURCE_DIRS = ['src/renderer/src', 'src/main'];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'test' && name !== 'node_modules') walk(path, out);
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export function runI18nCheck(): string[] {
  const problems: string[] = [];
  const catalogs: FlatCatalogs = new Map();
  for (const language of readdirSync(localesDir).sort()) {
    const byNs = new Map<string, Map<string, string>>();
    for (const file of readdirSync(join(localesDir, language)).sort()) {
      if (!file.endsWith('.json')) continue;
      const where = `locales/${language}/${file}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(join(localesDir, language, file), 'utf8'));
      } catch (error) {
        problems.push(`${where}: not valid JSON (${(error as Error).message})`);
        continue;
      }
      byNs.set(file.replace(/\.json$/, ''), flattenCatalog(parsed, where, problems));
    }
    catalogs.set(language, byNs);
  }
  problems.push(...compareCatalogs(catalogs));

  const reference = catalogs.get('en') ?? new Map();
  const known = new Set<string>();
  for (const [ns, keys] of reference) for (const key of keys.keys()) known.add(`${ns}:${baseKey(key)}`);
  const isKnown = (key: string) => known.has(key);
  const uses = SOURCE_DIRS.flatMap((dir) =>
    walk(join(root, dir)).flatMap((path) =>
      keysUsedIn(relative(root, path), readFileSync(path, 'utf8')).uses.map((use) =>
        resolveUse(use, use.prefix ? (c) => [...known].some((k) => k.startsWith(c)) : isKnown),
      ),
    ),
  );
  problems.push(...checkUsage(reference, uses));
  return problems;
}

if (require.main === module) {
  const problems = runI18nCheck();
  for (const problem of problems) console.error(`i18n: ${problem}`);
  if (problems.length) {
    console.error(`i18n: ${problems.length} problem(s) in the catalogs (src/shared/i18n/locales)`);
    process.exit(1);
  }
  console.log('i18n: catalogs complete and used');
}
