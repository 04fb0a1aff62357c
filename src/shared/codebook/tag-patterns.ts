import { z } from 'zod';
import { AttributeValuesSchema } from '../annotation/annotation-types';
import { errorMessage } from '../validation/error-message';

/**
 * Patterns a tag may carry, from which Tanda proposes suggestions
 * (`src/shared/suggest/`). Kept apart from `codebook.ts` because they are
 * the one part of a tag that is matched against text rather than shown.
 *
 * Kinds, as the analyst writes them:
 *  - `phrase`: words matched with the corpus search's folding (accents,
 *    case and punctuation ignored) on word boundaries: `kereta api` finds
 *    *Kereta-api*;
 *  - `wildcard`: a phrase where `*` inside a word stands for any letters
 *    (`berkomitmen*`), a `*` word for exactly one word (`kerja sama * digital`),
 *    and `?` for one letter;
 *  - `regex`: a JavaScript regular expression on the text itself,
 *    case-insensitive; when it has a capture group, the first group is the
 *    span (`akan (membangun [^.,]+)`).
 */

export const PatternKindSchema = z.enum(['phrase', 'wildcard', 'regex']);
export type PatternKind = z.infer<typeof PatternKindSchema>;

export const TagPatternSchema = z
  .object({
    kind: PatternKindSchema,
    text: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
    /** How the pattern is named to the analyst instead of its text (useful for a long regex). */
    label: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(120, 'must be at most 120 characters')
      .optional(),
    /** Attribute values an accepted suggestion starts with (e.g. sector `rail` for `kereta api`). */
    attributes: AttributeValuesSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const problem = patternProblem(p.kind, p.text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: ['text'] });
  });
export type TagPattern = z.infer<typeof TagPatternSchema>;

/** Flags every regex pattern runs with: global, case-insensitive, Unicode, with match indices. */
export const REGEX_PATTERN_FLAGS = 'giud';

/** Why `text` cannot be a pattern of this kind, or null when it can. */
export function patternProblem(kind: PatternKind, text: string): string | null {
  if (kind === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(text, REGEX_PATTERN_FLAGS);
    } catch (error) {
      return `is not a valid regular expression: ${errorMessage(error)}`;
    }
    // A pattern that matches nothing at all would propose empty spans everywhere.
    if (re.test('')) return 'matches the empty text; it must need at least one character';
    return null;
  }
  if (!/[\p{L}\p{N}]/u.test(text)) return 'must contain at least one letter or digit';
  if (kind === 'phrase' && /[*?]/.test(text)) return 'has * or ?; make it a wildcard pattern';
  return null;
}

/**
 * How a pattern is named to the analyst, in any language: its label, else
 * its text (a regex between slashes). The words around it ("pattern: …")
 * belong to whoever shows it (`sourceNote`, the renderer's catalogs).
 */
export function patternName(pattern: Pick<TagPattern, 'kind' | 'text' | 'label'>): string {
  if (pattern.label !== undefined) return pattern.label;
  return pattern.kind === 'regex' ? `/${pattern.text}/` : pattern.text;
}
