import type { WorkStatus } from '../db/tanda-db';
import { useUiLanguage } from '../i18n/i18n';

/**
 * How a document's work status reads in English. Kept for the views not yet
 * on the catalogs; a component should call `useStatusLabel()` instead.
 */
export const STATUS_LABELS: Record<WorkStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
};

/** How a work status reads in the interface language, wherever the app shows it (picker, filters, list). */
export function useStatusLabel(): (status: WorkStatus) => string {
  const { t } = useUiLanguage('common');
  return (status) => t(`common:status.${status}`);
}
