import { useEffect, useMemo, useRef, useState } from 'react';
import { findInText } from '../../../shared/corpus/corpus-search';
import type { Span } from '../../../shared/text/text-quote';
import { useUiLanguage } from '../i18n/i18n';

interface Props {
  text: string;
  tags: { id: string; label: string }[];
  /** Draws the matches and selects the current one in the article. */
  onShow(matches: Span[], current: number): void;
  /** Creates one annotation per match (after the analyst confirmed the count). */
  onTagAll(tagId: string, matches: Span[]): Promise<void>;
  /** Closes the bar; the article gets focus with the current match selected, ready for a tag key. */
  onClose(): void;
}

/**
 * Find in the open article (Ctrl/Cmd+F): accent- and case-insensitive like
 * corpus search, matches drawn by their own plugin, never over annotations'.
 */
export function FindBar({ text, tags, onShow, onTagAll, onClose }: Props): React.JSX.Element {
  const { t } = useUiLanguage('editor');
  const [query, setQuery] = useState('');
  const [wholeWords, setWholeWords] = useState(false);
  const [current, setCurrent] = useState(0);
  const [confirmTag, setConfirmTag] = useState<string | null>(null);
  const [tagChoice, setTagChoice] = useState(tags[0]?.id ?? '');
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => findInText(text, query, { wholeWords }), [text, query, wholeWords]);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => setCurrent(0), [query, wholeWords]);
  useEffect(() => {
    onShow(matches, matches.length ? Math.min(current, matches.length - 1) : -1);
  }, [matches, current]); // eslint-disable-line react-hooks/exhaustive-deps -- onShow is a new function each parent render; what is shown changes only with these
  useEffect(() => () => onShow([], -1), []); // eslint-disable-line react-hooks/exhaustive-deps -- clears the matches once, when the bar closes

  const step = (by: number): void => {
    if (matches.length) setCurrent((c) => (c + by + matches.length) % matches.length);
  };
  const tagLabel = tags.find((t) => t.id === confirmTag)?.label ?? '';

  return (
    <div role="search" aria-label={t('find.label')} className="find-bar">
      <input
        ref={input}
        type="search"
        aria-label={t('find.label')}
        placeholder={t('find.label')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="find-count" aria-live="polite">
        {query
          ? matches.length
            ? t('find.position', {
                current: Math.min(current, matches.length - 1) + 1,
                total: matches.length,
              })
            : t('find.noMatches')
          : ''}
      </span>
      <button type="button" onClick={() => step(-1)} disabled={!matches.length}>
        {t('find.previous')}
      </button>
      <button type="button" onClick={() => step(1)} disabled={!matches.length}>
        {t('find.next')}
      </button>
      <label className="check">
        <input type="checkbox" checked={wholeWords} onChange={(e) => setWholeWords(e.target.checked)} />
        {t('find.wholeWords')}
      </label>
      <select aria-label={t('find.tagFor')} value={tagChoice} onChange={(e) => setTagChoice(e.target.value)}>
        {tags.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={!matches.length || !tagChoice} onClick={() => setConfirmTag(tagChoice)}>
        {t('find.tagAll')}
      </button>
      <button type="button" onClick={onClose}>
        {t('find.close')}
      </button>
      {confirmTag && (
        <div role="alertdialog" aria-label={t('find.confirmTitle')} className="confirm-box">
          <p>{t('find.confirm', { count: matches.length, tag: tagLabel, query })}</p>
          <div className="form-actions">
            <button type="button" onClick={() => setConfirmTag(null)}>
              {t('common:cancel')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                const tag = confirmTag;
                setConfirmTag(null);
                void onTagAll(tag, matches).then(() =>
                  setStatus(t('find.tagged', { count: matches.length, tag: tagLabel })),
                );
              }}
            >
              {t('find.confirmButton', { count: matches.length })}
            </button>
          </div>
        </div>
      )}
      {status && (
        <span role="status" className="find-count">
          {status}
        </span>
      )}
    </div>
  );
}
