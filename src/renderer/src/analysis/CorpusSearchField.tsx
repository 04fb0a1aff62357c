import { useEffect, useRef, useState } from 'react';
import { getAnalysisState, setSearchQuery } from './analysis-state';
import { useUiLanguage } from '../i18n/i18n';

interface Props {
  /** The Search view is showing: results follow the field as it is typed. */
  live: boolean;
  /** Enter was pressed: show the results. */
  onSubmit(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The top bar's search field; Ctrl/Cmd+Shift+F focuses it from anywhere. */
export function CorpusSearchField({ live, onSubmit }: Props): React.JSX.Element {
  const { t } = useUiLanguage('search');
  const [value, setValue] = useState(() => getAnalysisState().query);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== 'f') return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // While the results are showing, they follow the field (a short pause first, to let typing run).
  useEffect(() => {
    if (!live) return;
    const timer = setTimeout(() => setSearchQuery(value), 200);
    return () => clearTimeout(timer);
  }, [live, value]);

  return (
    <form
      role="search"
      className="corpus-search"
      onSubmit={(e) => {
        e.preventDefault();
        setSearchQuery(value);
        onSubmit();
      }}
    >
      <input
        ref={inputRef}
        type="search"
        aria-label={t('field.label')}
        aria-keyshortcuts={isMac ? 'Meta+Shift+F' : 'Control+Shift+F'}
        placeholder={t('field.placeholder')}
        title={t('field.title', { shortcut: isMac ? '⌘⇧F' : 'Ctrl+Shift+F' })}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
    </form>
  );
}
