import type { Annotation } from '../../../shared/annotation/annotation-types';

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
  if (!needsCheck(annotation)) return null;
  return (
    <span className="moved-badge" title="Re-anchoring moved this annotation after the text changed">
      moved — check
    </span>
  );
}

/** The selected annotation's check: what it quoted before, and the confirm button. */
export function PlacementCheck(props: {
  annotation: Annotation;
  mine: boolean;
  onConfirm(): void;
}): React.JSX.Element | null {
  const a = props.annotation;
  if (!needsCheck(a)) return null;
  const before = a.original?.quote;
  return (
    <section aria-label="Placement to check" className="placement-check">
      <p>
        The text changed and this annotation was re-anchored here; check that it is on the right passage.
        {before !== undefined && before !== a.quote && (
          <>
            {' '}
            It quoted: <q>{before}</q>
          </>
        )}
      </p>
      {props.mine && (
        <button type="button" onClick={props.onConfirm} aria-keyshortcuts="c">
          Confirm placement (c)
        </button>
      )}
    </section>
  );
}
