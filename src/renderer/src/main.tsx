import 'prosemirror-view/style/prosemirror.css';
import './styles.css';
// The views load on first use, their styles at start: the workspace itself uses rules from them
// (the document list's metadata, the date field), and a late stylesheet would restyle what is shown.
import './analysis/analysis.css';
import './review/review.css';
import './codebook/codebook-editor.css';
import { startLibraryWorkers } from './analysis/library-workers';

/*
 * Everything the page runs is loaded from here, a part at a time, each part evaluated in a task of
 * its own: evaluated as one module graph, the bundle held the page for 120–150 ms at every launch,
 * a frozen window before anything showed (see README, Performance). Each part evaluates only what
 * the parts before it left; their order is the order the start needs them in.
 */
async function nextPart<T>(load: () => Promise<T>): Promise<T> {
  const part = await load();
  await new Promise((resolve) => setTimeout(resolve, 0));
  return part;
}

/*
 * The workspace's parts: React's renderer, the editor, the corpus library. Loaded from the start,
 * beside the database, the language and the host's API, so waiting for one does not wait for both.
 */
const WORKSPACE_PARTS: readonly (() => Promise<unknown>)[] = [
  () => import('react-dom/client'),
  () => import('./editor/ArticleEditor'),
  () => import('./analysis/corpus-data'),
];

async function loadWorkspace(): Promise<void> {
  for (const part of WORKSPACE_PARTS) await nextPart(part);
}

/*
 * The stored language choice is read before the first render, so an analyst
 * who chose Indonesian never sees a flash of English (the read is one
 * IndexedDB get, a few milliseconds). A database that cannot be read falls
 * back to the system's language; the app reports the database itself.
 */
async function start(): Promise<void> {
  // First of all: each reads the kept search index while the page starts (library-workers.ts).
  startLibraryWorkers();
  const workspace = loadWorkspace();
  workspace.catch(() => undefined); // reported below, where it is awaited
  await nextPart(() => import('./db/tanda-db')); // Dexie and the schema
  const { db } = await nextPart(() => import('./db/db'));
  const { replayUnsaved } = await nextPart(() => import('./db/unsaved-writes'));
  // A tag or undo drawn just before a reload, not written yet: written before anything is shown.
  await replayUnsaved(db).catch(() => 0);
  const { getUiLanguageChoice } = await import('./db/settings-repo');
  const choice = await getUiLanguageChoice(db).catch(() => 'system' as const);
  const { applyLanguageChoice, i18n } = await nextPart(() => import('./i18n/i18n'));
  const language = await applyLanguageChoice(choice);
  const { api } = await nextPart(() => import('./api/tanda-api'));
  void api.setInterfaceLanguage({ language }).catch(() => undefined);
  await workspace;
  const { renderApp } = await nextPart(() => import('./app/app-root'));
  renderApp(document.getElementById('root')!, i18n);
}

/** Nothing else can report it: the page says why it is empty. */
function showStartFailure(error: unknown): void {
  const root = document.getElementById('root')!;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `Tanda could not start: ${error instanceof Error ? error.message : String(error)}`;
  root.replaceChildren(message);
}

start().catch(showStartFailure);
