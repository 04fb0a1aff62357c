/**
 * What an analyst says about a document (not the corpus scan status): kept
 * per annotator in the database, carried in bundles, filtered on in the
 * analysis view. One list, so a new status cannot reach one of them only.
 */
export const WORK_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];
