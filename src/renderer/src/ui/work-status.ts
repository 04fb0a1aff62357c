import type { WorkStatus } from '../db/tanda-db';

/** How a document's work status reads wherever the app shows it (status picker, filters, document list). */
export const STATUS_LABELS: Record<WorkStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
};
