import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Decision } from '../../../shared/agreement/adjudication';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { ComparisonUnit, UnitKind } from '../../../shared/agreement/disagreements';
import { tagLabel } from '../annotate/annotation-labels';
import { mergeIntervals } from '../../../shared/agreement/agreement-units';
import { i18n, useUiLanguage } from '../i18n/i18n';
import { segmentLines, type Segment, type TextMark } from './text-segments';

export type ComparisonLayout = 'merged' | 'side-by-side';

/** Each kind has a colour, an underline style and a marker, so none depends on colour alone. */
export const KIND_MARKERS: Record<UnitKind, string> = {
  agree: '=',
  'tag-conflict': '≠',
  'boundary-conflict': '↔',
  'only-a': 'A',
  'only-b': 'B',
};

/** A unit's kind in the interface language ("Only Budi"), read when the view renders. */
export function kindLabel(kind: UnitKind, aName: string, bName: string): string {
  return i18n.t(`review:kind.${kind}`, { a: aName, b: bName });
}

const SIDES = ['a', 'b'] as const;

interface Props {
  text: string;
  units: ComparisonUnit<Annotation>[];
  decisions: ReadonlyMap<string, Decision | null>;
  selectedKey: string | null;
  /** Bumped to scroll the selected unit into view (stepping with n / p), not on a click. */
  reveal: number;
  aName: string;
  bName: string;
  codebook: Codebook;
  layout: ComparisonLayout;
  onSelect(key: string): void;
}

interface UnitMark {
  key: string;
  kind: UnitKind;
  start: number;
  end: number;
  title: string;
  /** Inside a boundary conflict, where both annotators' spans lie (merged view). */
  core?: boolean;
}

/**
 * The article with both annotators' spans classed by unit: merged (one mark
 * per unit over all its spans) or side by side (each annotator's own spans,
 * scrolling together). Read-only HTML; a click selects a unit.
 */
export function DocumentComparison(props: Props): React.JSX.Element {
  const { units, aName, bName, codebook, layout, decisions } = props;
  const { t } = useUiLanguage('review');
  const hostRef = useRef<HTMLDivElement>(null);

  const describe = useCallback(
    (u: ComparisonUnit<Annotation>): string => {
      const tags = (side: Annotation[]) =>
        [...new Set(side.map((s) => tagLabel(codebook, s.tag)))].join(', ') || t('comparison.nothing');
      const values = {
        kind: kindLabel(u.kind, aName, bName),
        a: aName,
        aTags: tags(u.a),
        b: bName,
        bTags: tags(u.b),
      };
      return decisions.get(u.key) ? t('comparison.unitDecided', values) : t('comparison.unit', values);
    },
    [decisions, codebook, aName, bName, t],
  );
  const merged = useMemo(
    () =>
      units.flatMap((u): UnitMark[] => [
        { key: u.key, kind: u.kind, start: u.start, end: u.end, title: describe(u) },
        ...(u.kind === 'boundary-conflict'
          ? sharedRanges(u.a, u.b).map((r) => ({
              ...r,
              key: u.key,
              kind: u.kind,
              core: true,
              title: t('comparison.core', { unit: describe(u) }),
            }))
          : []),
      ]),
    [units, describe, t],
  );
  const sides = useMemo(
    () =>
      SIDES.map((side) =>
        units.flatMap((u) =>
          u[side].map((s): UnitMark => ({
            key: u.key,
            kind: u.kind,
            start: s.start,
            end: s.end,
            title: describe(u),
          })),
        ),
      ),
    [units, describe],
  );

  useEffect(() => {
    if (!props.selectedKey || props.reveal === 0) return;
    for (const el of hostRef.current?.querySelectorAll<HTMLElement>('[data-unit]') ?? []) {
      if (el.dataset.unit === props.selectedKey) {
        el.scrollIntoView({ block: 'center' });
        break;
      }
    }
  }, [props.reveal]); // eslint-disable-line react-hooks/exhaustive-deps -- scrolls only when asked again (reveal counts the asks), never because a click moved the selection

  // Side by side: scrolling one column scrolls the other to the same share of
  // its height. The other's own scroll event then finds the first already in
  // place and stops there (no flag: scroll events coalesce, a flag can miss).
  const columns = useRef<(HTMLDivElement | null)[]>([]);
  const onScroll = (event: React.UIEvent<HTMLDivElement>): void => {
    const from = event.currentTarget;
    const to = columns.current.find((c) => c && c !== from);
    if (!to) return;
    const share = from.scrollTop / Math.max(1, from.scrollHeight - from.clientHeight);
    const top = Math.round(share * (to.scrollHeight - to.clientHeight));
    if (Math.abs(to.scrollTop - top) > 2) to.scrollTop = top;
  };

  const onClick = (event: React.MouseEvent): void => {
    const el = (event.target as HTMLElement).closest<HTMLElement>('[data-unit]');
    if (el?.dataset.unit) props.onSelect(el.dataset.unit);
  };

  const text = (marks: UnitMark[]) => (
    <MarkedText text={props.text} marks={marks} selectedKey={props.selectedKey} decisions={props.decisions} />
  );

  return (
    <div ref={hostRef} className={`compare-host ${layout}`} onClick={onClick}>
      {layout === 'merged' ? (
        <div className="compare-scroll">{text(merged)}</div>
      ) : (
        SIDES.map((side, i) => (
          <div
            key={side}
            className="compare-scroll"
            ref={(el) => {
              columns.current[i] = el;
            }}
            onScroll={onScroll}
          >
            <h3 className="compare-column-heading">
              {t('comparison.column', {
                side: side === 'a' ? t('aBadge') : t('bBadge'),
                name: side === 'a' ? aName : bName,
              })}
            </h3>
            {text(sides[i]!)}
          </div>
        ))
      )}
    </div>
  );
}

