import type { ReadingProgress } from '../../../shared/corpus/corpus-types';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';

/**
 * "Reading 12 of 340" above the document list while a scan is still
 * extracting files listed as reading. The live region stays in the page
 * (empty when nothing is being read), so screen readers hear its changes.
 */
export function ReadingStatus({ reading }: { reading: ReadingProgress | undefined }): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const format = useFormat();
  const active = reading !== undefined && reading.done < reading.total;
  return (
    <p role="status" className={active ? 'reading-status' : 'visually-hidden'}>
      {active &&
        t('reading.progress', { done: format.number(reading.done), total: format.number(reading.total) })}
    </p>
  );
}
