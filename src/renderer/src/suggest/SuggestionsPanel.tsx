import { useState } from 'react';
import type { Codebook } from '../../../shared/codebook/codebook';
import type { Suggestion } from '../../../shared/suggest/suggestion-types';
import { tagLabel } from '../annotate/annotation-labels';

interface Props {
  codebook: Codebook;
  suggestions: readonly Suggestion[];
  current: string | null;
  onSelect(key: string): void;
  onAccept(s: Suggestion): void;
  onReject(s: Suggestion): void;
  onAcceptAll(sourceKey: string): void;
}

/** *Suggestions (N)*: each with its tag and source, accept / reject, and accept all from a source after a count. */
export function SuggestionsPanel(props: Props): React.JSX.Element {
  const { codebook, suggestions, current } = props;
  const [confirming, setConfirming] = useState<string | null>(null);
  const count = (sourceKey: string): number => suggestions.filter((s) => s.source.key === sourceKey).length;
  const confirmingLabel = suggestions.find((s) => s.source.key === confirming)?.source.label;
  return (
    <section aria-labelledby="suggestions-heading" className="suggestions">
      <h2 id="suggestions-heading">Suggestions ({suggestions.length})</h2>
      {suggestions.length > 0 && (
        <p className="suggestion-source">
          <kbd>]</kbd> / <kbd>[</kbd> next / previous in the article, <kbd>Enter</kbd> or the tag’s key
          accepts, <kbd>x</kbd> rejects.
        </p>
      )}
      {confirming !== null && confirmingLabel !== undefined && (
        <div role="group" aria-label="Confirm accept all">
          <p>
            Accept {count(confirming)} suggestion{count(confirming) === 1 ? '' : 's'} from “{confirmingLabel}”
            in this document? One undo takes them all back.
          </p>
          <button
            type="button"
            onClick={() => {
              props.onAcceptAll(confirming);
              setConfirming(null);
            }}
          >
            Accept {count(confirming)}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      )}
      <ul className="suggestion-list" aria-label="Suggestions">
        {suggestions.slice(0, 500).map((s) => (
          <li key={s.key} aria-current={s.key === current ? 'true' : undefined}>
            <button type="button" className="link-button" onClick={() => props.onSelect(s.key)}>
              “{s.quote.length > 80 ? `${s.quote.slice(0, 80)}…` : s.quote}”
            </button>{' '}
            <span>{tagLabel(codebook, s.tag)}</span>
            <div className="suggestion-source">{s.source.label}</div>
            <button
              type="button"
              aria-label={`Accept suggestion “${s.quote.slice(0, 40)}”`}
              onClick={() => props.onAccept(s)}
            >
              Accept
            </button>{' '}
            <button
              type="button"
              aria-label={`Reject suggestion “${s.quote.slice(0, 40)}”`}
              onClick={() => props.onReject(s)}
            >
              Reject
            </button>{' '}
            <button type="button" onClick={() => setConfirming(s.source.key)}>
              Accept all from this source…
            </button>
          </li>
        ))}
      </ul>
      {suggestions.length > 500 && (
        <p>The first 500 of {suggestions.length} are listed; `]` reaches them all.</p>
      )}
    </section>
  );
}
