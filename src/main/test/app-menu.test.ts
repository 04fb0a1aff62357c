import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildAppMenuTemplate, type AppMenuOptions } from '../app-menu';
import { menuTranslator } from '../menu-i18n';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function options(overrides: Partial<AppMenuOptions> = {}): AppMenuOptions {
  return {
    recentCorpora: [],
    isPackaged: true,
    platform: 'linux',
    actions: {
      openCorpusFolder: vi.fn(),
      openRecentCorpus: vi.fn(),
      clearRecentCorpora: vi.fn(),
      reloadCorpus: vi.fn(),
    },
    t: menuTranslator('en'),
    ...overrides,
  };
}

describe('buildAppMenuTemplate', () => {
  it('binds CmdOrCtrl+R to Reload Corpus only: no page-reload role anywhere', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const isPackaged of [true, false]) {
        const items = flatten(buildAppMenuTemplate(options({ platform, isPackaged })));
        expect(items.filter((item) => item.accelerator === 'CmdOrCtrl+R').map((item) => item.label)).toEqual([
          'Reload Corpus',
        ]);
        expect(items.some((item) => item.role === 'reload' || item.role === 'forceReload')).toBe(false);
      }
    }
  });

  it('offers the File actions and Quit', () => {
    const opts = options();
    const items = flatten(buildAppMenuTemplate(opts));
    const open = items.find((item) => item.label === 'Open Corpus Folder…');
    expect(open?.accelerator).toBe('CmdOrCtrl+O');
    open?.click?.(undefined as never, undefined, undefined as never);
    expect(opts.actions.openCorpusFolder).toHaveBeenCalled();
    expect(items.find((item) => item.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q');
  });

  it('lists recent corpora with a Clear Recent item', () => {
    const opts = options({ recentCorpora: ['/c/news', '/c/old'] });
    const recent = flatten(buildAppMenuTemplate(opts)).find((item) => item.label === 'Reopen Recent');
    const entries = recent?.submenu as MenuItemConstructorOptions[];
    expect(entries.map((item) => item.label ?? item.type)).toEqual([
      'news — /c/news',
      'old — /c/old',
      'separator',
      'Clear Recent',
    ]);
    entries[1]?.click?.(undefined as never, undefined, undefined as never);
    expect(opts.actions.openRecentCorpus).toHaveBeenCalledWith('/c/old');
  });

  it('shows developer tools only when not packaged', () => {
    const roles = (isPackaged: boolean) =>
      flatten(buildAppMenuTemplate(options({ isPackaged }))).map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('speaks the interface language, keeping accelerators and actions', () => {
    const opts = options({ t: menuTranslator('id'), recentCorpora: ['/c/berita'] });
    const items = flatten(buildAppMenuTemplate(opts));
    const labels = items.map((item) => item.label).filter(Boolean);
    expect(labels).toEqual(
      expect.arrayContaining(['Berkas', 'Buka Folder Korpus…', 'Muat Ulang Korpus', 'berita — /c/berita']),
    );
    expect(labels).not.toContain('File');
    const reload = items.find((item) => item.accelerator === 'CmdOrCtrl+R');
    expect(reload?.label).toBe('Muat Ulang Korpus');
    reload?.click?.(undefined as never, undefined, undefined as never);
    expect(opts.actions.reloadCorpus).toHaveBeenCalled();
  });
});
