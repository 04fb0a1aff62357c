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
import { CommitInput, type EditErrors, InlineError, OtherLanguages, type RunEdit } from './EditFields';
import type { UsedValues } from './codebook-file';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';

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
  const { t } = useUiLanguage('codebook');
  const format = useFormat();
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
          {tag.retired && <span className="cbe-badge">{t('retired')}</span>}
        </h3>
        <p className="cbe-muted">{t('tag.idNote', { id: tag.id })}</p>
      </header>

      <CommitInput
        label={t('tag.label')}
        value={tag.label}
        error={errors.at(at('label'))}
        onRevert={() => errors.clear(at('label'))}
        onCommit={(label) => run(at('label'), (c) => renameTag(c, tag.id, label))}
      />
      <OtherLanguages
        what={t('tag.label')}
        item={tag}
        where={at('label')}
        run={run}
        errors={errors}
        edit={(c, text, language) => renameTag(c, tag.id, text, language)}
      />

      <ColourField tag={tag} run={run} error={errors.at(at('colour'))} where={at('colour')} />

      <CommitInput
        label={t('tag.description')}
        value={tag.description}
        multiline
        hint={t('tag.descriptionHint')}
        error={errors.at(at('description'))}
        onRevert={() => errors.clear(at('description'))}
        onCommit={(text) => run(at('description'), (c) => setTagDescription(c, tag.id, text))}
      />
      <OtherLanguages
        what={t('tag.description')}
        item={{ label: tag.description, labels: tag.descriptions }}
        multiline
        where={at('description')}
        run={run}
        errors={errors}
        edit={(c, text, language) => setTagDescription(c, tag.id, text, language)}
      />

      <CommitInput
        label={t('tag.shortcut')}
        value={tag.shortcut ?? ''}
        size={3}
        className="cbe-shortcut"
        hint={tag.retired && tag.shortcut ? t('tag.shortcutInactive') : t('tag.shortcutHint')}
        error={errors.at(at('shortcut'))}
        onRevert={() => errors.clear(at('shortcut'))}
        onCommit={(key) => run(at('shortcut'), (c) => setShortcut(c, tag.id, key === '' ? null : key))}
      />

      <div className="cbe-row" role="group" aria-label={t('tag.order')}>
        <span className="cbe-muted">
          {t('tag.position', { position: format.number(index + 1), count: format.number(count) })}
        </span>
        <button type="button" aria-disabled={index === 0 ? true : undefined} onClick={() => move(index - 1)}>
          {t('tag.moveUp')}
        </button>
        <button
          type="button"
          aria-disabled={index === count - 1 ? true : undefined}
          onClick={() => move(index + 1)}
        >
          {t('tag.moveDown')}
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
          {tag.retired ? t('tag.restore') : t('tag.retire')}
        </button>
        <p id={retireNoteId} className="cbe-muted">
          {retireNote(t, tag.retired, usage, format.number(usage))}
        </p>
      </div>
      <InlineError message={errors.at(at('retire'))} />

      <AttributeList tag={tag} usedValues={usedValues} run={run} errors={errors} />
      <PatternList tag={tag} run={run} errors={errors} />
    </section>
  );
}

function retireNote(
  t: ReturnType<typeof useUiLanguage>['t'],
  retired: boolean,
  usage: number,
  shown: string,
): string {
  const kept = usage === 0 ? t('tag.noneUseIt') : t('tag.keptRetired', { count: usage, n: shown });
  return retired
    ? t('tag.retiredNote', { kept })
    : t('tag.retiringNote', { kept: usage === 0 ? t('tag.noneUseItYet') : kept });
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
  const { t } = useUiLanguage('codebook');
  const format = useFormat();
  const ratio = (r: number): string => contrastText(r, format.number);
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
  const lowOnLight = onLight < MIN_CONTRAST;
  const lowOnDark = onDark < MIN_CONTRAST;
  const low =
    lowOnLight && lowOnDark
      ? t('colour.lowBoth', { light: ratio(onLight), dark: ratio(onDark) })
      : lowOnLight
        ? t('colour.lowLight', { ratio: ratio(onLight) })
        : lowOnDark
          ? t('colour.lowDark', { ratio: ratio(onDark) })
          : null;
  const offerDark = dark === undefined && onDark < MIN_CONTRAST && onLight >= MIN_CONTRAST;

  return (
    <div className="cbe-field">
      <label htmlFor={id}>{t('colour.label')}</label>
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
              {t('colour.dark')}
            </label>
            <ColourInput id={darkId} value={dark} onDraft={setDark} onPick={pickDark} describedBy={hintId} />
            <button
              type="button"
              onClick={() => void run(where, (c) => recolourTag(c, tag.id, tag.color, null))}
            >
              {t('colour.useOne')}
            </button>
          </>
        )}
        {offerDark && (
          <button
            type="button"
            onClick={() => void run(where, (c) => recolourTag(c, tag.id, tag.color, lighten(tag.color)))}
          >
            {t('colour.addDark')}
          </button>
        )}
      </div>
      <p id={hintId} className={low !== null ? 'cbe-hint cbe-warn' : 'cbe-hint'}>
        {low ?? t('colour.contrast', { light: ratio(onLight), dark: ratio(onDark) })}
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

/** Floor to one decimal, so 2.97 shows as 2.9:1, never as a passing 3.0:1; `2,9:1` in Indonesian. */
function contrastText(r: number, number: (n: number, options?: Intl.NumberFormatOptions) => string): string {
  return `${number(Math.floor(r * 10) / 10, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}:1`;
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
