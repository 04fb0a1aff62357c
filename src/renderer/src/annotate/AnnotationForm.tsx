import { useEffect, useRef, useState } from 'react';
import type { Annotation, AttributeValues } from '../../../shared/annotation/annotation-types';
import { type Attribute, type Codebook } from '../../../shared/codebook/codebook';
import type { AnnotationPatch } from '../db/annotation-repo';
import { useUiLanguage } from '../i18n/i18n';
import { tagById } from './annotation-labels';
import { localLabel } from '../i18n/codebook-text';

interface Props {
  annotation: Annotation;
  codebook: Codebook;
  readOnly: boolean;
  /** `expectedNote`: the stored note a note edit started from (see NoteConflictError). */
  onUpdate(patch: AnnotationPatch, expectedNote?: string): void;
  onDelete(): void;
}

/** Edits the selected annotation: tag, attributes, note; or shows it read-only. */
export function AnnotationForm({
  annotation,
  codebook,
  readOnly,
  onUpdate,
  onDelete,
}: Props): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const tag = tagById(codebook, annotation.tag);
  const [note, setNote] = useState(annotation.note);
  // While the analyst types, a note saved elsewhere (another tab) must not replace their text; the save
  // then names the stored note it started from, and a different one is a conflict they are told about.
  const editing = useRef(false);
  const base = useRef(annotation.note);
  useEffect(() => {
    if (editing.current) return;
    setNote(annotation.note);
    base.current = annotation.note;
  }, [annotation.id, annotation.note]);

  const setAttribute = (attr: Attribute, value: string | string[] | null): void => {
    const next: AttributeValues = { ...annotation.attributes };
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete next[attr.id];
    else next[attr.id] = value;
    onUpdate({ attributes: next });
  };

  const changeTag = (tagId: string): void => {
    const target = tagById(codebook, tagId);
    // Attributes the new tag does not define would be invisible: drop them (undo brings them back).
    const kept = Object.fromEntries(
      Object.entries(annotation.attributes).filter(([id]) => target?.attributes.some((a) => a.id === id)),
    );
    onUpdate({ tag: tagId, attributes: kept });
  };

  const saveNote = (): void => {
    editing.current = false;
    if (note !== annotation.note) onUpdate({ note }, base.current);
    // After a conflict the analyst has seen the other note: saving again is a choice to replace it.
    base.current = annotation.note;
  };

  return (
    <form
      aria-label={t('form.label')}
      data-form="selected-annotation"
      className="annotation-form"
      onSubmit={(event) => event.preventDefault()}
    >
      <fieldset disabled={readOnly}>
        {readOnly && <p className="read-only-note">{t('form.readOnly', { name: annotation.annotator })}</p>}
        <blockquote className="form-quote">{annotation.quote}</blockquote>
        <p className="offsets">
          {annotation.orphaned
            ? t('form.charactersOrphaned', { start: annotation.start, end: annotation.end })
            : t('form.characters', { start: annotation.start, end: annotation.end })}
        </p>
        <label className="field">
          <span>{t('form.tag')}</span>
          <select value={annotation.tag} onChange={(e) => changeTag(e.target.value)}>
            {!tag && (
              <option value={annotation.tag}>{t('form.notInCodebook', { tag: annotation.tag })}</option>
            )}
            {codebook.tags
              .filter((x) => !x.retired || x.id === annotation.tag)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.retired ? t('form.retired', { label: localLabel(x) }) : localLabel(x)}
                </option>
              ))}
          </select>
        </label>
        {tag?.attributes.map((attr) => (
          <AttributeField
            key={attr.id}
            attribute={attr}
            value={annotation.attributes[attr.id]}
            onChange={(value) => setAttribute(attr, value)}
          />
        ))}
        <label className="field">
          <span>{t('form.note')}</span>
          <textarea
            value={note}
            rows={3}
            onChange={(e) => setNote(e.target.value)}
            onFocus={() => (editing.current = true)}
            onBlur={saveNote}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) saveNote();
            }}
          />
        </label>
        <div className="form-actions">
          <button type="button" className="danger" onClick={onDelete}>
            {t('form.delete')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function AttributeField({
  attribute,
  value,
  onChange,
}: {
  attribute: Attribute;
  value: string | string[] | undefined;
  onChange(value: string | string[] | null): void;
}): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const usable = attribute.values.filter(
    (v) => !v.retired || (Array.isArray(value) ? value.includes(v.id) : value === v.id),
  );
  if (attribute.kind === 'text') {
    return (
      <TextAttribute
        label={localLabel(attribute)}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
      />
    );
  }
  if (attribute.kind === 'single') {
    return (
      <label className="field">
        <span>{localLabel(attribute)}</span>
        <select
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
        >
          <option value="">—</option>
          {usable.map((v) => (
            <option key={v.id} value={v.id}>
              {v.retired ? t('form.retired', { label: localLabel(v) }) : localLabel(v)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return <MultiChoice attribute={attribute} usable={usable} value={value} onChange={onChange} />;
}

/** Past this many values, the checkboxes sit in two columns in a box of their own that scrolls. */
const COMPACT_OVER = 6;

/**
 * Checkboxes answer at once (a checkbox that waits for the database to tick
 * feels broken); the stored value takes over again when it comes back.
 */
function MultiChoice({
  attribute,
  usable,
  value,
  onChange,
}: {
  attribute: Attribute;
  usable: Attribute['values'];
  value: string | string[] | undefined;
  onChange(value: string[]): void;
}): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const stored = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(stored));
  const storedKey = stored.join('\u0000');
  useEffect(() => setChosen(new Set(storedKey ? storedKey.split('\u0000') : [])), [storedKey]);
  return (
    <fieldset className={`field multi${usable.length > COMPACT_OVER ? ' compact' : ''}`}>
      <legend>
        {localLabel(attribute)}
        {chosen.size > 0 && <span className="multi-count">{t('form.chosen', { count: chosen.size })}</span>}
      </legend>
      {usable.map((v) => (
        <label key={v.id} className="check">
          <input
            type="checkbox"
            checked={chosen.has(v.id)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(v.id);
              else next.delete(v.id);
              setChosen(next);
              // Stored in codebook order, so exports and comparisons are stable.
              onChange(attribute.values.map((x) => x.id).filter((id) => next.has(id)));
            }}
          />
          {localLabel(v)}
        </label>
      ))}
    </fieldset>
  );
}

function TextAttribute({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(value: string | null): void;
}): React.JSX.Element {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== value && onChange(draft.trim() || null)}
      />
    </label>
  );
}
