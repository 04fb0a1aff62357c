interface Props {
  loading: boolean;
  notice: string | null;
}

/** The article region before a document is open (or while it opens). */
export function ArticlePane({ loading, notice }: Props): React.JSX.Element {
  return (
    <section aria-label="Article" className="article-pane" aria-busy={loading}>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <p className="empty-note">{loading ? 'Opening…' : 'Choose a document to read it.'}</p>
    </section>
  );
}
