import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';

// i18n-namespace: menu

/**
 * The application menu as a template. Main turns it into a Menu
 * (`Menu.buildFromTemplate`); keeping this a pure function lets tests check
 * the bindings without Electron.
 *
 * CmdOrCtrl+R means "Reload Corpus" here. The stock View menu binds it to
 * reloading the page (role `reload`/`forceReload`), which would throw away
 * the renderer's state; those roles are deliberately absent.
 */
export interface AppMenuActions {
  openCorpusFolder(): void;
  openRecentCorpus(root: string): void;
  clearRecentCorpora(): void;
  reloadCorpus(): void;
}

export interface AppMenuOptions {
  recentCorpora: readonly string[];
  isPackaged: boolean;
  platform: NodeJS.Platform;
  actions: AppMenuActions;
  /** Labels in the interface language (`menuTranslator`); Electron's roles translate themselves. */
  t: TFunction<'menu'>;
}

export function buildAppMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { actions, recentCorpora, isPackaged, platform, t } = options;
  const isMac = platform === 'darwin';

  const recentItems: MenuItemConstructorOptions[] = recentCorpora.length
    ? [
        ...recentCorpora.map((root): MenuItemConstructorOptions => ({
          label: t('recentCorpus', { name: basename(root) || root, root }),
          click: () => actions.openRecentCorpus(root),
        })),
        { type: 'separator' },
        { label: t('clearRecent'), click: () => actions.clearRecentCorpora() },
      ]
    : [{ label: t('noRecentCorpora'), enabled: false }];

  const fileMenu: MenuItemConstructorOptions = {
    label: t('file'),
    submenu: [
      { label: t('openCorpusFolder'), accelerator: 'CmdOrCtrl+O', click: () => actions.openCorpusFolder() },
      { label: t('reopenRecent'), submenu: recentItems },
      { label: t('reloadCorpus'), accelerator: 'CmdOrCtrl+R', click: () => actions.reloadCorpus() },
      // On macOS, Quit (Cmd+Q) lives in the app menu; a second binding here would clash.
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit', accelerator: 'CmdOrCtrl+Q' }] as const)),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: t('edit'),
    submenu: [{ role: 'copy' }, { role: 'selectAll' }],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: t('view'),
    submenu: [
      ...(isPackaged ? [] : ([{ role: 'toggleDevTools' }, { type: 'separator' }] as const)),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  return [...(isMac ? [{ role: 'appMenu' } as const] : []), fileMenu, editMenu, viewMenu];
}
