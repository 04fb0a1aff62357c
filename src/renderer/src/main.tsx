import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'prosemirror-view/style/prosemirror.css';
import './styles.css';
// The views load on first use, their styles at start: the workspace itself uses rules from them
// (the document list's metadata, the date field), and a late stylesheet would restyle what is shown.
import './analysis/analysis.css';
import './review/review.css';
import './codebook/codebook-editor.css';
import { App } from './app/App';
import { db } from './db/db';
import { getUiLanguageChoice } from './db/settings-repo';
import { replayUnsaved } from './db/unsaved-writes';
import { applyLanguageChoice, I18nextProvider, i18n } from './i18n/i18n';
import { api } from './api/tanda-api';

/*
 * The stored language choice is read before the first render, so an analyst
 * who chose Indonesian never sees a flash of English (the read is one
 * IndexedDB get, a few milliseconds). A database that cannot be read falls
 * back to the system's language; the app reports the database itself.
 */
async function start(): Promise<void> {
  // A tag or undo drawn just before a reload, not written yet: written before anything is shown.
  await replayUnsaved(db).catch(() => 0);
  const choice = await getUiLanguageChoice(db).catch(() => 'system' as const);
  const language = await applyLanguageChoice(choice);
  void api.setInterfaceLanguage({ language }).catch(() => undefined);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
