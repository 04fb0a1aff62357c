import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorMessage } from '../../../shared/validation/error-message';

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
    const message = errorMessage(this.state.error);
    return (
      <section role="alert" aria-label={`${this.props.name} failed`} className="view-failed">
        <h2>Tanda could not show {this.props.name}</h2>
        <p>{message}</p>
        <p className="hint">
          The rest of the app still works: open another document or view, or restore a backup. Nothing saved
          was changed.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
