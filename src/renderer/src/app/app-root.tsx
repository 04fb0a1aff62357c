import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from '../i18n/i18n';
import { App } from './App';

/** The workspace mounted in `container`: what `main.tsx` loads once the language is known. */
export function renderApp(container: HTMLElement, i18n: I18n): void {
  const root = createRoot(container);
  // As a transition React renders the first screen in slices, yielding between them: rendered
  // at once, with 10,000 documents listed, it was the page's longest task (about 70 ms).
  startTransition(() =>
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </StrictMode>,
    ),
  );
}
