import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useUiLanguage } from '../i18n/i18n';

interface Props {
  title: string;
  children: ReactNode;
  /** Called on Escape; omit to make the dialog impossible to dismiss (first-run questions). */
  onClose?: () => void;
  className?: string;
  /** Where focus goes on close when what had it before is gone (a first-run question has no opener). */
  returnFocus?: () => HTMLElement | null;
}

/**
 * A native modal <dialog>: focus is trapped and returned by the browser,
 * the page behind is inert, and its heading names it.
 */
export function ModalDialog({ title, children, onClose, className, returnFocus }: Props): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const returnRef = useRef(returnFocus);
  returnRef.current = returnFocus;
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      // React removes the dialog before this runs, so the browser's own focus return finds nothing.
      const lost = !document.activeElement || document.activeElement === document.body;
      if (!lost) return;
      const target =
        opener && opener !== document.body && opener.isConnected ? opener : returnRef.current?.();
      target?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      className={`modal ${className ?? ''}`}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
    >
      <h2 id={headingId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** The end of a working dialog: what happened, what went wrong, and Close. */
export function DialogFooter(props: {
  status: string;
  error: string | null;
  onClose(): void;
}): React.JSX.Element {
  const { t } = useUiLanguage('common');
  return (
    <>
      <p role="status" className="hint">
        {props.status}
      </p>
      <FormError message={props.error} />
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </div>
    </>
  );
}

/** A form's or view's problem, announced as it appears; nothing when there is none. */
export function FormError({
  id,
  message,
  className = 'form-error',
}: {
  id?: string;
  message: string | null;
  className?: string;
}): React.JSX.Element | null {
  if (!message) return null;
  return (
    <p id={id} role="alert" className={className}>
      {message}
    </p>
  );
}
