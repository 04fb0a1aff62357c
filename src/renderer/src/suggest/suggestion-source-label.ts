import type { TFunction } from 'i18next';
import type { SuggestionSource } from '../../../shared/suggest/suggestion-types';

/**
 * A suggestion's source in the analyst's language: "pattern: kereta api",
 * "you tagged this 4×" ("pola: kereta api", "Anda menandai ini 4×"). The
 * shared layer hands over data only; the CLI's English note is `sourceNote`.
 */
export function suggestionSourceLabel(t: TFunction, source: SuggestionSource): string {
  return source.kind === 'pattern'
    ? t('suggest:source.pattern', { pattern: source.pattern })
    : t('suggest:source.learned', { count: source.count, n: source.count });
}
