import { useEffect, useState } from 'react';
import { Trans } from 'react-i18next';
import { FormError } from '../ui/ModalDialog';
import type { SearchHit } from '../../../shared/corpus/corpus-search';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { corpusLibrary } from './corpus-data';
import type { OpenTarget } from './AnalysisViews';
import { shortTitle } from './SegmentFilters';
import { errorMessage } from '../../../shared/validation/error-message';

interface Props {
  query: string;
  /** Changes as documents are indexed, so results follow. */
  libraryVersion: number;
  onOpen(target: OpenTarget): void;
  onClose(): void;
}

const RESULT_LIMIT = 100;

/** Documents that match the top bar's query, best first, each with its best passages. */
export function SearchResults({ query, libraryVersion, onOpen, onClose }: Props): React.JSX.Element {
  const { t } = useUiLanguage('search');
  const format = useFormat();
  // The index answers asynchronously (it lives in a worker): results are
  // those of the query they were asked for, kept until the next arrive.
  const [result, setResult] = useState<{ query: string; hits: SearchHit[]; error: string | null }>({
    query: '',
    hits: [],
    error: null,
  });
  useEffect(() => {
    const asked = query.trim();
    if (asked === '') {
      setResult({ query: '', hits: [], error: null });
      return;
    }
    let current = true;
    corpusLibrary.search(query, { limit: RESULT_LIMIT, snippets: 3 }).then(
      (found) => current && setResult({ query: asked, hits: found, error: null }),
      (error: unknown) => current && setResult({ query: asked, hits: [], error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [query, libraryVersion]);
  const answered = result.query === query.trim();
  const hits = answered ? result.hits : [];
  // Searchable is what counts, not read: a corpus opened again is searched through the index kept from before.
  const searchable = corpusLibrary.searchProgress;
  const indexing = searchable.indexed < searchable.total || corpusLibrary.pending > 0;

  return (
    <section aria-label={t('results.label')} className="analysis-main search-results">
      <header className="analysis-header">
        <h2>
          {t('results.heading')}{' '}
          <span className="count" role="status">
            {query.trim() === ''
              ? t('results.typeToSearch')
              : !answered
                ? t('results.searching', { query: query.trim() })
                : hits.length === RESULT_LIMIT
                  ? t('results.foundMore', { formatted: format.number(RESULT_LIMIT), query: query.trim() })
                  : t('results.found', {
                      count: hits.length,
                      formatted: format.number(hits.length),
                      query: query.trim(),
                    })}
          </span>
        </h2>
        <span className="spacer" />
        {indexing && (
          <span className="hint">
            <progress
              aria-label={t('results.indexingLabel')}
              value={searchable.indexed}
              max={searchable.total}
            />{' '}
            {t('results.indexed', {
              indexed: format.number(searchable.indexed),
              total: format.number(searchable.total),
            })}
          </span>
        )}
        <button type="button" onClick={onClose}>
          {t('results.back')}
        </button>
      </header>
      <p className="hint search-syntax">
        <Trans t={t} i18nKey="results.syntax" components={{ phrase: <code />, prefix: <code /> }} />
      </p>
      <FormError
        message={answered && result.error !== null ? t('results.failed', { error: result.error }) : null}
      />
      {answered && result.error === null && hits.length === 0 && query.trim() !== '' && !indexing && (
        <p className="empty-note">{t('results.nothing')}</p>
      )}
      <ol className="search-hits">
        {hits.map((hit) => (
          <li key={hit.path} className="search-hit">
            <h3 title={hit.path}>{shortTitle(hit.title, 140)}</h3>
            <p className="hint">
              {t('results.paragraphs', {
                count: hit.paragraphs,
                formatted: format.number(hit.paragraphs),
                path: hit.path,
              })}
            </p>
            <ul className="search-snippets">
              {hit.snippets.map((s) => (
                <li key={s.line}>
                  <button
                    type="button"
                    className="snippet"
                    onClick={() =>
                      onOpen({
                        path: hit.path,
                        start: s.start,
                        end: s.end,
                        sha256: corpusLibrary.text(hit.path)?.sha256 ?? null,
                        select: true,
                      })
                    }
                  >
                    <span className="kwic">
                      {s.before}
                      <mark className="kwic-match">{s.match}</mark>
                      {s.after}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
