import type { WorkStatus } from '../db/tanda-db';
import { useUiLanguage } from '../i18n/i18n';

/** How a work status reads in the interface language, wherever the app shows it (picker, filters, list). */
export function useStatusLabel(): (status: WorkStatus) => string {
  const { t } = useUiLanguage('common');
  return (status) => t(`common:status.${status}`);
}
