import { useSyncExternalStore } from 'react';
import type { AnnouncementSource } from './announcer';

/** A polite live region that reads its own store: an announcement renders this paragraph only. */
export function LiveRegion({ source }: { source: AnnouncementSource }): React.JSX.Element {
  const said = useSyncExternalStore(source.subscribe, source.get);
  return (
    <p className="visually-hidden" aria-live="polite">
      {said}
    </p>
  );
}
