import { useUiLanguage } from '../i18n/i18n';

interface Props {
  loading: boolean;
  notice: string | null;
}

/** The article region before a document is open (or while it opens). */
export function ArticlePane({ loading, notice }: Props): React.JSX.Element {
  const { t } = useUiLanguage('app');
  return (
    <section aria-label={t('article.label')} className="article-pane" aria-busy={loading}>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <p className="empty-note">{loading ? t('article.opening') : t('article.empty')}</p>
    </section>
  );
}
