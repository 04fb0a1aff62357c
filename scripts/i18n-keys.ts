import ts from 'typescript';
import { DEFAULT_NAMESPACE } from '../src/shared/i18n/create-i18n';
import type { KeyUse } from '../src/shared/i18n/catalog-check';

/*
 * Which catalog keys a source file uses, read from its syntax tree:
 *  - `t('key')` / `x.t('key')` / `<Trans i18nKey="key">`, with `ns:key` naming
 *    the namespace and a bare key taking the file's namespace — the one its
 *    `useUiLanguage('ns')` / `useTranslation('ns')` / `getFixedT(_, 'ns')` /
 *    `menuTranslator` names (several: the key must be in one of them);
 *  - `t(\`prefix.${x}\`)` uses every key under `prefix.` (a closed set the
 *    code picks from, e.g. a status);
 *  - `// i18n-keys: ns:a ns:b.*` names keys used through a variable;
 *  - `// i18n-namespace: ns` names the namespace of a file whose `t` is handed in.
 */

const NAMESPACE_CALLS = new Set(['useUiLanguage', 'useTranslation']);

function calleeName(expression: ts.Expression): string | null {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return null;
}

function literalText(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

export interface FileKeys {
  uses: CandidateUse[];
  /** Namespaces the file's bare keys may belong to. */
  namespaces: string[];
}

export function keysUsedIn(fileName: string, source: string): FileKeys {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const namespaces = new Set<string>();
  const raw: { key: string; prefix: boolean; line: number }[] = [];
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name && NAMESPACE_CALLS.has(name)) {
        const ns = literalText(node.arguments[0]);
        if (ns) namespaces.add(ns);
      } else if (name === 'getFixedT') {
        const ns = literalText(node.arguments[1]);
        if (ns) namespaces.add(ns);
      } else if (name === 'menuTranslator') {
        namespaces.add('menu');
      } else if (name === 't') {
        const first = node.arguments[0];
        const text = literalText(first);
        if (text !== null) raw.push({ key: text, prefix: false, line: lineOf(node) });
        else if (first && ts.isTemplateExpression(first) && first.head.text.length > 0)
          raw.push({ key: first.head.text, prefix: true, line: lineOf(node) });
      }
    } else if (ts.isJsxAttribute(node) && node.name.getText(file) === 'i18nKey') {
      const text = node.initializer && ts.isStringLiteral(node.initializer) ? node.initializer.text : null;
      if (text) raw.push({ key: text, prefix: false, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  for (const match of source.matchAll(/\/\/\s*i18n-keys:([^\n]*)/g)) {
    const line = source.slice(0, match.index).split('\n').length;
    for (const word of match[1]!.trim().split(/\s+/).filter(Boolean)) {
      raw.push(
        word.endsWith('*')
          ? { key: word.slice(0, -1), prefix: true, line }
          : { key: word, prefix: false, line },
      );
    }
  }

  for (const match of source.matchAll(/\/\/\s*i18n-namespace:\s*([a-z][a-z0-9-]*)/g))
    namespaces.add(match[1]!);
  const fileNamespaces = namespaces.size ? [...namespaces].sort() : [DEFAULT_NAMESPACE];
  const uses = raw.map(({ key, prefix, line }): CandidateUse => {
    const where = `${fileName}:${line}`;
    const candidates = key.includes(':') ? [key] : fileNamespaces.map((ns) => `${ns}:${key}`);
    return { candidates, prefix, where };
  });
  return { uses, namespaces: fileNamespaces };
}

/** A use whose namespace is one of `candidates` (the file's namespaces, in order). */
export interface CandidateUse {
  candidates: string[];
  prefix: boolean;
  where: string;
}

/** The candidate a catalog has (else the first, reported as missing). */
export function resolveUse(use: CandidateUse, known: (key: string) => boolean): KeyUse {
  const key = use.prefix
    ? (use.candidates.find((c) => known(c)) ?? use.candidates[0]!)
    : (use.candidates.find((c) => known(c)) ?? use.candidates[0]!);
  return { key, prefix: use.prefix, where: use.where };
}
