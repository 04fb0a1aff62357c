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
import { Announcer, type AnnouncementSource } from '../ui/announcer';

export interface DocumentSessionView {
  session: DocumentSession;
  selectedId: string | null;
  /** What is said to screen readers (and shown nowhere else): read by a `LiveRegion`, not by the view. */
  announcements: AnnouncementSource;
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
  // Not React state: a `]` or Tab announcement would render the whole workspace for one sentence.
  const [announcer] = useState(() => new Announcer());
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
        announce: announcer.say,
        onError: (message) => latest.current.onError(message),
        beforeWrite: afterNextPaint,
      }),
    [path, sha, annotator, text, announcer],
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
  useEffect(() => announcer.clear(), [announcer, session]);
  return {
    session,
    selectedId,
    announcements: announcer,
    announce: announcer.say,
    undoStep: steps[0] ?? null,
    redoStep: steps[1] ?? null,
  };
}
