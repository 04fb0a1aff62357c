import { describe, expect, it } from 'vitest';
import { keysUsedIn, resolveUse } from '../i18n-keys';
import { runI18nCheck } from '../i18n-check';

describe('keysUsedIn', () => {
  it("reads t('key') in the file's namespace, ns:key, template prefixes, Trans and comments", () => {
    const source = `
      // i18n-keys: other:listed other:group.*
      function A() {
        const { t } = useUiLanguage('annotate');
        return <p title={t('title')}>{t('common:cancel')}{t(\`status.\${s}\`)}<Trans i18nKey="rich" /></p>;
      }`;
    const { uses, namespaces } = keysUsedIn('a.tsx', source);
    expect(namespaces).toEqual(['annotate']);
    expect(uses.map((u) => [u.candidates[0], u.prefix])).toEqual([
      ['annotate:title', false],
      ['common:cancel', false],
      ['annotate:status.', true],
      ['annotate:rich', false],
      ['other:listed', false],
      ['other:group.', true],
    ]);
  });

  it('takes a handed-in t from the i18n-namespace comment, and resolves bare keys among several namespaces', () => {
    const { uses } = keysUsedIn('m.ts', `// i18n-namespace: menu\nconst x = t('file');`);
    expect(uses[0]!.candidates).toEqual(['menu:file']);
    const two = keysUsedIn('b.tsx', `useTranslation('a'); useTranslation('b'); t('k');`).uses[0]!;
    expect(resolveUse(two, (k) => k === 'b:k').key).toBe('b:k');
    expect(resolveUse(two, () => false).key).toBe('a:k');
  });
});

describe('the catalogs of this repository', () => {
  it('are complete in both languages and every key is used', () => {
    expect(runI18nCheck()).toEqual([]);
  });
});
