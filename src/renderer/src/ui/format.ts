import { formatNumber } from '../../../shared/i18n/intl-format';
import { currentLanguage } from '../i18n/i18n';

/** A count as the interface language writes it (`1,234` / `1.234`). */
export function formatCount(n: number): string {
  return formatNumber(n, currentLanguage());
}
