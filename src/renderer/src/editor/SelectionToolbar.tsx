import { useUiLanguage } from '../i18n/i18n';

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
  const { t } = useUiLanguage('editor');
  return (
    <div role="toolbar" aria-label={t('tagSelection')} className="selection-toolbar" style={{ top, left }}>
      {tags.map((tag) => (
        <button
          key={tag.id}
          type="button"
          className={`tag-button tag-${tag.id}`}
          title={
            tag.shortcut
              ? t('tagButtonTitle', { description: tag.description, key: tag.shortcut })
              : tag.description
          }
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
