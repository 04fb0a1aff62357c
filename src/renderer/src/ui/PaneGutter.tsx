import { useRef } from 'react';
import { useUiLanguage } from '../i18n/i18n';
import { usePaneLayout, type PaneSide } from './pane-layout';

const STEP = 16;
// The arrow points where the pane goes: a glyph, not a word.
const ARROWS = { left: '‹', right: '›' } as const;

/**
 * The edge between a side pane and the article: a button that hides or shows
 * the pane, and a separator that resizes it by dragging or with the arrow
 * keys. `docs` sits right of its pane, `notes` left of it.
 */
export function PaneGutter({ side }: { side: PaneSide }): React.JSX.Element | null {
  const { t } = useUiLanguage('common');
  const state = usePaneLayout();
  const drag = useRef<{ x: number; width: number } | null>(null);
  if (!state) return null;
  const { width, collapsed } = state.layout[side];
  // Dragging towards the article widens a left pane and narrows a right one.
  const sign = side === 'docs' ? 1 : -1;
  const action = collapsed ? t(`pane.${side}.show`) : t(`pane.${side}.hide`);
  // Folded away, the pane keeps a labelled tab, so a first look at a narrow window still shows where it went.
  const toggle = (
    <button
      type="button"
      className={collapsed ? 'pane-toggle pane-tab' : 'pane-toggle'}
      aria-expanded={!collapsed}
      aria-label={action}
      title={action}
      onClick={() => state.toggle(side)}
    >
      <span aria-hidden="true">{(side === 'docs') === collapsed ? ARROWS.right : ARROWS.left}</span>
      {collapsed && <span className="pane-tab-label">{t(`pane.${side}.tab`)}</span>}
    </button>
  );
  return (
    <div className={`pane-gutter gutter-${side}`}>
      {toggle}
      {!collapsed && (
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label={t(`pane.${side}.width`)}
          aria-valuenow={width}
          aria-valuemin={200}
          aria-valuemax={560}
          tabIndex={0}
          className="pane-resizer"
          onKeyDown={(event) => {
            if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
            event.preventDefault();
            state.setWidth(side, width + (event.key === 'ArrowRight' ? STEP : -STEP) * sign);
          }}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            drag.current = { x: event.clientX, width };
          }}
          onPointerMove={(event) => {
            if (drag.current)
              state.setWidth(side, drag.current.width + (event.clientX - drag.current.x) * sign);
          }}
          onPointerUp={() => {
            drag.current = null;
          }}
        />
      )}
    </div>
  );
}
