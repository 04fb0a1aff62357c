import { lazy } from 'react';

/*
 * Views and dialogs that are not on the first screen, each loaded when it is
 * first shown. Evaluating the whole renderer bundle before the first render
 * was the app start's longest task (~0.4 s: the charts library alone is most
 * of the bundle, the exchange formats and the compare view much of the rest);
 * split off, the first screen's code is parsed and run in a fraction of that,
 * and each of these costs one short load when the analyst opens it. Rendered
 * under a Suspense boundary (App.tsx).
 */

export const AnalysisViews = lazy(() =>
  import('../analysis/AnalysisViews').then((m) => ({ default: m.AnalysisViews })),
);
export const CompareView = lazy(() =>
  import('../review/CompareView').then((m) => ({ default: m.CompareView })),
);
export const SettingsDialog = lazy(() =>
  import('./AnnotatorDialogs').then((m) => ({ default: m.SettingsDialog })),
);
export const AnnotatorPrompt = lazy(() =>
  import('./AnnotatorDialogs').then((m) => ({ default: m.AnnotatorPrompt })),
);
export const TeamDialog = lazy(() => import('../team/TeamDialog').then((m) => ({ default: m.TeamDialog })));
export const ExportDialog = lazy(() =>
  import('../exchange/ExportDialog').then((m) => ({ default: m.ExportDialog })),
);
export const ImportDialog = lazy(() =>
  import('../exchange/ImportDialog').then((m) => ({ default: m.ImportDialog })),
);
export const BackupsDialog = lazy(() =>
  import('../backup/BackupsDialog').then((m) => ({ default: m.BackupsDialog })),
);
export const CodebookDialog = lazy(() =>
  import('./CodebookDialog').then((m) => ({ default: m.CodebookDialog })),
);
