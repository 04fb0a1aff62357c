import { TandaDB } from './tanda-db';

/** The app's database. Tests make their own `new TandaDB(name)` instead. */
export const db = new TandaDB();
