import { readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { buildAppMenuTemplate } from './app-menu';
import { menuTranslator } from './menu-i18n';
import { pickUiLanguage, type UiLanguage } from '../shared/i18n/languages';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  contentTypeFor,
  isInside,
  isTrustedRendererUrl,
  resolveRendererFile,
} from './app-protocol';
import {
  loadSettings,
  pickStartupCorpus,
  saveSettings,
  withOpenedCorpus,
  withRecentCleared,
  type AppSettings,
} from './app-settings';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { corpusEventForwarder, CorpusHost, registerIpcHandlers } from './ipc-handlers';
import { openCorpus } from './services/corpus-service';
import type { BackupStoreApi } from './api-dispatch';
import { hostBackups } from './host-backups';
import { createQuitCoordinator } from './quit-backup';
import { planSave } from './save-file';
import type { ApiRequest } from '../shared/api/api-contract';
import { errorMessage } from '../shared/validation/error-message';

/**
 * Electron main: a thin shell over the plain-Node corpus service. It owns
 * the window, the menu and the settings file; the corpus rules live in
 * src/main/services and the renderer talks to them only through the typed
 * calls in src/shared/api/api-contract.ts.
 */

// Tests (and anyone wanting a separate profile) point userData elsewhere.
// Must happen before `ready`, before anything reads the path.
if (process.env.TANDA_USER_DATA) app.setPath('userData', process.env.TANDA_USER_DATA);

