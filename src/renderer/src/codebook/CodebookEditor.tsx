import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { type Codebook, type Tag, addTag } from '../../../shared/codebook/codebook';
import { codebookLanguages, firstCodebookLanguage } from '../../../shared/codebook/codebook-languages';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';
import { AddForm, type EditErrors, EditLanguagesContext, InlineError, type RunEdit } from './EditFields';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { localLabel } from '../i18n/codebook-text';
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
  const { t } = useUiLanguage('codebook');
  const format = useFormat();
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
        setError(where, t('saveFailed', { reason: errorMessage(error) }));
        return false;
      }
    },
    [setError, t],
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
      if (done !== null) setStatus(t('exported', tagCount(codebook.tags.length, { where: done })));
    } catch (e) {
      setStatus(t('exportFailed', { reason: errorMessage(e) }));
    }
  };

  const readImport = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire change again
    if (!file) return;
    setPending(null);
    setStatus('');
    if (file.size > MAX_CODEBOOK_BYTES) {
      const kilobytes = Math.round(file.size / 1024);
      setError('import', t('tooLarge', { file: file.name, count: kilobytes, n: format.number(kilobytes) }));
      return;
    }
    const text = await file.text();
    const check = checkImport(latest.current, text, usage, usedValues);
    if (!check.ok) {
      setError('import', t('notImported', { file: file.name, reason: check.message }));
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
      setError('import', t('notImported', { file: pending.fileName, reason: check.message }));
      return;
    }
    const ok = await run('import', () => check.codebook);
    if (!ok) return;
    if (!check.codebook.tags.some((t) => t.id === selectedId))
      setSelectedId(check.codebook.tags[0]?.id ?? null);
    setStatus(t('imported', tagCount(check.codebook.tags.length, { file: pending.fileName })));
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
  const tagCount = (count: number, rest: Record<string, string>) => ({
    ...rest,
    count,
    n: format.number(count),
  });
  const first = firstCodebookLanguage(codebook);
  const otherLanguages = [...new Set([...codebookLanguages(codebook), ...UI_LANGUAGES])].filter(
    (l) => l !== first,
  );
  const activeCount = codebook.tags.filter((tag) => !tag.retired).length;
  const retiredCount = codebook.tags.length - activeCount;

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
        <h2 id={headingId}>{t('title')}</h2>
        <span className="cbe-muted">
          {retiredCount > 0
            ? t('activeAndRetired', {
                count: activeCount,
                n: format.number(activeCount),
                retired: format.number(retiredCount),
              })
            : t('active', { count: activeCount, n: format.number(activeCount) })}
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
          {t('import')}
        </label>
        <button type="button" onClick={() => void exportFile()}>
          {t('export')}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
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
        <section className="cbe-tags" aria-label={t('tags')}>
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
            fieldLabel={t('newTagLabel')}
            buttonLabel={t('addTag')}
            error={errors.at('add-tag')}
            onAdd={addNewTag}
          />
        </section>
        <div className="cbe-form">
          <EditLanguagesContext.Provider value={{ first, others: otherLanguages }}>
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
              <p className="cbe-muted">{t('noTags')}</p>
            )}
          </EditLanguagesContext.Provider>
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
  const { t } = useUiLanguage('codebook');
  const format = useFormat();
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
        <span className="cbe-tag-label">{localLabel(tag)}</span>
        <span className="cbe-tag-id">{t('id', { id: tag.id })}</span>
      </span>
      <span className="cbe-tag-meta">
        {tag.shortcut !== null && (
          <span title={tag.retired ? t('shortcutInactive') : t('tag.shortcut')}>
            <span className="cbe-vh">{t('shortcutPrefix')}</span>
            <kbd>{tag.shortcut}</kbd>
          </span>
        )}
        <span className="cbe-usage">{t('annotations', { count: usage, n: format.number(usage) })}</span>
        {tag.retired && <span className="cbe-badge">{t('retired')}</span>}
      </span>
    </button>
  );
}

function ImportConfirmation(props: {
  pending: PendingImport;
  onConfirm: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useUiLanguage('codebook');
  const headingId = useId();
  const listId = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <section className="cbe-import" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('importConfirm.title', { file: props.pending.fileName })}</h3>
      <ul id={listId}>
        {describeImport(props.pending.summary).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="cbe-muted">{t('importConfirm.note')}</p>
      <div className="cbe-row">
        <button
          ref={confirm}
          type="button"
          className="cbe-primary"
          aria-describedby={listId}
          onClick={props.onConfirm}
        >
          {t('importConfirm.replace')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('importConfirm.cancel')}
        </button>
      </div>
    </section>
  );
}
