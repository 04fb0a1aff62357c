import { useState } from 'react';
import { db } from '../db/db';
import { useSuggestionSources } from '../db/live-queries';
import { setSuggestionSources } from '../db/settings-repo';
import { describeStorageError } from '../db/storage-health';

/** Settings → which sources of suggestions are on. Saved as soon as a box changes. */
export function SuggestionSourceSettings(): React.JSX.Element {
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
      <legend>Suggestions</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={sources.patterns}
          onChange={(e) => toggle('patterns', e.target.checked)}
        />
        Suggest from codebook patterns
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={sources.learned}
          onChange={(e) => toggle('learned', e.target.checked)}
        />
        Suggest phrases I tagged elsewhere
      </label>
      {error && <p role="alert">{error}</p>}
    </fieldset>
  );
}
