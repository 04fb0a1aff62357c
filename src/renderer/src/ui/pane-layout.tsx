import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { z } from 'zod';

/** The side panes' widths (px) and whether each is collapsed, as the analyst left them. */
export interface PaneLayout {
  docs: { width: number; collapsed: boolean };
  notes: { width: number; collapsed: boolean };
}
export type PaneSide = keyof PaneLayout;

export const PANE_LIMITS = { min: 200, max: 560 } as const;
const STORAGE_KEY = 'tanda.paneLayout';

const side = z.object({
  width: z.number().int().min(PANE_LIMITS.min).max(PANE_LIMITS.max),
  collapsed: z.boolean(),
});
const layoutSchema = z.object({ docs: side, notes: side });

/**
 * Wide windows get both panes at their usual widths. Below 1200 px the
 * document list starts collapsed and the annotations pane narrower, so the
 * article keeps a readable line (about 65 characters) at 1024 px.
 */
export function defaultLayout(windowWidth: number): PaneLayout {
  const narrow = windowWidth < 1200;
  return {
    docs: { width: narrow ? 260 : 320, collapsed: narrow },
    notes: { width: narrow ? 300 : 340, collapsed: false },
  };
}

/** The remembered layout, or the default when none is stored or what is stored is not a layout. */
export function readLayout(stored: string | null, windowWidth: number): PaneLayout {
  if (stored === null) return defaultLayout(windowWidth);
  try {
    const parsed = layoutSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : defaultLayout(windowWidth);
  } catch {
    return defaultLayout(windowWidth);
  }
}

export function clampWidth(width: number): number {
  return Math.round(Math.max(PANE_LIMITS.min, Math.min(PANE_LIMITS.max, width)));
}

interface PaneLayoutState {
  layout: PaneLayout;
  setWidth(side: PaneSide, width: number): void;
  toggle(side: PaneSide): void;
}

const PaneLayoutContext = createContext<PaneLayoutState | null>(null);
export const PaneLayoutProvider = PaneLayoutContext.Provider;

/** Layout state for the app shell, kept in localStorage (a view preference, not data). */
export function usePaneLayoutState(): PaneLayoutState {
  const [layout, setLayout] = useState(() =>
    readLayout(localStorage.getItem(STORAGE_KEY), window.innerWidth),
  );
  useEffect(() => localStorage.setItem(STORAGE_KEY, JSON.stringify(layout)), [layout]);
  const setWidth = useCallback(
    (side: PaneSide, width: number) =>
      setLayout((l) => ({ ...l, [side]: { ...l[side], width: clampWidth(width), collapsed: false } })),
    [],
  );
  const toggle = useCallback(
    (side: PaneSide) => setLayout((l) => ({ ...l, [side]: { ...l[side], collapsed: !l[side].collapsed } })),
    [],
  );
  return { layout, setWidth, toggle };
}

export function usePaneLayout(): PaneLayoutState | null {
  return useContext(PaneLayoutContext);
}