const MarkedText = function MarkedText({
  text,
  marks,
  selectedKey,
  decisions,
}: {
  text: string;
  marks: UnitMark[];
  selectedKey: string | null;
  decisions: ReadonlyMap<string, Decision | null>;
}): React.JSX.Element {
  const lines = useMemo(() => segmentLines(text, marks), [text, marks]);
  // Consecutive segments inside the same mark share one element for it, so a
  // unit is one span (one outline when selected) unless another crosses it.
  const render = (segments: Segment[], depth: number): React.ReactNode[] => {
    const out: React.ReactNode[] = [];
    for (let from = 0; from < segments.length;) {
      const i = segments[from]!.marks[depth];
      let to = from + 1;
      while (to < segments.length && segments[to]!.marks[depth] === i) to++;
      const group = segments.slice(from, to);
      if (i === undefined) {
        out.push(group.map((seg) => seg.text).join(''));
      } else {
        const mark = marks[i]!;
        const classes = mark.core ? ['cmp-core'] : ['cmp', `cmp-${mark.kind}`];
        if (mark.key === selectedKey && !mark.core) classes.push('is-selected');
        if (decisions.get(mark.key) && !mark.core) classes.push('is-decided');
        out.push(
          <span key={from} className={classes.join(' ')} data-unit={mark.key} title={mark.title}>
            {group[0]!.starts.includes(i) && !mark.core && (
              <span className="cmp-marker" aria-hidden="true">
                {KIND_MARKERS[mark.kind]}
              </span>
            )}
            {render(group, depth + 1)}
          </span>,
        );
      }
      from = to;
    }
    return out;
  };
  return (
    <div className="article-text compare-text">
      {lines.map((line, i) => (
        <p key={i} className={line.length === 0 ? 'empty' : undefined}>
          {line.length === 0 ? <br /> : render(line, 0)}
        </p>
      ))}
    </div>
  );
};

/** Where both sides' spans lie: the intersection of their unions. */
function sharedRanges(a: readonly TextMark[], b: readonly TextMark[]): TextMark[] {
  const x = mergeIntervals(a);
  const y = mergeIntervals(b);
  const out: TextMark[] = [];
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    const start = Math.max(x[i]!, y[j]!);
    const end = Math.min(x[i + 1]!, y[j + 1]!);
    if (end > start) out.push({ start, end });
    if (x[i + 1]! < y[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** What each class looks like, with the same colour, underline and marker as in the text. */
export function ComparisonLegend({ aName, bName }: { aName: string; bName: string }): React.JSX.Element {
  const { t } = useUiLanguage('review');
  const kinds: UnitKind[] = ['agree', 'tag-conflict', 'boundary-conflict', 'only-a', 'only-b'];
  return (
    <ul className="compare-legend" aria-label={t('comparison.legend')}>
      {kinds.map((kind) => (
        <li key={kind}>
          <span className={`cmp cmp-${kind}`}>
            <span className="cmp-marker" aria-hidden="true">
              {KIND_MARKERS[kind]}
            </span>
            {kindLabel(kind, aName, bName)}
          </span>
        </li>
      ))}
      <li>
        <span className="cmp is-decided legend-decided">
          <span className="cmp-marker" aria-hidden="true" />
          {t('comparison.decided')}
        </span>
      </li>
    </ul>
  );
}
