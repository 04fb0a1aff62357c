import { WRITE_CORPUS_FILES_MAX } from '../../../shared/api/api-contract';
import type { QdpxImportPlan } from '../../../shared/exchange/qdpx-import';
import { errorMessage } from '../../../shared/validation/error-message';
import type { QdaImportResult } from '../db/qda-io';
import { i18n } from '../i18n/i18n';

/** What committing an import needs from main and the database (passed in, so the failure path is testable). */
export interface QdpxCommitSteps {
  writeCorpusFiles(files: { path: string; text: string }[]): Promise<{ written: string[] }>;
  removeCorpusFiles(paths: string[]): Promise<{ removed: string[] }>;
  reloadCorpus(): Promise<unknown>;
  importPlan(plan: QdpxImportPlan): Promise<QdaImportResult>;
}

/**
 * All or nothing across two stores: the new source files go into the
 * corpus first (main writes each batch all or none), then one database
 * transaction adds the annotations, statuses and tags. If a later batch or
 * the transaction fails, the files already written are removed again, so a
 * failed import leaves the corpus folder as it found it (once the
 * transaction has committed, the import stands: a failed reload only delays
 * the listing, which the watcher brings anyway). The original
 * failure is what the analyst sees; a failure to take the files back is
 * added to it, naming them.
 */
export async function commitQdpxPlanWith(
  plan: QdpxImportPlan,
  steps: QdpxCommitSteps,
): Promise<QdaImportResult & { files: number }> {
  const written: string[] = [];
  try {
    for (let i = 0; i < plan.files.length; i += WRITE_CORPUS_FILES_MAX) {
      const batch = plan.files.slice(i, i + WRITE_CORPUS_FILES_MAX);
      written.push(
        ...(await steps.writeCorpusFiles(batch.map((f) => ({ path: f.path, text: f.text })))).written,
      );
    }
    const result = await steps.importPlan(plan);
    if (plan.files.length > 0) await steps.reloadCorpus().catch(() => {});
    return { ...result, files: plan.files.length };
  } catch (error) {
    if (written.length > 0) await takeBack(written, steps, error);
    throw error;
  }
}

async function takeBack(written: string[], steps: QdpxCommitSteps, cause: unknown): Promise<void> {
  try {
    for (let i = 0; i < written.length; i += WRITE_CORPUS_FILES_MAX)
      await steps.removeCorpusFiles(written.slice(i, i + WRITE_CORPUS_FILES_MAX));
  } catch (removal) {
    const message = i18n.t('exchange:import.filesNotRemoved', {
      cause: errorMessage(cause),
      files: written.join(', '),
      reason: errorMessage(removal),
    });
    throw new Error(message, { cause: removal });
  }
}
