import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Codebook } from '../../../shared/codebook/codebook';
import type { Suggestion, SuggestionSource } from '../../../shared/suggest/suggestion-types';
import { errorMessage } from '../../../shared/validation/error-message';
import { tagLabel } from '../annotate/annotation-labels';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import type { CorpusPlan } from './corpus-accept';
import { listWindow } from './suggestion-list';
import { suggestionSourceLabel } from './suggestion-source-label';
import { afterFrame } from '../editor/after-paint';
import {
  currentOf,
  NO_VIEW,
  shownOf,
  type SuggestionViewSource,
  type SuggestionViewState,
} from './suggestion-view';

/**
 * Suggestions listed at a time; `]` and `[` reach the others, and the list follows. Mounting
 * 500 items (2,000 buttons) held the page for about 90 ms when a long article's list arrived.
 */
const LISTED = 100;

/** What the corpus-wide accept last did, while it can still be undone. */
export interface CorpusAccepted {
  count: number;
  documents: number;
}

interface Props {
  codebook: Codebook;
  /** The document's list; `view` says which of them are taken away and which is current. */
  suggestions: readonly Suggestion[];
  view?: SuggestionViewSource | undefined;
  onSelect(key: string): void;
  onAccept(s: Suggestion): void;
  onReject(s: Suggestion): void;
  onAcceptAll(sourceKey: string): void;
  /** Counts this source's suggestions in every document of the corpus; rejects with what went wrong. */
  onPlanCorpus(sourceKey: string): Promise<CorpusPlan>;
  onAcceptCorpus(plan: CorpusPlan): Promise<void>;
  corpusAccepted: CorpusAccepted | null;
  onUndoCorpus(): void;
}

type Confirming = { sourceKey: string; source: SuggestionSource } & (
  | { scope: 'document' }
  | { scope: 'counting' }
  | { scope: 'corpus'; plan: CorpusPlan }
  | { scope: 'failed'; message: string }
);

/**
 * *Suggestions (N)*: each with its tag and source, accept / reject, and
 * accept all from a source (in this document, or in the whole corpus)
 * after a count.
 */
export function SuggestionsPanel(props: Props): React.JSX.Element {
  const { t } = useUiLanguage('suggest');
  const format = useFormat();
  const { codebook } = props;
  // Read here, not in the workspace: an accept or reject renders this panel and nothing around it,
  // and only once the keypress's own frame (the article's outline gone) is painted.
  const seen = usePaintedView(props.view ?? NO_VIEW);
  const chosen = seen.current;
  const suggestions = useMemo(
    () => shownOf(props.suggestions, seen.hidden),
    [props.suggestions, seen.hidden],
  );
  const current = useMemo(() => currentOf(suggestions, chosen), [suggestions, chosen]);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  // The items' callbacks never change, so an accept or reject renders only the items it changes
  // (a long article lists 100 at a time): they call whatever the latest props are.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const [actions] = useState<ItemActions>(() => ({
    select: (key) => latest.current.onSelect(key),
    accept: (s) => latest.current.onAccept(s),
    reject: (s) => latest.current.onReject(s),
    acceptAll: (s) => setConfirming({ sourceKey: s.source.key, source: s.source, scope: 'document' }),
  }));
  // A long article has thousands: the list shows LISTED of them, always with the current one among them.
  const shown = useMemo(() => {
    const at = current === null ? -1 : suggestions.findIndex((s) => s.key === current);
    return listWindow(suggestions.length, at, LISTED);
  }, [suggestions, current]);
  const count = (sourceKey: string): number => suggestions.filter((s) => s.source.key === sourceKey).length;
  // Worded at each render: switching the language while the question is open rewords it.
  const source = confirming && suggestionSourceLabel(t, confirming.source);
  const planCorpus = (sourceKey: string, from: SuggestionSource): void => {
    setConfirming({ sourceKey, source: from, scope: 'counting' });
    props.onPlanCorpus(sourceKey).then(
      (plan) =>
        setConfirming((c) =>
          c?.sourceKey === sourceKey ? { sourceKey, source: from, scope: 'corpus', plan } : c,
        ),
      (error: unknown) =>
        setConfirming((c) =>
          c?.sourceKey === sourceKey
            ? { sourceKey, source: from, scope: 'failed', message: errorMessage(error) }
            : c,
        ),
    );
  };
  const cancel = (
    <button type="button" onClick={() => setConfirming(null)}>
      {t('common:cancel')}
    </button>
  );
  return (
    <section aria-labelledby="suggestions-heading" className="suggestions">
      <h2 id="suggestions-heading">{t('panel.heading', { count: suggestions.length })}</h2>
      {suggestions.length > 0 && <p className="suggestion-source">{t('panel.keys')}</p>}
      {props.corpusAccepted && (
        <p role="status">
          {t('panel.corpusAccepted', {
            count: props.corpusAccepted.count,
            n: format.number(props.corpusAccepted.count),
            documents: t('panel.documents', {
              count: props.corpusAccepted.documents,
              n: format.number(props.corpusAccepted.documents),
            }),
          })}{' '}
          <button type="button" onClick={props.onUndoCorpus}>
            {t('panel.undoCorpus')}
          </button>
        </p>
      )}
      {confirming !== null && source && (
        <div role="group" aria-label={t('panel.confirmLabel')}>
          {confirming.scope === 'document' && (
            <>
              <p>
                {t('panel.confirmDocument', {
                  count: count(confirming.sourceKey),
                  n: format.number(count(confirming.sourceKey)),
                  source,
                })}
              </p>
              <button
                type="button"
                onClick={() => {
                  props.onAcceptAll(confirming.sourceKey);
                  setConfirming(null);
                }}
              >
                {t('panel.acceptN', { n: format.number(count(confirming.sourceKey)) })}
              </button>{' '}
              <button type="button" onClick={() => planCorpus(confirming.sourceKey, confirming.source)}>
                {t('panel.inCorpus')}
              </button>{' '}
              {cancel}
            </>
          )}
          {confirming.scope === 'counting' && <p role="status">{t('panel.counting', { source })}</p>}
          {confirming.scope === 'failed' && (
            <>
              <p role="alert">{confirming.message}</p>
              {cancel}
            </>
          )}
          {confirming.scope === 'corpus' && (
            <>
              <p>
                {t('panel.confirmCorpus', {
                  count: confirming.plan.count,
                  n: format.number(confirming.plan.count),
                  source,
                  documents: t('panel.documents', {
                    count: confirming.plan.documents.length,
                    n: format.number(confirming.plan.documents.length),
                  }),
                })}
              </p>
              <button
                type="button"
                disabled={confirming.plan.count === 0}
                onClick={() => {
                  const { plan } = confirming;
                  setConfirming(null);
                  void props.onAcceptCorpus(plan);
                }}
              >
                {t('panel.acceptNInCorpus', { n: format.number(confirming.plan.count) })}
              </button>{' '}
              {cancel}
            </>
          )}
        </div>
      )}
      {shown.to - shown.from < suggestions.length && (
        <p>
          {t('panel.showing', {
            from: format.number(shown.from + 1),
            to: format.number(shown.to),
            n: format.number(suggestions.length),
          })}
        </p>
      )}
      <ul className="suggestion-list" aria-label={t('panel.listLabel')}>
        {suggestions.slice(shown.from, shown.to).map((s) => (
          <SuggestionItem
            key={s.key}
            suggestion={s}
            current={s.key === current}
            codebook={codebook}
            actions={actions}
          />
        ))}
      </ul>
    </section>
  );
}

