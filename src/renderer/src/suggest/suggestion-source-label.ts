import type { TFunction } from 'i18next';
import type { Suggestion, SuggestionSource } from '../../../shared/suggest/suggestion-types';

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

/**
 * The outlines' labels ("Cooperation area, pattern: kereta api"), worded
 * once per tag and once per source: a long article's 11,528 suggestions
 * come from a few hundred sources, and an i18next look-up for each
 * suggestion was a 120 ms task when they arrived. Make a new one when the
 * codebook or the language changes. Sources are told apart by identity
 * (every suggestion of a matcher shares its source object), so a source
 * whose count changed is a new object and is worded again.
 */
export function outlineLabeler(
  t: TFunction,
  tagName: (tag: string) => string,
): (s: Pick<Suggestion, 'tag' | 'source'>) => string {
  const tags = new Map<string, string>();
  const labels = new WeakMap<SuggestionSource, { tag: string; label: string }>();
  return (s) => {
    const known = labels.get(s.source);
    if (known !== undefined && known.tag === s.tag) return known.label;
    let name = tags.get(s.tag);
    if (name === undefined) tags.set(s.tag, (name = tagName(s.tag)));
    const label = `${name}, ${suggestionSourceLabel(t, s.source)}`;
    labels.set(s.source, { tag: s.tag, label });
    return label;
  };
}
