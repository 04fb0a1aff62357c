import { useState } from 'react';
import type { TeamApplyReport } from '../db/team-sync';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import type { TeamSyncState } from './team-sync-loop';

/**
 * What a read of the team folder changed here, said once per read that
 * changed something: "From the team folder: 3 annotations added, 1 updated,
 * 1 edited on two devices (both versions kept)". Reads that changed nothing
 * say nothing, so a quiet colleague does not make the app chatter.
 */
export function TeamMergeNotice(props: {
  report: TeamApplyReport | null;
  /** When the read was; a later read that changes something shows the notice again after a dismissal. */
  at: string | null;
  onShowTeam: () => void;
}): React.JSX.Element | null {
  const { t, language } = useUiLanguage('team');
  const [dismissed, setDismissed] = useState<string | null>(null);
  const { report, at } = props;
  if (!report || at === null || dismissed === at) return null;
  const parts = [
    report.added > 0 && t('merge.added', { count: report.added }),
    report.updated > 0 && t('merge.updated', { count: report.updated }),
    report.deleted > 0 && t('merge.deleted', { count: report.deleted }),
    report.conflicts > 0 && t('merge.conflicts', { count: report.conflicts }),
  ].filter((p): p is string => typeof p === 'string');
  if (parts.length === 0) return null;
  const changes = new Intl.ListFormat(language, { type: 'conjunction' }).format(parts);
  return (
    <div role="status" className="warning-banner" aria-label={t('merge.label')}>
      {t('merge.summary', { changes })}{' '}
      <button type="button" onClick={props.onShowTeam}>
        {t('merge.showTeam')}
      </button>{' '}
      <button type="button" onClick={() => setDismissed(at)}>
        {t('merge.dismiss')}
      </button>
    </div>
  );
}

/**
 * "Merging 13,000 of 100,000 changes" while a read of the team folder takes
 * more than one answer (joining a large project took tens of seconds with
 * nothing said). A status region, so a screen reader hears it too.
 */
export function TeamMergeProgress(props: {
  merging: TeamSyncState['merging'];
  className?: string;
}): React.JSX.Element | null {
  const { t } = useUiLanguage('team');
  const format = useFormat();
  const { merging } = props;
  if (!merging) return null;
  return (
    <p role="status" className={props.className}>
      <progress
        aria-label={t('merging.label')}
        max={Math.max(merging.total, 1)}
        value={Math.min(merging.done, merging.total)}
      />{' '}
      {t('merging.progress', {
        count: merging.total,
        done: format.number(merging.done),
        total: format.number(merging.total),
      })}
    </p>
  );
}
