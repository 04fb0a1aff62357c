import type { DocumentText } from '../../../shared/corpus-types';
import { ArticleEditor } from '../editor/ArticleEditor';
import { formatCount } from './format';

interface Props {
  article: DocumentText | null;
  loading: boolean;
  notice: string | null;
}

export function ArticlePane({ article, loading, notice }: Props): React.JSX.Element {
  return (
    <section aria-label="Article" className="article-pane" aria-busy={loading}>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {article ? (
        <>
          <header className="article-header">
            <h1 title={article.meta.title}>{article.meta.title}</h1>
            <p className="article-meta">
              <span title="Path relative to the corpus folder">{article.meta.path}</span>
              <span>{formatCount(article.meta.chars ?? 0)} characters</span>
              <span>{article.meta.encoding}</span>
            </p>
          </header>
          <ArticleEditor docKey={`${article.meta.path}@${article.meta.sha256}`} text={article.text} />
        </>
      ) : (
        <p className="empty-note">{loading ? 'Opening…' : 'Choose a document to read it.'}</p>
      )}
    </section>
  );
}
