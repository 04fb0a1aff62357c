import { useState } from 'react';
import { db } from '../db/db';
import { useAnnotatorNames, useTeamMembers } from '../db/live-queries';
import {
  mergeAnnotators,
  previewAnnotatorMerge,
  undoAnnotatorMerge,
  type AnnotatorMergeUndo,
  type RenameReport,
} from '../db/annotator-rename';
import { ModalDialog } from '../ui/ModalDialog';
import type { TeamSyncState } from './team-sync-loop';
import { errorMessage } from '../../../shared/validation/error-message';

/** Turns sharing on after saying exactly what it writes into the corpus folder. */
export function ShareFolderSection(props: {
  state: TeamSyncState;
  onShare: () => Promise<void>;
}): React.JSX.Element {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (props.state.project) {
    return (
      <p className="hint" role="status">
        This corpus folder is shared: your annotations and statuses are written to its <code>.tanda/</code>{' '}
        folder, and colleagues&apos; arrive from it.
      </p>
    );
  }
  return (
    <section aria-label="Team project">
      {props.state.projectProblem && <p role="alert">{props.state.projectProblem}</p>}
      {!asking ? (
        <button type="button" onClick={() => setAsking(true)}>
          Share annotations through this folder
        </button>
      ) : (
        <div role="group" aria-label="Share annotations through this folder">
          <p className="hint">
            Tanda will write into the corpus folder: <code>.tanda/project.json</code>, and one journal for
            this device, <code>.tanda/changes/&lt;your name&gt;/&lt;this device&gt;.jsonl</code>, where each
            change you make is appended. Colleagues who share the folder (Syncthing, a network drive, Git) see
            your work and you see theirs. Removing <code>.tanda/</code> stops sharing; nothing in Tanda is
            deleted.
          </p>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void props.onShare().then(
                () => setAsking(false),
                (e: unknown) => setError(errorMessage(e)),
              )
            }
          >
            Share this folder
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            Not now
          </button>
          {error && <p role="alert">{error}</p>}
        </div>
      )}
    </section>
  );
}

/** Who works in the project, on which devices, how far; what is wrong in the folder. */
export function TeamDialog(props: {
  state: TeamSyncState;
  onShare: () => Promise<void>;
  onClose: () => void;
}): React.JSX.Element {
  const members = useTeamMembers();
  const { state } = props;
  return (
    <ModalDialog title="Team" onClose={props.onClose}>
      <ShareFolderSection state={state} onShare={props.onShare} />
      {state.project && (
        <>
          <p role="status">
            {state.writable === false
              ? `This device's journal cannot be written: ${state.writeProblem ?? ''}`
              : state.writable
                ? "This device's journal is writable."
                : "This device's journal has not been written yet."}
          </p>
          <table aria-label="Annotators in this project">
            <thead>
              <tr>
                <th scope="col">Annotator</th>
                <th scope="col">Devices</th>
                <th scope="col">Annotations</th>
                <th scope="col">Not started</th>
                <th scope="col">In progress</th>
                <th scope="col">Done</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.annotator}>
                  <th scope="row">{m.annotator}</th>
                  <td>{m.devices.length}</td>
                  <td>{m.annotations}</td>
                  <td>{m.statuses.not_started}</td>
                  <td>{m.statuses.in_progress}</td>
                  <td>{m.statuses.done}</td>
                  <td>{m.lastChange ? new Date(m.lastChange).toLocaleString() : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.problems.length > 0 && (
            <section aria-label="Problems in the team folder">
              <h3>Problems in the team folder</h3>
              <ul>
                {state.problems.slice(0, 50).map((p) => (
                  <li key={`${p.file}:${p.line}`}>
                    {p.file}, line {p.line}: {p.message}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <MergeAnnotatorsSection />
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

/** "sari" + "Sari": one annotator again, after a preview, with an undo. */
function MergeAnnotatorsSection(): React.JSX.Element | null {
  const names = useAnnotatorNames() ?? [];
  const [from, setFrom] = useState('');
  const [into, setInto] = useState('');
  const [preview, setPreview] = useState<RenameReport | null>(null);
  const [undo, setUndo] = useState<AnnotatorMergeUndo | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (names.length < 2 && !undo) return null;
  const ready = from !== '' && into !== '' && from !== into;
  const fail = (e: unknown) => setMessage(errorMessage(e));
  return (
    <section aria-label="Merge annotators">
      <h3>Merge annotators</h3>
      <label className="field">
        <span>Merge</span>
        <select
          value={from}
          onChange={(e) => {
            setFrom(e.target.value);
            setPreview(null);
            if (e.target.value) void previewAnnotatorMerge(db, e.target.value).then(setPreview, fail);
          }}
        >
          <option value="">Choose…</option>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Into</span>
        <select value={into} onChange={(e) => setInto(e.target.value)}>
          <option value="">Choose…</option>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      {ready && preview && (
        <p role="status">
          {preview.annotations} annotations and {preview.statuses} document statuses of {from} will be {into}
          &apos;s.
        </p>
      )}
      <button
        type="button"
        disabled={!ready}
        onClick={() =>
          void mergeAnnotators(db, from, into).then((u) => {
            setUndo(u);
            setMessage(`Merged ${u.from} into ${u.to}: ${u.annotations.length} annotations moved.`);
            setFrom('');
            setPreview(null);
          }, fail)
        }
      >
        Merge annotators
      </button>{' '}
      {undo && (
        <button
          type="button"
          onClick={() =>
            void undoAnnotatorMerge(db, undo).then(() => {
              setMessage(`Undone: ${undo.from} is back.`);
              setUndo(null);
            }, fail)
          }
        >
          Undo merge
        </button>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
