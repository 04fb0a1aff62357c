import { useEffect, useState } from 'react';
import { FormError } from '../ui/ModalDialog';
import type { SearchHit } from '../../../shared/corpus/corpus-search';
import { formatCount } from '../ui/format';
import type { CorpusTextsProgress } from './corpus-texts';
import { corpusLibrary } from './corpus-data';
import type { OpenTarget } from './AnalysisViews';
import { shortTitle } from './SegmentFilters';
import { errorMessage } from '../../../shared/validation/error-message';

interface Props {
  query: string;
  /** Changes as documents are indexed, so results follow. */
  libraryVersion: number;
  progress: CorpusTextsProgress;
  onOpen(target: OpenTarget): void;
  onClose(): void;
}

const RESULT_LIMIT = 100;

/** Documents that match the top bar's query, best first, each with its best passages. */
export function SearchResults({
  query,
  libraryVersion,
  progress,
  onOpen,
  onClose,
}: Props): React.JSX.Element {
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
  const indexing = progress.loaded < progress.total || corpusLibrary.pending > 0;

  return (
    <section aria-label="Search results" className="analysis-main search-results">
      <header className="analysis-header">
        <h2>
          Search results{' '}
          <span className="count" role="status">
            {query.trim() === ''
              ? 'Type in Search corpus and press Enter.'
              : !answered
                ? `Searching for “${query.trim()}”…`
                : `${hits.length === RESULT_LIMIT ? `${RESULT_LIMIT}+` : formatCount(hits.length)} ${hits.length === 1 ? 'document' : 'documents'} for “${query.trim()}”`}
          </span>
        </h2>
        <span className="spacer" />
        {indexing && (
          <span className="hint">
            <progress aria-label="Indexing corpus" value={progress.loaded} max={progress.total} /> Indexed{' '}
            {formatCount(progress.loaded)} of {formatCount(progress.total)} documents
          </span>
        )}
        <button type="button" onClick={onClose}>
          Back to the article
        </button>
      </header>
      <p className="hint search-syntax">
        Accents and case do not matter. <code>"kerja sama"</code> finds the phrase, <code>kerj*</code> any
        word starting with kerj; every word must occur in the document.
      </p>
      <FormError message={answered && result.error !== null ? `Search failed: ${result.error}` : null} />
      {answered && result.error === null && hits.length === 0 && query.trim() !== '' && !indexing && (
        <p className="empty-note">Nothing in the corpus matches.</p>
      )}
      <ol className="search-hits">
        {hits.map((hit) => (
          <li key={hit.path} className="search-hit">
            <h3 title={hit.path}>{shortTitle(hit.title, 140)}</h3>
            <p className="hint">
              {hit.path} · {formatCount(hit.paragraphs)} {hit.paragraphs === 1 ? 'paragraph' : 'paragraphs'}{' '}
              with a match
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