// `app://tanda` must be standard + secure for IndexedDB, and must be
// registered before `ready`. Never change the scheme or host: IndexedDB is
// per origin, and the annotations of every past session live under this one.
protocol.registerSchemesAsPrivileged([
  // codeCache: a relaunch compiles the renderer's bundle from V8's cache instead of from source.
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.enableSandbox();

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

let mainWindow: BrowserWindow | null = null;
let backups: BackupStoreApi;
let settings: AppSettings = { recentCorpora: [] };
const userDataDir = (): string => app.getPath('userData');

const forwardEvent = corpusEventForwarder(() => mainWindow);
const host = new CorpusHost(
  (root) => openCorpus(root, { watch: true, cacheDir: join(userDataDir(), 'extraction-cache') }),
  forwardEvent,
);
const quit = createQuitCoordinator(forwardEvent);

/** Desktop exports: main asks where, then writes the file itself. */
async function saveFile(request: ApiRequest<'saveFile'>): Promise<{ path: string | null }> {
  const plan = planSave(request);
  const options = { defaultPath: join(app.getPath('documents'), plan.fileName), filters: plan.filters };
  const choice = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { path: null };
  await writeFile(choice.filePath, plan.data);
  return { path: choice.filePath };
}

/** A file of `resources/`, where a packaged app keeps it and where the repository does. */
function resourcePath(name: string): string {
  return app.isPackaged ? join(process.resourcesPath, name) : join(app.getAppPath(), 'resources', name);
}

function sampleCorpusPath(): string {
  return resourcePath('sample-corpus');
}

/** Serves the built renderer from out/renderer, and nothing outside it. */
async function serveRenderer(): Promise<void> {
  const rendererRoot = await realpath(join(__dirname, '../renderer'));
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const lookup = resolveRendererFile(rendererRoot, request.url);
    if (!lookup.ok) return textResponse(lookup.status, lookup.reason);
    try {
      const real = await realpath(lookup.file);
      if (!isInside(rendererRoot, real) || !(await stat(real)).isFile())
        return textResponse(404, 'not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(real));
      return new Response(body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(real) },
      });
    } catch {
      return textResponse(404, 'not found');
    }
  });
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Every web contents (ours or any that appears) stays on our pages and opens no windows. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isTrustedRendererUrl(event.url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isTrustedRendererUrl(event.url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedRendererUrl(event.url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows, and no hand-off to the system browser either: articles
  // are plain text, so the renderer has no links to follow. If that changes,
  // open only validated http(s) URLs with shell.openExternal, here.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Tanda',
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    // The taskbar's and the window's (Linux, Windows; macOS takes the bundle's): see scripts/render-icon.ts.
    icon: resourcePath('icon.png'),
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Before the window (and the database in it) goes, the renderer writes its
  // quit backup; the wait is bounded, so a hung renderer never blocks closing.
  let backedUp = false;
  window.on('close', (event) => {
    if (backedUp || window.webContents.isDestroyed()) return;
    event.preventDefault();
    void quit.beforeQuit().finally(() => {
      backedUp = true;
      window.close();
    });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return window;
}

async function persistSettings(next: AppSettings): Promise<void> {
  settings = next;
  try {
    await saveSettings(userDataDir(), settings);
  } catch (error) {
    console.warn(`tanda: could not save settings: ${String(error)}`);
  }
  installMenu();
}

async function openCorpusFolder(root: string): Promise<void> {
  try {
    await host.switchTo(root);
    await persistSettings(withOpenedCorpus(settings, root));
  } catch (error) {
    dialog.showErrorBox('Could not open the corpus folder', `${root}\n\n${errorMessage(error)}`);
  }
}

async function chooseCorpusFolder(): Promise<void> {
  const options = { title: 'Open Corpus Folder', properties: ['openDirectory' as const] };
  const result = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  const folder = result.filePaths[0];
  if (!result.canceled && folder) await openCorpusFolder(folder);
}

async function reloadCorpus(): Promise<void> {
  try {
    await host.reload();
  } catch (error) {
    dialog.showErrorBox('Could not reload the corpus', errorMessage(error));
  }
}

function installMenu(): void {
  const template = buildAppMenuTemplate({
    t: menuTranslator(settings.menuLanguage ?? pickUiLanguage(app.getPreferredSystemLanguages())),
    recentCorpora: settings.recentCorpora,
    isPackaged: app.isPackaged,
    platform: process.platform,
    actions: {
      openCorpusFolder: () => void chooseCorpusFolder(),
      openRecentCorpus: (root) => void openCorpusFolder(root),
      clearRecentCorpora: () => void persistSettings(withRecentCleared(settings)),
      reloadCorpus: () => void reloadCorpus(),
      showTeam: () => forwardEvent({ type: 'show-team' }),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** The renderer's language changed: rebuild the menu in it and remember it for the next launch. */
function setMenuLanguage(language: UiLanguage): void {
  if (settings.menuLanguage === language) return;
  void persistSettings({ ...settings, menuLanguage: language });
}

async function openStartupCorpus(): Promise<void> {
  const sample = sampleCorpusPath();
  const startup = await pickStartupCorpus(settings, sample);
  if (startup.notice) {
    // Forget the missing folder as the one to reopen (it stays under Reopen Recent).
    const { lastCorpus: _missing, ...rest } = settings;
    await persistSettings(rest);
    const options = {
      type: 'info' as const,
      title: 'Tanda',
      message: 'Opened the sample corpus',
      detail: startup.notice,
    };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  }
  try {
    await host.switchTo(startup.root);
    // The sample corpus is where everyone starts; only folders the analyst chose are remembered.
    if (startup.root !== sample) await persistSettings(withOpenedCorpus(settings, startup.root));
  } catch (error) {
    dialog.showErrorBox(
      'Could not open the corpus folder',
      `${startup.root}\n\n${errorMessage(error)}\n\nUse File → Open Corpus Folder… to choose another.`,
    );
  }
}

async function start(): Promise<void> {
  const loaded = await loadSettings(userDataDir());
  if (loaded.warning) console.warn(`tanda: ${loaded.warning}`);
  settings = loaded.settings;
  backups = hostBackups(join(userDataDir(), 'backups'), quit);

  denyAllPermissions();
  await serveRenderer();
  installMenu();
  registerIpcHandlers(ipcMain, {
    host,
    services: { backups: () => backups, saveFile, setMenuLanguage },
    getWindow: () => mainWindow,
    devServerUrl,
  });
  mainWindow = createWindow();
  await openStartupCorpus();
}

if (!app.requestSingleInstanceLock()) {
  // Another Tanda already uses this profile (userData); it gets focused instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    // Stop the folder watcher cleanly, but never let a stuck close keep the app alive.
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3000));
    void Promise.race([host.close().catch(() => undefined), timeout]).finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(
        `tanda: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      app.exit(1);
    });
}
