import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorMessage } from '../../../shared/validation/error-message';
import { useUiLanguage } from '../i18n/i18n';

interface Props {
  /** What the boundary holds, for the message: "the article", "the Backups dialog". */
  name: string;
  children: ReactNode;
  /** Told once per failure, e.g. to stop reopening a document at launch. */
  onError?(error: unknown): void;
}

interface State {
  error: unknown;
}

/**
 * Keeps a failure inside one view: whatever the view throws while rendering
 * (or in an effect), the rest of the app (the top bar, Backups, Export) stays
 * usable, and the view says what went wrong instead of the page going blank.
 * Give it a `key` that changes with what it shows, so the next document or
 * view starts afresh.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Tanda: ${this.props.name} failed`, error, info.componentStack);
    this.props.onError?.(error);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <ViewFailed
        name={this.props.name}
        message={errorMessage(this.state.error)}
        onRetry={() => this.setState({ error: null })}
      />
    );
  }
}

/** What a failed view shows instead of itself (a function component, for the translation hook). */
function ViewFailed(props: { name: string; message: string; onRetry(): void }): React.JSX.Element {
  const { t } = useUiLanguage('team');
  return (
    <section
      role="alert"
      aria-label={t('errorBoundary.failed', { name: props.name })}
      className="view-failed"
    >
      <h2>{t('errorBoundary.title', { name: props.name })}</h2>
      <p>{props.message}</p>
      <p className="hint">{t('errorBoundary.hint')}</p>
      <button type="button" onClick={props.onRetry}>
        {t('errorBoundary.retry')}
      </button>
    </section>
  );
}