/**
 * The view's state as of the frame last painted: a decision's or a step's
 * frame holds the article's change alone, and the panel (its rows, the
 * count in its heading, "Showing 1–100 of N") follows in the task after
 * that frame. Changes in between are taken together, in one render.
 */
function usePaintedView(view: SuggestionViewSource): SuggestionViewState {
  const [seen, setSeen] = useState(view.get);
  useEffect(() => {
    let live = true;
    let pending = false;
    setSeen(view.get());
    const stop = view.subscribe(() => {
      if (pending) return;
      pending = true;
      afterFrame(() => {
        pending = false;
        if (live) setSeen(view.get());
      });
    });
    return () => {
      live = false;
      stop();
    };
  }, [view]);
  return seen;
}

interface ItemActions {
  select(key: string): void;
  accept(s: Suggestion): void;
  reject(s: Suggestion): void;
  acceptAll(s: Suggestion): void;
}

/** One listed suggestion; memoized, as its props only change when it does. */
const SuggestionItem = memo(function SuggestionItem(props: {
  suggestion: Suggestion;
  current: boolean;
  codebook: Codebook;
  actions: ItemActions;
}): React.JSX.Element {
  const { t } = useUiLanguage('suggest');
  const { suggestion: s, actions } = props;
  return (
    <li aria-current={props.current ? 'true' : undefined}>
      <button type="button" className="link-button" onClick={() => actions.select(s.key)}>
        {t('panel.quote', { quote: s.quote.length > 80 ? `${s.quote.slice(0, 80)}…` : s.quote })}
      </button>{' '}
      <span>{tagLabel(props.codebook, s.tag)}</span>
      <div className="suggestion-source">{suggestionSourceLabel(t, s.source)}</div>
      <button
        type="button"
        aria-label={t('panel.acceptLabel', { quote: s.quote.slice(0, 40) })}
        onClick={() => actions.accept(s)}
      >
        {t('panel.accept')}
      </button>{' '}
      <button
        type="button"
        aria-label={t('panel.rejectLabel', { quote: s.quote.slice(0, 40) })}
        onClick={() => actions.reject(s)}
      >
        {t('panel.reject')}
      </button>{' '}
      <button type="button" onClick={() => actions.acceptAll(s)}>
        {t('panel.acceptAll')}
      </button>
    </li>
  );
});
