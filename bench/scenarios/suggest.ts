import { builtinCodebook } from '../../src/shared/codebook/builtin-codebook';
import {
  learnPhrases,
  learnedMatchers,
  patternMatchers,
  suggestForText,
  type Matcher,
} from '../../src/shared/suggest/suggest';
import { SEED, type BenchContext } from '../context';
import { createRng, generateArticle, sha256Hex } from '../generate';
import { fromColumns, SuggestCore } from '../../src/renderer/src/suggest/suggest-core';
import type { SuggestRequest } from '../../src/renderer/src/suggest/suggest-protocol';
import { codePointIndex } from '../../src/shared/text/text-quote';
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
  /** A corpus suggested in the background worker's batches (see `runCorpus`). */
  corpus: SuggestCorpusResult;
}

export interface SuggestCorpusResult {
  documents: number;
  code_points: number;
  suggestions: number;
  /** The worker's matching of the whole corpus (its `SuggestCore`), batch after batch. */
  worker_ms: Summary;
  /**
   * The page's longest share of one batch, measured in Node: the request's structured clone (what
   * `postMessage` copies) and turning the reply's columns into suggestions. No batch may hold the
   * page for more than 50 ms.
   */
  page_longest_batch_ms: Summary;
  /** The page's share of all batches, added up. */
  page_total_ms: Summary;
}

/** Documents per message, as the app sends a corpus (`corpus-accept.ts`). */
const CORPUS_BATCH = 100;
/** Code points per corpus article: a news article's length. */
const CORPUS_ARTICLE_CHARS = 4000;

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
  const matchers = [...learnedMatchers(phrases, builtinCodebook()), ...patternMatchers(builtinCodebook())];
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
    corpus: runCorpus(ctx, matchers),
  };
}

/**
 * Suggestions for a corpus of `loadDocuments` articles (10,000 at full
 * size), as the app asks its worker for them: batches of 100 documents,
 * each matched by a `SuggestCore` (the worker's code), each reply turned
 * into suggestions on the page. Both sides are timed apart.
 */
function runCorpus(ctx: BenchContext, matchers: readonly Matcher[]): SuggestCorpusResult {
  const rng = createRng(SEED + 17);
  const articles = Array.from({ length: ctx.config.loadDocuments }, () => {
    const text = generateArticle(rng, CORPUS_ARTICLE_CHARS).text;
    return { sha: sha256Hex(text), text };
  });
  const worker: number[] = [];
  const longest: number[] = [];
  const total: number[] = [];
  let count = 0;
  for (let run = 0; run < ctx.nodeRuns; run++) {
    const core = new SuggestCore();
    let workerMs = 0;
    let pageMs = 0;
    let pageLongest = 0;
    count = 0;
    for (let i = 0; i < articles.length; i += CORPUS_BATCH) {
      const batch = articles.slice(i, i + CORPUS_BATCH);
      let began = performance.now();
      const request: SuggestRequest = {
        type: 'suggest',
        id: i,
        matchers: [...matchers],
        snap: true,
        documents: batch.map((a) => ({ ...a, annotations: [], rejected: [] })),
      };
      const sent = structuredClone(request);
      let page = performance.now() - began;
      began = performance.now();
      const reply = core.handle(sent);
      workerMs += performance.now() - began;
      if (reply.type !== 'spans') throw new Error(`suggest corpus: ${reply.message}`);
      began = performance.now();
      reply.documents.forEach((columns, k) => {
        if (columns.start.length === 0) return;
        count += fromColumns(columns, matchers, codePointIndex(batch[k]!.text)).length;
      });
      page += performance.now() - began;
      pageMs += page;
      pageLongest = Math.max(pageLongest, page);
    }
    worker.push(workerMs);
    longest.push(pageLongest);
    total.push(pageMs);
    ctx.log(
      `suggest corpus: run ${run + 1}/${ctx.nodeRuns}: ${articles.length} articles, ${count} suggestions, ` +
        `worker ${round(workerMs)} ms, page ${round(pageMs)} ms (longest batch ${round(pageLongest)} ms)`,
    );
  }
  return {
    documents: articles.length,
    code_points: articles.length * CORPUS_ARTICLE_CHARS,
    suggestions: count,
    worker_ms: summarize(worker),
    page_longest_batch_ms: summarize(longest),
    page_total_ms: summarize(total),
  };
}
