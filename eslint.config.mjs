// @ts-check
/**
 * One lint for the whole repository. Besides typescript-eslint's
 * recommended rules it holds the process boundaries the folders promise:
 * `src/shared` is pure (no Node, no DOM, no app folders), the renderer never
 * reaches into main, and only `src/renderer/src/db/` talks to Dexie.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

/** Every string a person reads or hears in the renderer's JSX comes from a catalog (#19). */
const I18N_LITERALS = 'error';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/promises',
  'path',
  'os',
  'crypto',
  'child_process',
  'worker_threads',
  'stream',
  'http',
  'https',
  'net',
  'url',
  'util',
  'events',
  'buffer',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'bench/peer/peer-page.js',
      'bench/naive/naive-page.js',
      'bench/browser/tanda-probe.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.*.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Tests and zod-inferred shapes use `!` where the value was just checked.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `@ts-ignore` only with a reason: csv-format.ts needs one that holds with and without @types/papaparse.
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description' }],
      // `import()` in a type stays allowed for vitest's `importOriginal<typeof import('…')>()`,
      // which names a module a test mocks without importing it.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: {
      // Playwright reads a test's fixture names from its first parameter, so a
      // test that needs only `testInfo` must still destructure an empty `{}`.
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The two classic rules. The React Compiler rules of plugin v6+ are
      // for code the compiler builds, which ours is not.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/src/main', '**/preload/**'],
              message: 'The renderer never imports main or preload: go through the typed API.',
            },
            {
              group: ['dexie', 'dexie-react-hooks'],
              message: 'Only src/renderer/src/db/ talks to Dexie: add a named read or write there.',
            },
          ],
        },
      ],
    },
  },
  {
    // #19: every word the analyst reads comes from a catalog
    // (src/shared/i18n/locales). Text in JSX and the attributes people read
    // or hear (names, titles, placeholders) must not be literals; the key
    // check (scripts/i18n-check.ts) keeps the two catalogs complete and used.
    files: ['src/renderer/src/**/*.tsx'],
    ignores: ['src/renderer/src/**/test/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        I18N_LITERALS,
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'aria-label',
              'aria-description',
              'aria-roledescription',
              'title',
              'placeholder',
              'alt',
              'label',
            ],
          },
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·—–…×↑↓←→]+', '[A-Z_-]+'] },
        },
      ],
    },
  },
  {
    files: ['src/renderer/src/db/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer never imports main or preload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/test/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.filter((n) => !n.includes('*')).map((name) => ({
            name,
            message: 'src/shared is pure: no Node modules.',
          })),
          patterns: [
            { group: ['node:*'], message: 'src/shared is pure: no Node modules.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports no app folder.',
            },
            {
              group: ['dexie', 'dexie-react-hooks', 'react', 'react-dom', 'prosemirror-*'],
              message: 'src/shared is pure: no DOM libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
        'process',
        'Buffer',
        '__dirname',
        'require',
      ],
    },
  },
  {
    // The sandboxed preload is bundled on its own: zod (and the contract's
    // schemas) would make it hundreds of kilobytes. It builds its functions
    // from api-channels.ts, the zod-free name list.
    files: ['src/preload/**/*.ts'],
    ignores: ['src/preload/**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The preload stays zod-free: use api-channels.ts.' }],
          patterns: [
            { group: ['**/api-contract'], message: 'The preload stays zod-free: use api-channels.ts.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'The preload imports no app folder.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
