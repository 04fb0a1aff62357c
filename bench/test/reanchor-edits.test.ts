import { describe, expect, it } from 'vitest';
import { SEED, SIZES } from '../context';
import { createRng } from '../generate';
import { EDIT_KINDS, editArticle, sampleArticles } from '../reanchor-edits';
import { runReanchorAccuracy } from '../scenarios/reanchor-accuracy';

describe('re-anchoring benchmark edits', () => {
  const articles = sampleArticles(createRng(SEED), 20);

  it('annotates every sample article, within one line each', () => {
    expect(articles).toHaveLength(5);
    for (const article of articles) {
      expect(article.annotations).toHaveLength(20);
      for (const a of article.annotations) expect(a.quote.includes('\n')).toBe(false);
    }
  });

  it('tracks each span through each kind of edit', () => {
    const rng = createRng(SEED + 1);
    for (const article of articles) {
      for (const kind of EDIT_KINDS) {
        const edited = editArticle(rng, article, kind);
        expect(edited.text).not.toBe(article.text);
        edited.truth.forEach((truth, i) => {
          const quote = article.annotations[i]!.quote;
          if (truth.kind !== 'present') return;
          const now = edited.text.slice(truth.start, truth.end);
          // Unedited spans keep their exact text; an edited one differs by the edit alone.
          if (kind === 'typo_in_span' || kind === 'word_inserted') {
            expect(Math.abs(now.length - quote.length)).toBeLessThanOrEqual(14);
          } else expect(now, `${kind} ${quote}`).toBe(quote);
        });
        if (kind === 'span_deleted') expect(edited.truth.some((t) => t.kind !== 'present')).toBe(true);
      }
    }
  });

  it('reports per edit kind, and places nothing on a wrong passage at the small size', () => {
    const result = runReanchorAccuracy({ size: 'small', config: SIZES.small, log: () => {} } as never);
    expect(result.versions).toBe(5 * EDIT_KINDS.length * SIZES.small.reanchorVersionsPerEdit);
    const mode = result.with_previous_text;
    expect(Object.keys(mode.by_edit)).toEqual([...EDIT_KINDS]);
    expect(mode.total.wrong).toBe(0);
    expect(mode.total.correctly_orphaned).toBeGreaterThan(0);
    expect(
      mode.total.correct +
        mode.total.wrong +
        mode.total.orphaned_though_present +
        mode.total.correctly_orphaned,
    ).toBe(mode.total.annotations);
  });
});
