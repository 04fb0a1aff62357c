/**
 * `performance.mark` names the app sets for the benchmark (and anyone with
 * a profiler) to wait on. Each mark's `detail` says how many documents it
 * counted.
 */

/** Every readable document of the corpus is searchable at its current text (indexed, or restored from the cache). */
export const LIBRARY_SEARCHABLE_MARK = 'tanda:library-searchable';
/** Every text of the corpus has become read by the page. */
export const LIBRARY_READ_MARK = 'tanda:library-read';
/** Every text is read and also indexed and described: search and metadata are complete. */
export const LIBRARY_COMPLETE_MARK = 'tanda:library-complete';
/** After a complete library: the languages detected on the way are saved for the next launch. */
export const LIBRARY_CACHED_MARK = 'tanda:library-cached';
