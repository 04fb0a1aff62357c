import { AnnotationMirror } from '../../src/renderer/src/db/annotation-mirror';
import { createAnnotation } from '../../src/renderer/src/db/annotation-repo';
import { TandaDB } from '../../src/renderer/src/db/tanda-db';
import type { Annotation } from '../../src/shared/annotation/annotation-types';
import type { DocumentTally } from '../../src/shared/annotation/document-tally';

/*
 * The document list's counts as the app keeps them: the annotation mirror
 * (`db/annotation-mirror.ts`) applying each committed write, and
 * `annotatorTallies` (what `useDocumentTallies` renders) counting again.
 * One implementation for both databases: Node runs it on fake-indexeddb, the
 * Chromium probe page (`idb-probe.ts`) on Chromium's IndexedDB.
 */

/** One tag among `annotations` → the mirror's tallies for its annotator count it; ms per run. */
export async function talliesAfterTag(
  name: string,
  annotations: Annotation[],
  runs: number,
): Promise<number[]> {
  const db = new TandaDB(name);
  const mirror = new AnnotationMirror(db); // before open, as `db/db.ts` does: its middleware sees every write
  await db.open();
  try {
    await db.annotations.bulkPut(annotations);
    await mirror.ready();
    const annotator = annotations[0]!.annotator;
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const source = annotations[run % annotations.length]!;
      const before = countOf(mirror.annotatorTallies(annotator), source.documentPath);
      let unsubscribe = (): void => {};
      const counted = new Promise<void>((resolve) => {
        unsubscribe = mirror.subscribe(() => {
          if (countOf(mirror.annotatorTallies(annotator), source.documentPath) > before) resolve();
        });
      });
      const t0 = performance.now();
      await createAnnotation(db, { ...source, id: crypto.randomUUID(), note: `run ${run}` });
      await counted;
      times.push(performance.now() - t0);
      unsubscribe();
    }
    return times;
  } finally {
    await db.delete();
  }
}

/**
 * A launch with `copies` × `annotations` stored, after a session that saved
 * the document list's counts (as the app does a little after each change):
 * opening the database until the annotator's tallies are known (the document
 * list's counts on screen; `ms`), until the reopened document's annotations
 * are given (its highlights; `documentMs`), and until the mirror has read the
 * whole table (`loadedMs`); ms per run, each with a fresh database connection and
 * mirror. `readMs` is the table's read alone.
 */
export async function mirrorStartup(
  name: string,
  annotations: Annotation[],
  copies: number,
  runs: number,
): Promise<{ rows: number; ms: number[]; documentMs: number[]; loadedMs: number[]; readMs: number[] }> {
  const fill = new TandaDB(name);
  const session = new AnnotationMirror(fill);
  await fill.open();
  const documents = new Set(annotations.map((a) => a.documentPath)).size;
  for (let c = 0; c < copies; c++) {
    await fill.annotations.bulkPut(
      annotations.map((a) => ({
        ...a,
        id: crypto.randomUUID(),
        documentPath: c === 0 ? a.documentPath : `${a.documentPath}#${c}`,
      })),
    );
  }
  const rows = await fill.annotations.count();
  await session.ready();
  if (!(await session.saveTallies())) throw new Error('the session before the launch saved no counts');
  fill.close();
  const annotator = annotations[0]!.annotator;
  const ms: number[] = [];
  const documentMs: number[] = [];
  const loadedMs: number[] = [];
  // The document a launch reopens: one with 10,000 annotations at full size.
  const reopened = annotations[0]!.documentPath;
  const onReopened = annotations.filter((a) => a.documentPath === reopened).length;
  const readMs: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const db = new TandaDB(name);
      const mirror = new AnnotationMirror(db);
      const t0 = performance.now();
      let shown = 0;
      let drawn = 0;
      let tallies: ReadonlyMap<string, DocumentTally> | undefined;
      let early: readonly Annotation[] | undefined;
      const known = new Promise<void>((resolve) =>
        mirror.subscribe(() => {
          if (!shown && mirror.talliesKnown()) {
            shown = performance.now() - t0;
            tallies = mirror.annotatorTallies(annotator);
          }
          if (!drawn && (early = mirror.forDocument(reopened))) drawn = performance.now() - t0;
          if (shown && drawn) resolve();
        }),
      );
      mirror.forDocument(reopened); // as the workspace asks at a launch, before anything is read
      await known;
      ms.push(shown);
      documentMs.push(drawn);
      if (early?.length !== onReopened)
        throw new Error(
          `the launch gave ${early?.length} annotations of ${reopened}, expected ${onReopened}`,
        );
      await mirror.ready();
      loadedMs.push(performance.now() - t0);
      if (tallies?.size !== documents * copies)
        throw new Error(
          `the launch showed counts of ${tallies?.size} documents, expected ${documents * copies}`,
        );
      const read = mirror.annotatorTallies(annotator)!;
      for (const path of read.keys())
        if (countOf(tallies, path) !== countOf(read, path))
          throw new Error(
            `the launch showed ${countOf(tallies, path)} annotations on ${path}, the table has ${countOf(read, path)}`,
          );
      // The table's read alone (what IndexedDB and structured clone cost, not the mirror's indexing).
      const r0 = performance.now();
      await db.annotations.toArray();
      readMs.push(performance.now() - r0);
      db.close();
    }
  } finally {
    await new TandaDB(name).delete();
  }
  return { rows, ms, documentMs, loadedMs, readMs };
}

function countOf(tallies: ReadonlyMap<string, DocumentTally> | undefined, path: string): number {
  let n = 0;
  for (const count of tallies?.get(path)?.byTag.values() ?? []) n += count;
  return n;
}
