import { useEffect, useId, useRef, useState } from 'react';
import { DARK_BACKGROUND, LIGHT_BACKGROUND, contrastRatio } from '../../../shared/codebook/colour-contrast';
import {
  type Tag,
  moveTag,
  recolourTag,
  renameTag,
  restoreTag,
  retireTag,
  setShortcut,
  setTagDescription,
} from '../../../shared/codebook/codebook';
import { AttributeList } from './AttributeEditor';
import { PatternList } from './PatternList';
import { CommitInput, type EditErrors, InlineError, type RunEdit, plural } from './EditFields';
import type { UsedValues } from './codebook-file';

/** Highlights need 3:1 against the page to be seen (WCAG non-text contrast). */
const MIN_CONTRAST = 3;

interface Props {
  tag: Tag;
  index: number;
  count: number;
  /** Annotations that use this tag. */
  usage: number;
  usedValues?: UsedValues;
  run: RunEdit;
  errors: EditErrors;
}

/** Everything about one tag: its label, colour, help text, key, place in the list, retirement, attributes. */
export function TagForm({ tag, index, count, usage, usedValues, run, errors }: Props): React.JSX.Element {
  const headingId = useId();
  const retireNoteId = useId();
  const at = (what: string): string => `${tag.id}:${what}`;

  const move = (to: number): void => {
    if (to < 0 || to >= count) return;
    void run(at('order'), (c) => moveTag(c, tag.id, to));
  };

  return (
    <section className="cbe-tag-form" aria-labelledby={headingId}>
      <header className="cbe-form-header">
        <h3 id={headingId}>
          {tag.label}
          {tag.retired && <span className="cbe-badge">retired</span>}
        </h3>
        <p className="cbe-muted">id: {tag.id} · stored on annotations, never changes</p>
      </header>

      <CommitInput
        label="Tag label"
        value={tag.label}
        error={errors.at(at('label'))}
        onRevert={() => errors.clear(at('label'))}
        onCommit={(label) => run(at('label'), (c) => renameTag(c, tag.id, label))}
      />

      <ColourField tag={tag} run={run} error={errors.at(at('colour'))} where={at('colour')} />

      <CommitInput
        label="Description"
        value={tag.description}
        multiline
        hint="Shown to analysts as help for this tag."
        error={errors.at(at('description'))}
        onRevert={() => errors.clear(at('description'))}
        onCommit={(text) => run(at('description'), (c) => setTagDescription(c, tag.id, text))}
      />

      <CommitInput
        label="Shortcut"
        value={tag.shortcut ?? ''}
        size={3}
        className="cbe-shortcut"
        hint={
          tag.retired && tag.shortcut
            ? 'Inactive while the tag is retired.'
            : 'One key; leave empty for none.'
        }
        error={errors.at(at('shortcut'))}
        onRevert={() => errors.clear(at('shortcut'))}
        onCommit={(key) => run(at('shortcut'), (c) => setShortcut(c, tag.id, key === '' ? null : key))}
      />

      <div className="cbe-row" role="group" aria-label="Order">
        <span className="cbe-muted">
          Position {index + 1} of {count}
        </span>
        <button type="button" aria-disabled={index === 0 ? true : undefined} onClick={() => move(index - 1)}>
          Move up
        </button>
        <button
          type="button"
          aria-disabled={index === count - 1 ? true : undefined}
          onClick={() => move(index + 1)}
        >
          Move down
        </button>
      </div>
      <InlineError message={errors.at(at('order'))} />

      <div className="cbe-retire">
        <button
          type="button"
          aria-describedby={retireNoteId}
          onClick={() =>
            void run(at('retire'), (c) => (tag.retired ? restoreTag(c, tag.id) : retireTag(c, tag.id)))
          }
        >
          {tag.retired ? 'Restore tag' : 'Retire tag'}
        </button>
        <p id={retireNoteId} className="cbe-muted">
          {retireNote(tag.retired, usage)}
        </p>
      </div>
      <InlineError message={errors.at(at('retire'))} />

      <AttributeList tag={tag} usedValues={usedValues} run={run} errors={errors} />
      <PatternList tag={tag} run={run} errors={errors} />
    </section>
  );
}

function retireNote(retired: boolean, usage: number): string {
  const kept =
    usage === 0
      ? 'No annotations use it.'
      : usage === 1
        ? 'Its 1 annotation is kept and shown as retired.'
        : `Its ${plural(usage, 'annotation')} are kept and shown as retired.`;
  return retired
    ? `Retired: not offered for new annotations. ${kept}`
    : `Retiring stops offering it for new annotations; nothing is deleted. ${usage === 0 ? 'No annotations use it yet.' : kept}`;
}

