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
import { Trans } from 'react-i18next';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { ModalDialog } from '../ui/ModalDialog';
import type { TeamSyncState } from './team-sync-loop';
import { TeamMergeProgress } from './TeamMergeNotice';
import { errorMessage } from '../../../shared/validation/error-message';

/** Turns sharing on after saying exactly what it writes into the corpus folder. */
export function ShareFolderSection(props: {
  state: TeamSyncState;
  onShare: () => Promise<void>;
}): React.JSX.Element {
  const { t } = useUiLanguage('team');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (props.state.project) {
    return (
      <p className="hint" role="status">
        <Trans t={t} i18nKey="share.shared" components={{ code: <code /> }} />
      </p>
    );
  }
  return (
    <section aria-label={t('share.section')}>
      {props.state.projectProblem && <p role="alert">{props.state.projectProblem}</p>}
      {!asking ? (
        <button type="button" onClick={() => setAsking(true)}>
          {t('share.ask')}
        </button>
      ) : (
        <div role="group" aria-label={t('share.ask')}>
          <p className="hint">
            <Trans t={t} i18nKey="share.explain" components={{ code: <code /> }} shouldUnescape />
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
            {t('share.confirm')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {t('share.notNow')}
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
  const { t } = useUiLanguage('team');
  const format = useFormat();
  const members = useTeamMembers();
  const { state } = props;
  return (
    <ModalDialog title={t('title')} onClose={props.onClose}>
      <ShareFolderSection state={state} onShare={props.onShare} />
      {state.project && (
        <>
          <p role="status">
            {state.writable === false
              ? t('journal.readOnly', { problem: state.writeProblem ?? '' })
              : state.writable
                ? t('journal.writable')
                : t('journal.notYet')}
          </p>
          <TeamMergeProgress merging={state.merging} />
          {state.lastReadAt && state.lastApplied && (
            <p className="hint">
              {t('lastRead', {
                at: format.dateTime(state.lastReadAt),
                added: format.number(state.lastApplied.added),
                updated: format.number(state.lastApplied.updated),
                deleted: format.number(state.lastApplied.deleted),
                conflicts: format.number(state.lastApplied.conflicts),
              })}
            </p>
          )}
          <table aria-label={t('members.label')}>
            <thead>
              <tr>
                <th scope="col">{t('members.annotator')}</th>
                <th scope="col">{t('members.devices')}</th>
                <th scope="col">{t('members.annotations')}</th>
                <th scope="col">{t('members.notStarted')}</th>
                <th scope="col">{t('members.inProgress')}</th>
                <th scope="col">{t('members.done')}</th>
                <th scope="col">{t('members.lastChange')}</th>
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
                  <td>{m.lastChange ? format.dateTime(m.lastChange) : t('members.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.problems.length > 0 && (
            <section aria-label={t('problems.label')}>
              <h3>{t('problems.label')}</h3>
              <ul>
                {state.problems.slice(0, 50).map((p) => (
                  <li key={`${p.file}:${p.line}`}>
                    {t('problems.item', { file: p.file, line: p.line, message: p.message })}
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
          {t('close')}
        </button>
      </div>
    </ModalDialog>
  );
}

/** "sari" + "Sari": one annotator again, after a preview, with an undo. */
function MergeAnnotatorsSection(): React.JSX.Element | null {
  const { t } = useUiLanguage('team');
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
    <section aria-label={t('mergeAnnotators.title')}>
      <h3>{t('mergeAnnotators.title')}</h3>
      <label className="field">
        <span>{t('mergeAnnotators.from')}</span>
        <select
          value={from}
          onChange={(e) => {
            setFrom(e.target.value);
            setPreview(null);
            if (e.target.value) void previewAnnotatorMerge(db, e.target.value).then(setPreview, fail);
          }}
        >
          <option value="">{t('mergeAnnotators.choose')}</option>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('mergeAnnotators.into')}</span>
        <select value={into} onChange={(e) => setInto(e.target.value)}>
          <option value="">{t('mergeAnnotators.choose')}</option>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      {ready && preview && (
        <p role="status">
          {t('mergeAnnotators.preview', {
            annotations: t('mergeAnnotators.annotations', { count: preview.annotations }),
            statuses: t('mergeAnnotators.statuses', { count: preview.statuses }),
            from,
            into,
          })}
        </p>
      )}
      <button
        type="button"
        disabled={!ready}
        onClick={() =>
          void mergeAnnotators(db, from, into).then((u) => {
            setUndo(u);
            setMessage(t('mergeAnnotators.done', { from: u.from, into: u.to, count: u.annotations.length }));
            setFrom('');
            setPreview(null);
          }, fail)
        }
      >
        {t('mergeAnnotators.title')}
      </button>{' '}
      {undo && (
        <button
          type="button"
          onClick={() =>
            void undoAnnotatorMerge(db, undo).then(() => {
              setMessage(t('mergeAnnotators.undone', { from: undo.from }));
              setUndo(null);
            }, fail)
          }
        >
          {t('mergeAnnotators.undo')}
        </button>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
