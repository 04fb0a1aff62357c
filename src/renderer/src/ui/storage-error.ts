import { errorMessage } from '../../../shared/validation/error-message';
import { NoteConflictError } from '../db/annotation-repo';
import { isQuotaError } from '../db/storage-health';
import { i18n } from '../i18n/i18n';

/**
 * One sentence for the analyst when a write failed, in the interface
 * language. It lives outside db/ because db/ holds no interface text: Node
 * tools (the team bench) run the repositories without the renderer's
 * catalogs. A refusal the repositories explain (a note saved meanwhile in
 * another tab) is said in full; any other reason is the error's own words.
 */
export function describeStorageError(error: unknown): string {
  if (isQuotaError(error)) return i18n.t('common:storage.quota');
  const message =
    error instanceof NoteConflictError
      ? i18n.t('annotate:noteConflict', { stored: JSON.stringify(error.stored) })
      : errorMessage(error);
  const reason = message.trim().replace(/\.$/, '') || i18n.t('common:storage.unknown');
  return i18n.t('common:storage.failed', { reason });
}
