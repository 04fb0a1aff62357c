import type { DocumentMeta } from '../../../shared/corpus-types';
import { formatCount } from './format';

interface Props {
  documents: DocumentMeta[];
  selectedPath: string | null;
  onSelect: (path: string) => void;
}

/** The corpus as a list: good documents open on click; bad ones say why on hover and focus. */
export function DocumentList({ documents, selectedPath, onSelect }: Props): React.JSX.Element {
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
                <span className="document-sub">
                  {ok ? `${formatCount(doc.chars ?? 0)} chars · ${doc.path}` : doc.path}
                </span>
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

/** Up/Down/Home/End move between documents, as in any list. */
function moveFocusWithArrows(event: React.KeyboardEvent<HTMLUListElement>): void {
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const target =
    event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : null;
  if (target === null || at < 0) return;
  event.preventDefault();
  items[Math.max(0, Math.min(items.length - 1, target))]?.focus();
}
