import type { PatternKind } from '../codebook/tag-patterns';
import { foldWithMap, type FoldedText } from '../text/text-fold';
import { codePointIndex, type CodePointIndex, type Span } from '../text/text-quote';
import { compileScanner } from './pattern-scan';

/**
 * Where one pattern occurs in one text, as code point spans of the
 * normalized text. Phrases and wildcards are matched in the folded text
 * (the corpus search's folding, `text-fold.ts`), so they ignore accents,
 * case and punctuation exactly as search does; regular expressions run on
 * the text itself. No match crosses a line break: a paragraph is the
 * largest thing an analyst tags. Many patterns at once: `pattern-scan.ts`.
 */

/** A text prepared once for every pattern matched against it. */
export interface MatchableText {
  readonly text: string;
  readonly index: CodePointIndex;
  readonly fold: FoldedText;
}

export function matchableText(text: string): MatchableText {
  return { text, index: codePointIndex(text), fold: foldWithMap(text) };
}

/** A compiled pattern: call `spans` for each text. */
export interface CompiledPattern {
  spans(text: MatchableText): Span[];
}

/** Compile one pattern. The caller has validated it (`TagPatternSchema`); a bad one matches nothing. */
export function compilePattern(kind: PatternKind, text: string): CompiledPattern {
  const scanner = compileScanner([{ kind, text }]);
  return { spans: (t) => scanner.scan(t)[0]! };
}
