export interface ToolbarTag {
  id: string;
  label: string;
  shortcut: string | null;
  description: string;
}

interface Props {
  tags: ToolbarTag[];
  top: number;
  left: number;
  onTag(tagId: string): void;
}

/**
 * The popover over a text selection: one button per active tag, named by its
 * label. Buttons take no focus on mousedown, so the selection survives the
 * click.
 */
export function SelectionToolbar({ tags, top, left, onTag }: Props): React.JSX.Element {
  return (
    <div role="toolbar" aria-label="Tag selection" className="selection-toolbar" style={{ top, left }}>
      {tags.map((tag) => (
        <button
          key={tag.id}
          type="button"
          className={`tag-button tag-${tag.id}`}
          title={`${tag.description}${tag.shortcut ? ` (key ${tag.shortcut})` : ''}`}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onTag(tag.id)}
        >
          <span className="tag-swatch" aria-hidden="true" />
          {tag.label}
          {tag.shortcut && (
            <kbd className="shortcut" aria-hidden="true">
              {tag.shortcut}
            </kbd>
          )}
        </button>
      ))}
    </div>
  );
}
