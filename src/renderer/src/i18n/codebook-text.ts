import { useMemo } from 'react';
import type { Codebook } from '../../../shared/codebook/codebook';
import {
  codebookInLanguage,
  displayDescription,
  displayLabel,
  type Labelled,
  type PerLanguage,
} from '../../../shared/codebook/codebook-languages';
import { currentLanguage, useUiLanguage } from './i18n';

/*
 * Codebook labels and descriptions in the interface language (#19), for the
 * places that show one. Exports, ids and files keep `label`, the codebook's
 * first language; only what a person reads goes through here.
 */

/** Read at render time: a language switch re-renders the app from its root. */
export function localLabel(item: Labelled): string {
  return displayLabel(item, currentLanguage());
}

export function localDescription(tag: {
  description: string;
  descriptions?: PerLanguage | undefined;
}): string {
  return displayDescription(tag, currentLanguage());
}

/**
 * The codebook with its texts in the interface language, for views that
 * compute what they show from the codebook (charts, agreement tables).
 * Display only: never save or export it.
 */
export function useShownCodebook(codebook: Codebook): Codebook {
  const { language } = useUiLanguage();
  return useMemo(() => codebookInLanguage(codebook, language), [codebook, language]);
}
