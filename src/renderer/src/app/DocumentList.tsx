import type { DocumentMeta } from '../../../shared/corpus-types';
import type { WorkStatus } from '../db/tanda-db';
import { formatCount } from './format';
import { moveFocusWithArrows } from './list-keys';

const STATUS_BADGES: Record<WorkStatus, string | null> = {
  not_started: null,
  in_progress: 'In progress',
  done: 'Done',
};

interface Props {
  documents: DocumentMeta[];
  /** The analyst's own progress per document path. */
  statuses: ReadonlyMap<string, WorkStatus>;
  selectedPath: string | null;
  onSelect: (path: string) => void;
  /** One short line per document path, e.g. `2025-10-09 · VOVWORLD · Indonesian`. */
  metadata?: ReadonlyMap<string, string>;
}

/** The corpus as a list: good documents open on click; bad ones say why on hover and focus. */
export function DocumentList({ documents, statuses, selectedPath, onSelect, metadata }: Props): React.JSX.Element {
  const bad = documents.filter((d) => d.status !== 'ok').length;
  return (
    <nav aria-label="Documents" className="document-list">
      <h2 className="pane-heading">
        Documents <span className="count">{formatCount(documents.length - bad)}</span>
        {bad > 0 && <span className="count bad" title="Files that could not be opened">{bad} not readable</span>}
      </h2>
      {documents.length === 0 && <p className="empty-note">No .txt or .md files in this folder.</p>}
      <ul onKeyDown={moveFocusWithArrows}>
        {documents.map((doc) => {
          const ok = doc.status === 'ok';
          const reasonId = `reason-${encodeURIComponent(doc.path)}`;
          return (
            <li key={doc.path}>
              <button
                type="button"
                className={`document-item status-${doc.status}`}
                aria-current={doc.path === selectedPath ? 'page' : undefined}
                aria-disabled={ok ? undefined : true}
                aria-describedby={ok ? undefined : reasonId}
                title={ok ? doc.path : `${doc.path}: ${doc.reason ?? doc.status}`}
                onClick={() => ok && onSelect(doc.path)}
              >
                <span className="document-title">{doc.title}</span>
                {ok && STATUS_BADGES[statuses.get(doc.path) ?? 'not_started'] && (
                  <span className={`status-badge ${statuses.get(doc.path)}`}>
                    {STATUS_BADGES[statuses.get(doc.path) ?? 'not_started']}
                  </span>
                )}
                <span className="document-sub">
                  {ok ? `${formatCount(doc.chars ?? 0)} chars · ${doc.path}` : doc.path}
                </span>
                {ok && metadata?.get(doc.path) && <span className="document-metadata">{metadata.get(doc.path)}</span>}
                {!ok && (
                  <span id={reasonId} className="document-reason">
                    {doc.status === 'skipped' ? 'Skipped' : 'Error'}: {doc.reason}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
