import { BUILTIN_CODEBOOK } from '../../src/shared/codebook/builtin-codebook';
import {
  learnPhrases,
  learnedMatchers,
  patternMatchers,
  suggestForText,
} from '../../src/shared/suggest/suggest';
import type { BenchContext } from '../context';
import { timed } from '../node-timing';
import { round, summarize, type Summary } from '../stats';
import { runSuggestUi, type SuggestUiResult } from './suggest-ui';

export interface SuggestResult {
  code_points: number;
  patterns: number;
  learned_phrases: number;
  suggestions: number;
  /** Fold the text, match every pattern and learned phrase, snap, drop what is annotated: what opening costs. */
  suggest_ms: Summary;
  /**
   * The same runs in CPU time of this process: close to `suggest_ms` on a
   * quiet machine, and what to read when the load average is high (wall
   * time then includes waiting for a core).
   */
  suggest_cpu_ms: Summary;
  /** The same article in the app: the worker, the page's long tasks, accept and reject keys. */
  ui: SuggestUiResult;
}

/** Distinct phrases an analyst has taught by tagging: a few hundred, not every annotation. */
const LEARNED_PHRASES = 200;

/**
 * Suggestions for the long article: the built-in codebook's patterns plus
 * learned phrases taken from the article's own annotations, the existing
 * annotations left out as in the app.
 */
export async function runSuggest(ctx: BenchContext): Promise<SuggestResult> {
  const { article, annotations } = ctx.longArticle();
  const phrases = learnPhrases(annotations).slice(0, LEARNED_PHRASES);
  const matchers = [...learnedMatchers(phrases, BUILTIN_CODEBOOK), ...patternMatchers(BUILTIN_CODEBOOK)];
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let count = 0;
  for (let i = 0; i < ctx.nodeRuns; i++) {
    let cpu = 0;
    const { value, ms } = await timed(() => {
      const before = process.cpuUsage();
      const list = suggestForText({ text: article.text, matchers, annotations });
      const used = process.cpuUsage(before);
      cpu = (used.user + used.system) / 1000;
      return list;
    });
    count = value.length;
    times.push(ms);
    cpuTimes.push(cpu);
    ctx.log(
      `suggest: run ${i + 1}/${ctx.nodeRuns}: ${round(ms)} ms, ${round(cpu)} ms CPU (${value.length} suggestions)`,
    );
  }
  return {
    code_points: article.chars,
    patterns: matchers.length - phrases.length,
    learned_phrases: phrases.length,
    suggestions: count,
    suggest_ms: summarize(times),
    suggest_cpu_ms: summarize(cpuTimes),
    ui: await runSuggestUi(ctx),
  };
}