/**
 * The colour pickers commit on the native `change` event (picker closed),
 * not on each `input` while dragging, so one pick is one save; the contrast
 * hint follows the drag.
 */
function ColourField({
  tag,
  run,
  error,
  where,
}: {
  tag: Tag;
  run: RunEdit;
  error: string | null;
  where: string;
}): React.JSX.Element {
  const id = useId();
  const darkId = useId();
  const hintId = useId();
  const [light, setLight] = useSyncedDraft(tag.color);
  const [dark, setDark] = useSyncedDraft(tag.darkColor);
  const pickLight = (color: string): void => {
    if (color.toLowerCase() !== tag.color.toLowerCase())
      void run(where, (c) => recolourTag(c, tag.id, color));
  };
  const pickDark = (color: string): void => {
    if (color.toLowerCase() !== tag.darkColor?.toLowerCase())
      void run(where, (c) => recolourTag(c, tag.id, tag.color, color));
  };

  const onLight = contrastRatio(light, LIGHT_BACKGROUND);
  const onDark = contrastRatio(dark ?? light, DARK_BACKGROUND);
  const low = [
    onLight < MIN_CONTRAST ? `${ratio(onLight)} on the light background` : '',
    onDark < MIN_CONTRAST ? `${ratio(onDark)} on the dark background` : '',
  ].filter(Boolean);
  const offerDark = dark === undefined && onDark < MIN_CONTRAST && onLight >= MIN_CONTRAST;

  return (
    <div className="cbe-field">
      <label htmlFor={id}>Colour</label>
      <div className="cbe-row">
        <ColourInput
          id={id}
          value={light}
          onDraft={setLight}
          onPick={pickLight}
          describedBy={hintId}
          invalid={error !== null}
        />
        <code className="cbe-muted">{light}</code>
        {dark !== undefined && (
          <>
            <label htmlFor={darkId} className="cbe-inline-label">
              Dark theme colour
            </label>
            <ColourInput id={darkId} value={dark} onDraft={setDark} onPick={pickDark} describedBy={hintId} />
            <button
              type="button"
              onClick={() => void run(where, (c) => recolourTag(c, tag.id, tag.color, null))}
            >
              Use one colour
            </button>
          </>
        )}
        {offerDark && (
          <button
            type="button"
            onClick={() => void run(where, (c) => recolourTag(c, tag.id, tag.color, lighten(tag.color)))}
          >
            Add dark theme colour
          </button>
        )}
      </div>
      <p id={hintId} className={low.length > 0 ? 'cbe-hint cbe-warn' : 'cbe-hint'}>
        {low.length > 0
          ? `Low contrast: ${low.join(' and ')} (needs at least 3:1). Highlights in this colour will be hard to see.`
          : `Contrast ${ratio(onLight)} on light, ${ratio(onDark)} on dark.`}
      </p>
      <InlineError message={error} />
    </div>
  );
}

/** Local state that follows `value` whenever it changes from outside. */
function useSyncedDraft<T>(value: T): [T, (next: T) => void] {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  return [draft, setDraft];
}

/**
 * A colour input whose `onPick` is the DOM `change` event (React's onChange
 * is the `input` event, fired all along a drag).
 */
function ColourInput(props: {
  id: string;
  value: string;
  onDraft: (color: string) => void;
  onPick: (color: string) => void;
  describedBy: string;
  invalid?: boolean;
}): React.JSX.Element {
  const ref = useRef<HTMLInputElement>(null);
  const onPick = useRef(props.onPick);
  useEffect(() => {
    onPick.current = props.onPick;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onChange = (): void => onPick.current(el.value);
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, []);
  return (
    <input
      ref={ref}
      id={props.id}
      type="color"
      value={props.value}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid ? true : undefined}
      onChange={(e) => props.onDraft(e.target.value)}
    />
  );
}

/** Floor to one decimal, so 2.97 shows as 2.9:1, never as a passing 3.0:1. */
function ratio(r: number): string {
  return `${(Math.floor(r * 10) / 10).toFixed(1)}:1`;
}

/** Mix towards white until the colour reads on the dark background: a starting point for a dark theme colour. */
function lighten(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  for (let t = 0.1; t <= 1; t += 0.1) {
    const mixed = `#${rgb
      .map((c) =>
        Math.round(c + (255 - c) * t)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    if (contrastRatio(mixed, DARK_BACKGROUND) >= MIN_CONTRAST + 0.5) return mixed;
  }
  return '#ffffff';
}
