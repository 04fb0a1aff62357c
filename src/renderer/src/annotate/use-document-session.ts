import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import type { Codebook } from '../../../shared/codebook/codebook';
import { codePointIndex } from '../../../shared/text/text-quote';
import { db } from '../db/db';
import { afterNextPaint } from '../editor/after-paint';
import type { HighlightSpan } from '../editor/highlight-plugin';
import { tagLabel } from './annotation-labels';
import { history } from './document-history';
import { DocumentSession } from './document-session';

export interface DocumentSessionView {
  session: DocumentSession;
  selectedId: string | null;
  /** The latest thing said to screen readers (and shown nowhere else). */
  announcement: string;
  announce(message: string): void;
  /** What Undo and Redo would take back or do again, or null when there is nothing. */
  undoStep: string | null;
  redoStep: string | null;
}

/**
 * The owner of one open document (see DocumentSession), kept for as long as
 * the same text is open by the same annotator. `stored` is the live query's
 * rows; `visible` the spans of them to draw under the panel's filters.
 */
export function useDocumentSession(
  args: {
    path: string;
    sha: string;
    annotator: string;
    text: string;
    codebook: Codebook;
    onError(message: string | null): void;
  },
  stored: Annotation[] | undefined,
  visible: HighlightSpan[],
): DocumentSessionView {
  const { path, sha, annotator, text } = args;
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef(args);
  latest.current = args;
  const session = useMemo(
    () =>
      new DocumentSession({
        db,
        history,
        path,
        sha,
        annotator,
        cpIndex: codePointIndex(text),
        tagLabel: (id) => tagLabel(latest.current.codebook, id),
        announce: setAnnouncement,
        onError: (message) => latest.current.onError(message),
        beforeWrite: afterNextPaint,
      }),
    [path, sha, annotator, text],
  );
  // A layout effect runs before the editor's effects: the first draw of a text carries its highlights.
  useLayoutEffect(() => session.setSaved(visible, stored ?? []), [session, visible, stored]);
  const selectedId = useSyncExternalStore(session.subscribeSelection, session.selectedId);
  const revision = useSyncExternalStore(
    (listener) => history.subscribe(listener),
    () => history.revision,
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the history's revision is what changes them
  const steps = useMemo(() => [session.stepName('undo'), session.stepName('redo')], [session, revision]);
  useEffect(() => setAnnouncement(''), [session]);
  return {
    session,
    selectedId,
    announcement,
    announce: setAnnouncement,
    undoStep: steps[0] ?? null,
    redoStep: steps[1] ?? null,
  };
}
