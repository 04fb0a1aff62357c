import { AnnotationMirror } from './annotation-mirror';
import { TandaDB } from './tanda-db';

/** The app's database. Tests make their own `new TandaDB(name)` instead. */
export const db = new TandaDB();

/** The app's annotations in memory, current after every write (see AnnotationMirror). */
export const annotationMirror = new AnnotationMirror(db);
