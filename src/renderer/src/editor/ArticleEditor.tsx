import { useEffect, useRef } from 'react';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { articleDocFromText } from './article-doc';
import { readOnlyPlugin } from './read-only';

interface Props {
  /** Changing the key (document path + sha256) loads a new text. */
  docKey: string;
  text: string;
}

/** Hosts one ProseMirror view for the life of the component; texts are swapped into it. */
export function ArticleEditor({ docKey, text }: Props): React.JSX.Element {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);

  useEffect(() => {
    const view = new EditorView(hostRef.current!, {
      state: EditorState.create({ doc: articleDocFromText('') }),
      attributes: {
        'aria-label': 'Article text',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-readonly': 'true',
        spellcheck: 'false',
        class: 'article-text',
      },
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.updateState(EditorState.create({ doc: articleDocFromText(text), plugins: [readOnlyPlugin()] }));
    view.dom.scrollTop = 0;
    // Text is replaced only when docKey changes; `text` alone follows it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docKey]);

  return <div ref={hostRef} className="article-host" />;
}
