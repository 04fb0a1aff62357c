import { useEffect, useState } from 'react';
import { db } from '../db/db';
import { MetadataValidationError, setDocumentDate } from '../db/metadata-repo';
import { useMetadataOverrides } from '../db/live-queries';
import { corpusLibrary, useCorpusLibrary } from './corpus-data';
import { documentInfo, languageName, sourceLabel } from './document-info';
import { errorMessage } from '../../../shared/validation/error-message';
import { useUiLanguage } from '../i18n/i18n';

/**
 * The article header's metadata: the document's date, which the analyst
 * can correct (an empty field goes back to the detected one), its source
 * and its language.
 */
export function DocumentDateField({ path }: { path: string }): React.JSX.Element {
  const { t, language } = useUiLanguage('analysis');
  useCorpusLibrary();
  const overrides = useMetadataOverrides();
  const info = documentInfo(corpusLibrary.metadata(path), overrides.get(path));
  const [draft, setDraft] = useState(info.date ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  // Follow the stored value (another tab, a reset, the text arriving) unless the field is being edited.
  useEffect(() => {
    setDraft(info.date ?? '');
    setProblem(null);
  }, [info.date]);

  const commit = async (): Promise<void> => {
    const typed = draft.trim();
    if (typed === (info.date ?? '')) return;
    try {
      // Typing the detected date back (or nothing) means "use what was detected".
      await setDocumentDate(db, path, typed === '' || typed === info.detectedDate ? null : typed);
      setProblem(null);
    } catch (e) {
      setProblem(
        e instanceof MetadataValidationError && e.problem
          ? t(`date.problem.${e.problem.kind}`, e.problem.values)
          : errorMessage(e),
      );
    }
  };

  return (
    <span className="document-date">
      <label className="date-field">
        {t('date.label')}
        <input
          value={draft}
          size={10}
          placeholder={t('date.placeholder')}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `date-problem-${path}` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit();
            if (e.key === 'Escape') setDraft(info.date ?? '');
          }}
        />
      </label>
      {info.dateSource && <span className="hint-inline">{t(`date.sourceNote.${info.dateSource}`)}</span>}
      {info.dateSource === 'analyst' && (
        <button type="button" className="link-button" onClick={() => void setDocumentDate(db, path, null)}>
          {info.detectedDate ? t('date.useDetectedOne', { date: info.detectedDate }) : t('date.useDetected')}
        </button>
      )}
      {info.source && (
        <span title={info.source}>{t('date.sourceLabel', { source: sourceLabel(info.source) })}</span>
      )}
      {info.language && (
        <span title={t('date.detectedLanguage')}>{languageName(info.language, language)}</span>
      )}
      {problem && (
        <span id={`date-problem-${path}`} role="alert" className="form-error">
          {problem}
        </span>
      )}
    </span>
  );
}
