import { Trans } from 'react-i18next';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { useUiLanguage } from '../i18n/i18n';

/*
 * "Moved — check": an annotation that re-anchoring placed anywhere other
 * than exactly where the edit put its quote says so, in every list that
 * shows it, until a person confirms the placement (button or `c`).
 */

/** True when the annotation's placement waits for a person's check. */
export function needsCheck(a: Annotation): boolean {
  return a.placement === 'moved' && a.orphaned !== true;
}

/** The inline mark for lists and tables. */
export function MovedBadge({ annotation }: { annotation: Annotation }): React.JSX.Element | null {
  const { t } = useUiLanguage('annotate');
  if (!needsCheck(annotation)) return null;
  return (
    <span className="moved-badge" title={t('placement.badgeTitle')}>
      {t('placement.badge')}
    </span>
  );
}

/** The selected annotation's check: what it quoted before, and the confirm button. */
export function PlacementCheck(props: {
  annotation: Annotation;
  mine: boolean;
  onConfirm(): void;
}): React.JSX.Element | null {
  const { t } = useUiLanguage('annotate');
  const a = props.annotation;
  if (!needsCheck(a)) return null;
  const before = a.original?.quote;
  return (
    <section aria-label={t('placement.label')} className="placement-check">
      <p>
        {before !== undefined && before !== a.quote ? (
          <Trans
            t={t}
            i18nKey="placement.explainQuoted"
            values={{ quote: before }}
            components={{ q: <q /> }}
          />
        ) : (
          t('placement.explain')
        )}
      </p>
      {props.mine && (
        <button type="button" onClick={props.onConfirm} aria-keyshortcuts="c">
          {t('placement.confirm')}
        </button>
      )}
    </section>
  );
}
