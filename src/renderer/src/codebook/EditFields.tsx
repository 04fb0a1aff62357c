import { createContext, useContext, useId, useRef, useState } from 'react';
import { FormError } from '../ui/ModalDialog';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { Labelled } from '../../../shared/codebook/codebook-languages';
import { useUiLanguage } from '../i18n/i18n';

/**
 * Apply one pure codebook edit. Resolves true if it went through; false if
 * it was refused, in which case nothing changed and the message is shown
 * at `where` (see `EditErrors`).
 */
export type RunEdit = (where: string, edit: (codebook: Codebook) => Codebook) => Promise<boolean>;

/** Refusal messages by place in the form (`where`), shown until that place's next edit succeeds or is undone. */
export interface EditErrors {
  at(where: string): string | null;
  clear(where: string): void;
}

/** A refused edit, next to the control that made it. */
export function InlineError({
  id,
  message,
}: {
  id?: string;
  message: string | null;
}): React.JSX.Element | null {
  return <FormError {...(id === undefined ? {} : { id })} message={message} className="cbe-error" />;
}

interface CommitInputProps {
  label: string;
  value: string;
  /** Called with the draft on blur or Enter (Ctrl/⌘+Enter in a textarea), if it differs from `value`. */
  onCommit: (draft: string) => unknown;
  /** Escape put the value back: a refusal of the draft no longer applies. */
  onRevert?: () => void;
  error: string | null;
  /** Visible text under the field; also its description. */
  hint?: string;
  multiline?: boolean;
  /** Label read by assistive technology only (value rows, where the layout shows the id instead). */
  hideLabel?: boolean;
  className?: string;
  size?: number;
  placeholder?: string;
  /** The language of the text typed in (spelling and screen readers). */
  lang?: string;
}

/**
 * A text field that edits on commit, not on every keystroke: each commit is
 * one codebook change (and one save). A refused commit keeps the draft so
 * it can be fixed; Escape puts the current value back.
 */
export function CommitInput(props: CommitInputProps): React.JSX.Element {
  const { label, value, onCommit, error, hint, multiline = false, hideLabel = false } = props;
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // The value changed (our commit landed, or another edit): show it.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  // Enter commits and the blur after it must not commit the same draft again.
  const lastCommitted = useRef<string | null>(null);

  const commit = (): void => {
    if (draft === value || draft === lastCommitted.current) return;
    lastCommitted.current = draft;
    onCommit(draft);
  };
  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape' && draft !== value) {
      // Revert the draft; a second Escape closes the dialog.
      event.preventDefault();
      event.stopPropagation();
      setDraft(value);
      lastCommitted.current = null;
      props.onRevert?.();
    }
  };
  const shared = {
    id,
    value: draft,
    className: 'cbe-field-input',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].join(' ').trim() || undefined,
    'aria-label': hideLabel ? label : undefined,
    lang: props.lang,
    placeholder: props.placeholder,
    onBlur: commit,
    onKeyDown,
  };
  const setFrom = (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void => {
    setDraft(event.target.value);
    lastCommitted.current = null;
  };
  return (
    <div className={`cbe-field ${props.className ?? ''}`}>
      {!hideLabel && <label htmlFor={id}>{label}</label>}
      {multiline ? (
        <textarea {...shared} rows={props.lang === undefined ? 4 : 3} onChange={setFrom} />
      ) : (
        <input
          {...shared}
          type="text"
          size={props.size}
          onChange={setFrom}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      {hint && (
        <span id={`${id}-hint`} className="cbe-hint">
          {hint}
        </span>
      )}
      <InlineError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A one-line "new thing" form: label field plus submit button; clears itself when the add succeeds. */
export function AddForm(props: {
  fieldLabel: string;
  buttonLabel: string;
  error: string | null;
  onAdd: (label: string) => Promise<boolean>;
  children?: React.ReactNode;
}): React.JSX.Element {
  const id = useId();
  const [label, setLabel] = useState('');
  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault(); // a form in a dialog would otherwise navigate or close it
    if (await props.onAdd(label)) setLabel('');
  };
  return (
    <form className="cbe-add" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id}>{props.fieldLabel}</label>
      <div className="cbe-add-row">
        <input
          id={id}
          type="text"
          className="cbe-field-input"
          value={label}
          autoComplete="off"
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onChange={(e) => setLabel(e.target.value)}
        />
        {props.children}
        <button type="submit">{props.buttonLabel}</button>
      </div>
      <InlineError id={`${id}-error`} message={props.error} />
    </form>
  );
}

/** The codebook's first language (the one `label` holds) and the other languages it is edited in. */
export interface EditLanguages {
  first: string;
  others: readonly string[];
}
export const EditLanguagesContext = createContext<EditLanguages>({ first: 'en', others: ['id'] });

/** "Indonesian" in English, "Indonesia" in Indonesian: the language's own name in the interface language. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A text's fields in the codebook's other languages, under the field of its
 * first language. An empty field means "none in that language": the
 * first-language text is shown instead (its placeholder), and clearing a
 * field removes the translation.
 */
export function OtherLanguages(props: {
  /** The first-language field's label, "Tag label": these are "Tag label (Indonesian)". */
  what: string;
  item: Labelled;
  where: string;
  run: RunEdit;
  errors: EditErrors;
  edit: (codebook: Codebook, text: string, language: string) => Codebook;
  multiline?: boolean;
  hideLabel?: boolean;
}): React.JSX.Element {
  const { t, language: uiLanguage } = useUiLanguage('codebook');
  const { others } = useContext(EditLanguagesContext);
  return (
    <>
      {others.map((language) => {
        const at = `${props.where}:${language}`;
        return (
          <CommitInput
            key={language}
            label={t('inLanguage', { what: props.what, language: languageName(language, uiLanguage) })}
            lang={language}
            value={props.item.labels?.[language] ?? ''}
            placeholder={props.item.label}
            multiline={props.multiline}
            hideLabel={props.hideLabel}
            error={props.errors.at(at)}
            onRevert={() => props.errors.clear(at)}
            onCommit={(text) => props.run(at, (c) => props.edit(c, text, language))}
          />
        );
      })}
    </>
  );
}
