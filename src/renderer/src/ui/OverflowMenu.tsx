import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useUiLanguage } from '../i18n/i18n';

/** True while the media query matches, following changes (a window resized). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = (): void => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

/**
 * Top-bar actions that stay in the bar where it has room and fold into a
 * "More" menu where it has not, so the bar keeps to one row. Inside the menu
 * they are the same buttons, with the same names.
 */
export function OverflowMenu({ children, query }: { children: ReactNode; query: string }): React.JSX.Element {
  const { t } = useUiLanguage('common');
  const narrow = useMediaQuery(query);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (!narrow) return <>{children}</>;
  return (
    <div className="overflow-menu">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="top-bar-more"
        onClick={() => setOpen(!open)}
      >
        {t('more')}
      </button>
      {open && (
        <div
          id="top-bar-more"
          role="group"
          aria-label={t('moreActions')}
          className="overflow-items"
          // A chosen action closes the menu; its dialog returns focus to More.
          onClick={(event) => {
            if ((event.target as Element).closest('button')) {
              setOpen(false);
              button.current?.focus();
            }
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            setOpen(false);
            button.current?.focus();
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}
