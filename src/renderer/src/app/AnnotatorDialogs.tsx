import { useState } from 'react';
import { db } from '../db/db';
import { normalizeAnnotatorName, setAnnotatorName, setSnapToWords } from '../db/settings-repo';
import { renameAnnotator } from '../db/annotator-rename';
import { ShareFolderSection } from '../team/TeamDialog';
import type { TeamSyncState } from '../team/team-sync-loop';
import { SuggestionSourceSettings } from '../suggest/SuggestionSourceSettings';
import { FormError, ModalDialog } from '../ui/ModalDialog';
import { errorMessage } from '../../../shared/validation/error-message';

/** First run: every annotation is stamped with this name, so ask before anything can be tagged. */
export function AnnotatorPrompt(): React.JSX.Element {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <ModalDialog title="Who is annotating?" returnFocus={documentListFocus}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setAnnotatorName(db, name).then(
            () => undefined,
            (e: unknown) => setError(errorMessage(e)),
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
  /** Sharing through the corpus folder; null while its state is not known yet. */
  team?: { state: TeamSyncState; onShare: () => Promise<void> } | null;
}): React.JSX.Element {
  const [name, setName] = useState(props.annotator);
  const [renameWork, setRenameWork] = useState(true);
  const [snap, setSnap] = useState(props.snapToWords);
  const [error, setError] = useState<string | null>(null);
  return (
    <ModalDialog title="Settings" onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void (async () => {
            try {
              const wanted = normalizeAnnotatorName(name);
              // Rename yourself: your earlier work follows the new name, in one transaction.
              if (renameWork && wanted !== props.annotator)
                await renameAnnotator(db, props.annotator, wanted, { setName: true });
              else await setAnnotatorName(db, wanted);
              const saved = wanted;
              await setSnapToWords(db, snap);
              if (saved !== props.annotator) props.onAnnotatorChanged();
              props.onClose();
            } catch (e) {
              setError(errorMessage(e));
            }
          })();
        }}
      >
        <label className="field">
          <span>Annotator</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </label>
        <label className="check">
          <input type="checkbox" checked={renameWork} onChange={(e) => setRenameWork(e.target.checked)} />
          Rename my annotations and statuses too
        </label>
        <p className="hint">
          Without this, annotations keep the name they were made under, and after a change earlier ones are
          shown as another annotator&apos;s.
        </p>
        <label className="check">
          <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} />
          Snap selections to word boundaries
        </label>
        {props.team && <ShareFolderSection state={props.team.state} onShare={props.team.onShare} />}
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

/** After the first-run question: the open document in the list, else its first one. */
function documentListFocus(): HTMLElement | null {
  const list = document.querySelector('nav[aria-label="Documents"]');
  return list?.querySelector<HTMLElement>('[aria-current="page"]') ?? list?.querySelector('button') ?? null;
}
