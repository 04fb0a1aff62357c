import { useMemo } from 'react';
import {
  formatDate,
  formatDateTime,
  formatDocumentDate,
  formatListDate,
  formatNumber,
  formatPercent,
} from '../../../shared/i18n/intl-format';
import { useUiLanguage } from './i18n';

/** The Intl formatters bound to the interface language, for components. */
export function useFormat(): {
  number: (n: number, options?: Intl.NumberFormatOptions) => string;
  percent: (fraction: number, digits?: number) => string;
  date: (value: Date | string | number) => string;
  dateTime: (value: Date | string | number) => string;
  documentDate: (isoDate: string) => string;
  listDate: (isoDate: string) => string;
} {
  const { language } = useUiLanguage();
  return useMemo(
    () => ({
      number: (n, options) => formatNumber(n, language, options),
      percent: (fraction, digits) => formatPercent(fraction, language, digits),
      date: (value) => formatDate(value, language),
      dateTime: (value) => formatDateTime(value, language),
      documentDate: (isoDate) => formatDocumentDate(isoDate, language),
      listDate: (isoDate) => formatListDate(isoDate, language),
    }),
    [language],
  );
}
