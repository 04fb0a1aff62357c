import { useState } from 'react';
import { db } from '../db/db';
import { useSuggestionSources } from '../db/live-queries';
import { setSuggestionSources } from '../db/settings-repo';
import { describeStorageError } from '../ui/storage-error';
import { useUiLanguage } from '../i18n/i18n';

/** Settings → which sources of suggestions are on. Saved as soon as a box changes. */
export function SuggestionSourceSettings(): React.JSX.Element {
  const { t } = useUiLanguage('suggest');
  const sources = useSuggestionSources();
  const [error, setError] = useState<string | null>(null);
  const toggle = (key: 'patterns' | 'learned', on: boolean): void => {
    setSuggestionSources(db, { ...sources, [key]: on }).then(
      () => setError(null),
      (e: unknown) => setError(describeStorageError(e)),
    );
  };
  return (
    <fieldset>
      <legend>{t('settings.legend')}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={sources.patterns}
          onChange={(e) => toggle('patterns', e.target.checked)}
        />
        {t('settings.patterns')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={sources.learned}
          onChange={(e) => toggle('learned', e.target.checked)}
        />
        {t('settings.learned')}
      </label>
      {error && <p role="alert">{error}</p>}
    </fieldset>
  );
}
