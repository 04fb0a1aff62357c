import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { type Codebook, type Tag, addTag } from '../../../shared/codebook/codebook';
import { AddForm, type EditErrors, InlineError, type RunEdit, plural } from './EditFields';
import { TagForm } from './TagForm';
import {
  type ImportSummary,
  MAX_CODEBOOK_BYTES,
  type TagUsage,
  type UsedValues,
  checkImport,
  describeImport,
  exportCodebook,
} from './codebook-file';
import './codebook-editor.css';
import { moveFocusWithArrows } from '../ui/list-keys';
import { deliverFile } from '../exchange/deliver-file';
import { errorMessage } from '../../../shared/validation/error-message';

export interface CodebookEditorProps {
  codebook: Codebook;
  /** Annotations per tag id. */
  usage: TagUsage;
  /**
   * Value ids annotations of a tag chose for an attribute (the texts, for a
   * free-text one). Without it, no value or attribute is offered for removal
   * (only retirement), and imports are checked for dropped tags only.
   */
  usedValues?: UsedValues;
  /** Every accepted edit, one at a time. A rejected promise is shown as an error where the edit was made. */
  onChange: (next: Codebook) => Promise<void> | void;
  onClose: () => void;
}

interface PendingImport {
  fileName: string;
  text: string;
  summary: ImportSummary;
}

/**
 * The codebook editor: a modal dialog with the tags on the left and the
 * selected tag's form on the right. Controlled: every change goes through
 * a pure function of `shared/codebook` and out through `onChange`; a
 * refused change (CodebookError) is shown next to its control and nothing
 * changes.
 */
export function CodebookEditor({
  codebook,
  usage,
  usedValues,
  onChange,
  onClose,
}: CodebookEditorProps): React.JSX.Element {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [selectedId, setSelectedId] = useState<string | null>(codebook.tags[0]?.id ?? null);
  const [errorMap, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [status, setStatus] = useState('');
  const importInput = useRef<HTMLInputElement>(null);

  // Whoever had focus before the dialog opened gets it back when it closes.
  const [opener] = useState(() => (typeof document === 'undefined' ? null : document.activeElement));
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    dialog?.focus();
    return () => {
      mounted.current = false;
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [opener]);

  // Edits apply to the newest codebook, even before an async onChange has come back as props.
  const latest = useRef(codebook);
  const fromProps = useRef(codebook);
  useEffect(() => {
    latest.current = codebook;
    fromProps.current = codebook;
  }, [codebook]);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  const setError = useCallback((where: string, message: string | null) => {
    setErrors((old) => {
      if (message === null && !old.has(where)) return old;
      const next = new Map(old);
      if (message === null) next.delete(where);
      else next.set(where, message);
      return next;
    });
  }, []);
  const errors: EditErrors = {
    at: (where) => errorMap.get(where) ?? null,
    clear: (where) => setError(where, null),
  };

  const run: RunEdit = useCallback(
    async (where, edit) => {
      let next: Codebook;
      try {
        next = edit(latest.current);
      } catch (error) {
        setError(where, errorMessage(error));
        return false;
      }
      latest.current = next;
      setError(where, null);
      try {
        await onChangeRef.current(next);
        return true;
      } catch (error) {
        latest.current = fromProps.current;
        setError(where, `Could not save the codebook: ${errorMessage(error)}`);
        return false;
      }
    },
    [setError],
  );

  const select = (id: string): void => {
    setSelectedId(id);
    setErrors(new Map());
  };

  const addNewTag = async (label: string): Promise<boolean> => {
    let added: string | undefined;
    const ok = await run('add-tag', (c) => {
      const next = addTag(c, { label });
      added = next.tags[next.tags.length - 1]?.id;
      return next;
    });
    if (ok && added) setSelectedId(added);
    return ok;
  };

  const exportFile = async (): Promise<void> => {
    const file = exportCodebook(codebook);
    try {
      // The desktop app asks where to save; browser mode downloads.
      const done = await deliverFile(file.fileName, file.text, 'json');
      if (done !== null) setStatus(`Exported ${plural(codebook.tags.length, 'tag')}: ${done}.`);
    } catch (e) {
      setStatus(`The codebook was not exported: ${errorMessage(e)}`);
    }
  };

  const readImport = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire change again
    if (!file) return;
    setPending(null);
    setStatus('');
    if (file.size > MAX_CODEBOOK_BYTES) {
      setError(
        'import',
        `${file.name} is ${plural(Math.round(file.size / 1024), 'kilobyte')}: too large to be a codebook.`,
      );
      return;
    }
    const text = await file.text();
    const check = checkImport(latest.current, text, usage, usedValues);
    if (!check.ok) {
      setError('import', `${file.name} was not imported: ${check.message}`);
      return;
    }
    setError('import', null);
    setPending({ fileName: file.name, text, summary: check.summary });
  };

  const confirmImport = async (): Promise<void> => {
    if (!pending) return;
    // Check again: the codebook or the annotations may have changed while the summary was shown.
    const check = checkImport(latest.current, pending.text, usage, usedValues);
    cancelImport();
    if (!check.ok) {
      setError('import', `${pending.fileName} was not imported: ${check.message}`);
      return;
    }
    const ok = await run('import', () => check.codebook);
    if (!ok) return;
    if (!check.codebook.tags.some((t) => t.id === selectedId))
      setSelectedId(check.codebook.tags[0]?.id ?? null);
    setStatus(`Imported ${pending.fileName}: ${plural(check.codebook.tags.length, 'tag')}.`);
  };

  const cancelImport = (): void => {
    setPending(null);
    importInput.current?.focus(); // the confirmation had focus and is going away
  };

  const onCancel = (event: React.SyntheticEvent<HTMLDialogElement>): void => {
    event.preventDefault(); // the parent unmounts us; closing natively would desync
    if (pending) cancelImport();
    else onClose();
  };
  // Chrome may close without a cancelable cancel event (repeated Escape): follow it.
  const onNativeClose = (): void => {
    if (mounted.current && !dialogRef.current?.open) onClose();
  };

  const index = codebook.tags.findIndex((t) => t.id === selectedId);
  const selectedIndex = index === -1 ? 0 : index;
  const selected = codebook.tags[selectedIndex];

  return (
    <dialog
      ref={dialogRef}
      className="codebook-editor"
      aria-labelledby={headingId}
      tabIndex={-1}
      onCancel={onCancel}
      onClose={onNativeClose}
    >
      <header className="cbe-header">
        <h2 id={headingId}>Codebook</h2>
        <span className="cbe-muted">
          {plural(codebook.tags.filter((t) => !t.retired).length, 'active tag')}
          {codebook.tags.some((t) => t.retired) &&
            `, ${codebook.tags.filter((t) => t.retired).length} retired`}
        </span>
        <span className="cbe-spacer" />
        <label className="cbe-file-button">
          <input
            ref={importInput}
            type="file"
            accept=".json,application/json"
            className="cbe-vh"
            onChange={(e) => void readImport(e.currentTarget)}
          />
          Import codebook
        </label>
        <button type="button" onClick={() => void exportFile()}>
          Export codebook
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p role="status" className="cbe-status">
        {status}
      </p>
      <div className="cbe-import-area">
        <InlineError message={errors.at('import')} />
        {pending && (
          <ImportConfirmation
            pending={pending}
            onConfirm={() => void confirmImport()}
            onCancel={cancelImport}
          />
        )}
      </div>

      <div className="cbe-body">
        <section className="cbe-tags" aria-label="Tags">
          <ul onKeyDown={(event) => moveFocusWithArrows(event, '.cbe-tag-item')}>
            {codebook.tags.map((tag, i) => (
              <li key={tag.id}>
                <TagItem
                  tag={tag}
                  usage={usage.get(tag.id) ?? 0}
                  selected={i === selectedIndex}
                  onSelect={() => select(tag.id)}
                />
              </li>
            ))}
          </ul>
          <AddForm
            fieldLabel="New tag label"
            buttonLabel="Add tag"
            error={errors.at('add-tag')}
            onAdd={addNewTag}
          />
        </section>
        <div className="cbe-form">
          {selected ? (
            <TagForm
              key={selected.id}
              tag={selected}
              index={selectedIndex}
              count={codebook.tags.length}
              usage={usage.get(selected.id) ?? 0}
              usedValues={usedValues}
              run={run}
              errors={errors}
            />
          ) : (
            <p className="cbe-muted">No tags yet: add one, or import a codebook.</p>
          )}
        </div>
      </div>
    </dialog>
  );
}

