import { UndoHistory } from '../db/undo-history';

/** Undo history for this session: per document, never persisted (a reload starts fresh). */
export const history = new UndoHistory();
