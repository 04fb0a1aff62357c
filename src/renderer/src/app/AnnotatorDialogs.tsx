import { useState } from 'react';
import { db } from '../db/db';
import { setAnnotatorName, setSnapToWords } from '../db/settings-repo';
import { SuggestionSourceSettings } from '../suggest/SuggestionSourceSettings';
import { FormError, ModalDialog } from '../ui/ModalDialog';

/** First run: every annotation is stamped with this name, so ask before anything can be tagged. */
export function AnnotatorPrompt(): React.JSX.Element {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <ModalDialog title="Who is annotating?">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setAnnotatorName(db, name).then(
            () => undefined,
            (e: unknown) => setError((e as Error).message),
          );
        }}
      >
        <p className="hint">
          Your name is stamped on every annotation you make, so reviewers can compare analysts. You can change
          it later in Settings.
        </p>
        <label className="field">
          <span>Annotator</span>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </label>
        <FormError message={error} />
        <div className="form-actions">
          <button type="submit" className="primary">
            Start annotating
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

export function SettingsDialog(props: {
  annotator: string;
  snapToWords: boolean;
  onAnnotatorChanged(): void;
  onClose(): void;
}): React.JSX.Element {
  const [name, setName] = useState(props.annotator);
  const [snap, setSnap] = useState(props.snapToWords);
  const [error, setError] = useState<string | null>(null);
  return (
    <ModalDialog title="Settings" onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void (async () => {
            try {
              const saved = await setAnnotatorName(db, name);
              await setSnapToWords(db, snap);
              if (saved !== props.annotator) props.onAnnotatorChanged();
              props.onClose();
            } catch (e) {
              setError((e as Error).message);
            }
          })();
        }}
      >
        <label className="field">
          <span>Annotator</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </label>
        <p className="hint">
          Annotations keep the name they were made under; after a change, earlier ones are shown as another
          annotator&apos;s.
        </p>
        <label className="check">
          <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} />
          Snap selections to word boundaries
        </label>
        <SuggestionSourceSettings />
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save settings
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