function TagItem({
  tag,
  usage,
  selected,
  onSelect,
}: {
  tag: Tag;
  usage: number;
  selected: boolean;
  onSelect: () => void;
}): React.JSX.Element {
  const swatch = {
    '--swatch-light': tag.color,
    '--swatch-dark': tag.darkColor ?? tag.color,
  } as React.CSSProperties;
  return (
    <button
      type="button"
      className={tag.retired ? 'cbe-tag-item cbe-retired' : 'cbe-tag-item'}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
    >
      <span className="cbe-swatch" style={swatch} aria-hidden="true" />
      <span className="cbe-tag-text">
        <span className="cbe-tag-label">{tag.label}</span>
        <span className="cbe-tag-id">id: {tag.id}</span>
      </span>
      <span className="cbe-tag-meta">
        {tag.shortcut !== null && (
          <span title={tag.retired ? 'Shortcut (inactive while retired)' : 'Shortcut'}>
            <span className="cbe-vh">shortcut </span>
            <kbd>{tag.shortcut}</kbd>
          </span>
        )}
        <span className="cbe-usage">{plural(usage, 'annotation')}</span>
        {tag.retired && <span className="cbe-badge">retired</span>}
      </span>
    </button>
  );
}

function ImportConfirmation(props: {
  pending: PendingImport;
  onConfirm: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const headingId = useId();
  const listId = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <section className="cbe-import" aria-labelledby={headingId}>
      <h3 id={headingId}>Import {props.pending.fileName}?</h3>
      <ul id={listId}>
        {describeImport(props.pending.summary).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="cbe-muted">It replaces the whole codebook. Annotations are not changed.</p>
      <div className="cbe-row">
        <button
          ref={confirm}
          type="button"
          className="cbe-primary"
          aria-describedby={listId}
          onClick={props.onConfirm}
        >
          Replace codebook
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel import
        </button>
      </div>
    </section>
  );
}
