import { useState } from 'react';
import { db } from '../db/db';
import {
  normalizeAnnotatorName,
  setAnnotatorName,
  setSnapToWords,
  setUiLanguageChoice,
} from '../db/settings-repo';
import { applyLanguageChoice, useUiLanguage } from '../i18n/i18n';
import { pickUiLanguage, UI_LANGUAGES, type UiLanguageChoice } from '../../../shared/i18n/languages';
import { api } from '../api/tanda-api';
import { renameAnnotator } from '../db/annotator-rename';
import { ShareFolderSection } from '../team/TeamDialog';
import type { TeamSyncState } from '../team/team-sync-loop';
import { SuggestionSourceSettings } from '../suggest/SuggestionSourceSettings';
import { FormError, ModalDialog } from '../ui/ModalDialog';
import { errorMessage } from '../../../shared/validation/error-message';

/** First run: every annotation is stamped with this name, so ask before anything can be tagged. */
export function AnnotatorPrompt(): React.JSX.Element {
  const { t } = useUiLanguage('settings');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <ModalDialog title={t('firstRun.title')} returnFocus={documentListFocus}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setAnnotatorName(db, name).then(
            () => undefined,
            (e: unknown) => setError(errorMessage(e)),
          );
        }}
      >
        <p className="hint">{t('firstRun.hint')}</p>
        <label className="field">
          <span>{t('annotator')}</span>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </label>
        <FormError message={error} />
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('firstRun.start')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

export function SettingsDialog(props: {
  annotator: string;
  snapToWords: boolean;
  onAnnotatorChanged(): void;
  onClose(): void;
  /** Sharing through the corpus folder; null while its state is not known yet. */
  team?: { state: TeamSyncState; onShare: () => Promise<void> } | null;
  /** What is stored: a language, or follow the system. */
  languageChoice: UiLanguageChoice;
}): React.JSX.Element {
  const { t } = useUiLanguage('settings');
  const [name, setName] = useState(props.annotator);
  const [language, setLanguage] = useState<UiLanguageChoice>(props.languageChoice);
  const [renameWork, setRenameWork] = useState(true);
  const [snap, setSnap] = useState(props.snapToWords);
  const [error, setError] = useState<string | null>(null);
  return (
    <ModalDialog title={t('title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void (async () => {
            try {
              const wanted = normalizeAnnotatorName(name);
              // Rename yourself: your earlier work follows the new name, in one transaction.
              if (renameWork && wanted !== props.annotator)
                await renameAnnotator(db, props.annotator, wanted, { setName: true });
              else await setAnnotatorName(db, wanted);
              const saved = wanted;
              await setSnapToWords(db, snap);
              if (language !== props.languageChoice) {
                await setUiLanguageChoice(db, language);
                const inEffect = await applyLanguageChoice(language);
                void api.setInterfaceLanguage({ language: inEffect }).catch(() => undefined);
              }
              if (saved !== props.annotator) props.onAnnotatorChanged();
              props.onClose();
            } catch (e) {
              setError(errorMessage(e));
            }
          })();
        }}
      >
        <label className="field">
          <span>{t('annotator')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </label>
        <label className="check">
          <input type="checkbox" checked={renameWork} onChange={(e) => setRenameWork(e.target.checked)} />
          {t('renameWork')}
        </label>
        <p className="hint">{t('renameWorkHint')}</p>
        <label className="check">
          <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} />
          {t('snapToWords')}
        </label>
        <LanguageField value={language} onChange={setLanguage} />
        {props.team && <ShareFolderSection state={props.team.state} onShare={props.team.onShare} />}
        <SuggestionSourceSettings />
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" onClick={props.onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="primary">
            {t('saveSettings')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/**
 * The interface language. Each language is named in itself (an analyst who
 * cannot read the current one still finds their own), and "system" says
 * which language it resolves to now.
 */
function LanguageField(props: {
  value: UiLanguageChoice;
  onChange(choice: UiLanguageChoice): void;
}): React.JSX.Element {
  const { t } = useUiLanguage('settings');
  const system = pickUiLanguage(navigator.languages ?? [navigator.language]);
  return (
    <label className="field">
      <span>{t('common:language.label')}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as UiLanguageChoice)}>
        <option value="system">
          {t('common:language.system', { language: t(`common:language.${system}`) })}
        </option>
        {UI_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`common:language.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** After the first-run question: the open document in the list, else its first one. */
function documentListFocus(): HTMLElement | null {
  // By class, not by accessible name: the name changes with the interface language.
  const list = document.querySelector('nav.document-list');
  return list?.querySelector<HTMLElement>('[aria-current="page"]') ?? list?.querySelector('button') ?? null;
}
