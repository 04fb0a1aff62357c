import { useEffect, useRef, useState } from 'react';
import type { BackupInfo } from '../../../shared/api/api-contract';
import { bundleContents, type BundleContents } from '../../../shared/exchange/bundle-merge';
import { describeBundleContents } from '../exchange/describe-exchange';
import { Trans } from 'react-i18next';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
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

/** A backup chosen for restoring, read and checked before anything is replaced. */
type Preview =
  | { state: 'reading' }
  | { state: 'ready'; bundle: Bundle; holds: BundleContents; now: number }
  | { state: 'unreadable'; detail: string };

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
  const { t, language } = useUiLanguage('backup');
  const format = useFormat();
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
          holds: bundleContents(bundle),
          now: await countAnnotations(db),
        };
      } catch (e) {
        return { state: 'unreadable', detail: errorMessage(e) };
      }
    })().then((next) => current && setPreview(next));
    return () => {
      current = false;
    };
  }, [confirming]);

  const restore = async (backup: BackupInfo, bundle: Bundle): Promise<void> => {
    setStatus(t('backingUpFirst'));
    await writeBackupNow(db, api, props.documents, 'before-restore');
    const counts = await restoreBundle(db, bundle);
    setConfirming(null);
    await refresh();
    props.onRestored(
      t('restored', { name: backup.name, annotations: counts.annotations, statuses: counts.statuses }),
    );
  };

  return (
    <ModalDialog title={t('title')} onClose={props.onClose} className="wide">
      <p className="hint">
        <Trans
          t={t}
          i18nKey="hint"
          count={interval}
          values={{ folder: folder || '…' }}
          components={{ code: <code /> }}
        />
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(async () => {
            await setBackupSettings(db, { intervalMinutes: interval, keep });
            setStatus(t('settingsSaved'));
          })();
        }}
      >
        <label className="field">
          <span>{t('interval')}</span>
          <input
            type="number"
            min={1}
            max={1440}
            value={interval}
            onChange={(e) => setIntervalMinutes(Number(e.target.value))}
          />
        </label>
        <label className="field">
          <span>{t('keep')}</span>
          <input
            type="number"
            min={1}
            max={1000}
            value={keep}
            onChange={(e) => setKeep(Number(e.target.value))}
          />
        </label>
        <button type="submit">{t('saveSettings')}</button>
        <button
          type="button"
          onClick={attempt(async () => {
            await writeBackupNow(db, api, props.documents, 'manual');
            await refresh();
            setStatus(t('written'));
          })}
        >
          {t('backUpNow')}
        </button>
      </form>
      {backups && backups.length === 0 && <p className="empty-note">{t('none')}</p>}
      {backups && backups.length > 0 && (
        <table className="backup-table" aria-label={t('table.label')}>
          <thead>
            <tr>
              <th>{t('table.written')}</th>
              <th>{t('table.why')}</th>
              <th>{t('table.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <td title={b.name}>{format.dateTime(b.createdAt)}</td>
                <td>{t(`reasons.${b.reason}`)}</td>
                <td>{t('table.kilobytes', { size: formatCount(Math.ceil(b.bytes / 1024)) })}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setConfirming(b)}
                    aria-label={t('restoreFrom', { date: format.dateTime(b.createdAt) })}
                  >
                    {t('restoreEllipsis')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <div role="alertdialog" aria-label={t('confirm.label')} className="confirm-box">
          <p>{t('confirm.question', { date: format.dateTime(confirming.createdAt) })}</p>
          {preview.state === 'reading' && <p className="hint">{t('confirm.reading')}</p>}
          {preview.state === 'ready' && (
            <p>
              {t('confirm.holds', {
                holds: describeBundleContents(t, language, preview.holds),
                count: preview.now,
              })}
            </p>
          )}
          <FormError
            message={
              preview.state === 'unreadable'
                ? t('unreadable', { name: confirming.name, detail: preview.detail })
                : null
            }
          />
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              {t('common:cancel')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={preview.state !== 'ready'}
              onClick={() => {
                if (preview.state === 'ready') void attempt(() => restore(confirming, preview.bundle))();
              }}
            >
              {t('confirm.restore')}
            </button>
          </div>
        </div>
      )}
      <DialogFooter status={status} error={error} onClose={props.onClose} />
    </ModalDialog>
  );
}
