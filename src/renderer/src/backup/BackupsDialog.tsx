import { useEffect, useRef, useState } from 'react';
import type { BackupInfo } from '../../../shared/api/api-contract';
import { bundleContents, describeBundleContents } from '../../../shared/exchange/bundle-merge';
import { checkBundleRecords, parseBundleJson } from '../../../shared/exchange/bundle';
import { type Bundle } from '../../../shared/exchange/bundle-schema';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { api } from '../api/tanda-api';
import { DialogFooter, FormError, ModalDialog } from '../ui/ModalDialog';
import { formatCount } from '../ui/format';
import { countAnnotations } from '../db/annotation-repo';
import { restoreBundle } from '../db/bundle-io';
import { textsForCheck } from '../exchange/texts-for-check';
import { db } from '../db/db';
import { getBackupSettings, setBackupSettings } from '../db/settings-repo';
import { writeBackupNow } from './auto-backup';
import { errorMessage } from '../../../shared/validation/error-message';

const REASONS: Record<BackupInfo['reason'], string> = {
  auto: 'automatic',
  quit: 'on quit',
  'before-restore': 'before a restore',
  manual: 'by hand',
};

/** A backup chosen for restoring, read and checked before anything is replaced. */
type Preview =
  | { state: 'reading' }
  | { state: 'ready'; bundle: Bundle; holds: string; now: number }
  | { state: 'unreadable'; message: string };

/**
 * Lists the backups folder, backs up now, restores one (after backing up
 * the current state). A backup is read and validated when chosen: the
 * confirmation says what it holds against what is there now, and an
 * unreadable one is refused before anything is written.
 */
export function BackupsDialog(props: {
  documents: readonly DocumentMeta[];
  onClose(): void;
  onRestored(message: string): void;
}): React.JSX.Element {
  const [folder, setFolder] = useState('');
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [interval, setIntervalMinutes] = useState(10);
  const [keep, setKeep] = useState(20);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [preview, setPreview] = useState<Preview>({ state: 'reading' });
  const [status, setStatus] = useState('');
  // Read when a backup is chosen: a corpus event meanwhile does not re-read the backup.
  const documents = useRef(props.documents);
  documents.current = props.documents;
  const [error, setError] = useState<string | null>(null);

  const refresh = async (): Promise<void> => {
    const listing = await api.listBackups();
    setFolder(listing.folder);
    setBackups(listing.backups);
  };
  useEffect(() => {
    refresh().catch((e: unknown) => setError(errorMessage(e)));
    void getBackupSettings(db).then((s) => {
      setIntervalMinutes(s.intervalMinutes);
      setKeep(s.keep);
    });
  }, []);

  const attempt = (work: () => Promise<void>) => async () => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useEffect(() => {
    if (!confirming) return;
    let current = true;
    setPreview({ state: 'reading' });
    (async (): Promise<Preview> => {
      try {
        const { json } = await api.readBackup({ name: confirming.name });
        // A restore brings back everything, work on files removed since too ('keep'); what is in the corpus must fit it.
        const parsed = parseBundleJson(json);
        const listed = new Set(documents.current.map((d) => d.path));
        const bundle = await checkBundleRecords(parsed, {
          documents: documents.current,
          getText: await textsForCheck(api, parsed.annotations, listed),
          absentDocuments: 'keep',
        });
        return {
          state: 'ready',
          bundle,
          holds: describeBundleContents(bundleContents(bundle)),
          now: await countAnnotations(db),
        };
      } catch (e) {
        return {
          state: 'unreadable',
          message: `${confirming.name} cannot be restored: ${errorMessage(e)}`,
        };
      }
    })().then((next) => current && setPreview(next));
    return () => {
      current = false;
    };
  }, [confirming]);

  const restore = async (backup: BackupInfo, bundle: Bundle): Promise<void> => {
    setStatus('Backing up the current state first…');
    await writeBackupNow(db, api, props.documents, 'before-restore');
    const counts = await restoreBundle(db, bundle);
    setConfirming(null);
    await refresh();
    props.onRestored(
      `Restored ${backup.name}: ${formatCount(counts.annotations)} annotations, ${formatCount(counts.statuses)} document statuses. The state before it was backed up first.`,
    );
  };

  return (
    <ModalDialog title="Backups" onClose={props.onClose} className="wide">
      <p className="hint">
        Tanda writes the whole database to <code>{folder || '…'}</code> at most every {interval} minutes while
        something changed, and when it quits.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(async () => {
            await setBackupSettings(db, { intervalMinutes: interval, keep });
            setStatus('Backup settings saved.');
          })();
        }}
      >
        <label className="field">
          <span>Minutes between backups</span>
          <input
            type="number"
            min={1}
            max={1440}
            value={interval}
            onChange={(e) => setIntervalMinutes(Number(e.target.value))}
          />
        </label>
        <label className="field">
          <span>Backups to keep</span>
          <input
            type="number"
            min={1}
            max={1000}
            value={keep}
            onChange={(e) => setKeep(Number(e.target.value))}
          />
        </label>
        <button type="submit">Save backup settings</button>
        <button
          type="button"
          onClick={attempt(async () => {
            await writeBackupNow(db, api, props.documents, 'manual');
            await refresh();
            setStatus('Backup written.');
          })}
        >
          Back up now
        </button>
      </form>
      {backups && backups.length === 0 && <p className="empty-note">No backups yet.</p>}
      {backups && backups.length > 0 && (
        <table className="backup-table" aria-label="Backups, newest first">
          <thead>
            <tr>
              <th>Written</th>
              <th>Why</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <td title={b.name}>{new Date(b.createdAt).toLocaleString()}</td>
                <td>{REASONS[b.reason]}</td>
                <td>{formatCount(Math.ceil(b.bytes / 1024))} KB</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setConfirming(b)}
                    aria-label={`Restore backup from ${new Date(b.createdAt).toLocaleString()}`}
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <div role="alertdialog" aria-label="Restore this backup?" className="confirm-box">
          <p>
            Replace all annotations, document statuses and the codebook with the backup from{' '}
            {new Date(confirming.createdAt).toLocaleString()}? The current state is backed up first, so this
            can be undone by restoring that backup.
          </p>
          {preview.state === 'reading' && <p className="hint">Reading the backup…</p>}
          {preview.state === 'ready' && (
            <p>
              It holds {preview.holds} Now there {preview.now === 1 ? 'is' : 'are'} {formatCount(preview.now)}{' '}
              {preview.now === 1 ? 'annotation' : 'annotations'}.
            </p>
          )}
          <FormError message={preview.state === 'unreadable' ? preview.message : null} />
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              disabled={preview.state !== 'ready'}
              onClick={() => {
                if (preview.state === 'ready') void attempt(() => restore(confirming, preview.bundle))();
              }}
            >
              Restore backup
            </button>
          </div>
        </div>
      )}
      <DialogFooter status={status} error={error} onClose={props.onClose} />
    </ModalDialog>
  );
}
