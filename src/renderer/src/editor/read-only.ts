import { Plugin } from 'prosemirror-state';

/**
 * The article text is the source of truth on disk; Tanda never edits it.
 * The view stays contenteditable so a caret exists and Shift+arrows can
 * select, but every change to the document is refused here.
 */
export function readOnlyPlugin(): Plugin {
  const refuse = (_view: unknown, event: Event): boolean => {
    event.preventDefault();
    return true;
  };
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged,
    props: {
      handleDOMEvents: { beforeinput: refuse, drop: refuse, paste: refuse, cut: refuse },
      handleTextInput: () => true,
    },
  });
}
