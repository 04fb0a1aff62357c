import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { patternMatchers, suggestForText } from '../../../../shared/suggest/suggest';
import { codePointIndex } from '../../../../shared/text/text-quote';
import { fromColumns, fromColumnsInSlices, SuggestCore } from '../suggest-core';
import { InThreadSuggestEngine, WorkerSuggestEngine, type SuggestWorkerLike } from '../suggest-engine';
import type { SuggestReply, SuggestRequest } from '../suggest-protocol';

const TEXT =
  'Kedua pihak sepakat memperkuat kerja sama kereta api. 😀 Sengketa di Laut Timur.\nThe sides agreed to boost trade.';
const matchers = patternMatchers(builtinCodebook());
const doc = {
  sha: 'a'.repeat(64),
  text: TEXT,
  annotations: [{ tag: 'dispute', start: 56, end: 64 }],
  rejected: [],
};

/** A worker in this thread: requests are structured-cloned and answered by a real core on a later task. */
function fakeWorker() {
  const core = new SuggestCore();
  const listeners = {
    message: [] as ((e: MessageEvent<SuggestReply>) => void)[],
    error: [] as ((e: Event) => void)[],
  };
  let terminated = false;
  let crashing = false;
  const worker: SuggestWorkerLike = {
    postMessage(request: SuggestRequest) {
      const copy = structuredClone(request);
      setTimeout(() => {
        if (terminated) return;
        if (crashing) {
          for (const l of listeners.error) l(Object.assign(new Event('error'), { message: 'out of memory' }));
          return;
        }
        const reply = structuredClone(core.handle(copy));
        for (const l of listeners.message) l(new MessageEvent('message', { data: reply }));
      });
    },
    addEventListener(type: string, listener: never) {
      (type === 'message' ? listeners.message : listeners.error).push(listener);
    },
    terminate() {
      terminated = true;
    },
  };
  return { worker, crash: () => (crashing = true), terminated: () => terminated };
}

describe('the suggestion engine', () => {
  it('gives, through the worker, exactly the suggestions of suggestForText', async () => {
    const { worker } = fakeWorker();
    const engine = new WorkerSuggestEngine(worker);
    const [columns] = await engine.suggest(matchers, true, [doc]);
    const expected = suggestForText({ text: TEXT, matchers, annotations: doc.annotations });
    expect(expected.length).toBeGreaterThan(3);
    expect(fromColumns(columns!, matchers, codePointIndex(TEXT))).toEqual(expected);
  });

  it('leaves out rejected suggestions and answers several documents at once', async () => {
    const engine = new InThreadSuggestEngine();
    const all = suggestForText({ text: TEXT, matchers, annotations: [] });
    const [a, b] = await engine.suggest(matchers, false, [
      { ...doc, annotations: [] },
      { ...doc, sha: 'b'.repeat(64), annotations: [], rejected: [all[0]!.key] },
    ]);
    expect(a!.start.length).toBe(
      suggestForText({ text: TEXT, matchers, annotations: [], snap: false }).length,
    );
    expect(fromColumns(b!, matchers, codePointIndex(TEXT)).map((s) => s.key)).not.toContain(all[0]!.key);
  });

  it('moves to the page when the worker dies, answering what was waiting', async () => {
    const { worker, crash, terminated } = fakeWorker();
    const reasons: string[] = [];
    const engine = new WorkerSuggestEngine(worker, (reason) => reasons.push(reason));
    crash();
    const [columns] = await engine.suggest(matchers, true, [doc]);
    expect(reasons).toEqual(['out of memory']);
    expect(terminated()).toBe(true);
    expect(columns!.start.length).toBeGreaterThan(3);
  });

  it('refuses a malformed request, saying what and where', () => {
    const reply = new SuggestCore().handle({
      type: 'suggest',
      id: 7,
      matchers: [],
      snap: true,
      documents: [{ sha: 'x' }],
    });
    expect(reply).toEqual({
      type: 'failed',
      id: 7,
      message: expect.stringMatching(/^Suggestion request: documents\[0\]\.text: .*expected string/),
    });
  });

  it('turns columns into suggestions a slice at a time, and stops when they are no longer wanted', async () => {
    const text = Array.from({ length: 400 }, () => TEXT).join('\n');
    const index = codePointIndex(text);
    const [columns] = await new InThreadSuggestEngine().suggest(matchers, true, [
      { ...doc, text, annotations: [] },
    ]);
    expect(columns!.start.length).toBeGreaterThan(1500);
    let pauses = 0;
    const pause = async (): Promise<void> => void pauses++;
    const sliced = await fromColumnsInSlices(columns!, matchers, index, { pause, budgetMs: 0 });
    expect(sliced).toEqual(fromColumns(columns!, matchers, index));
    expect(pauses).toBe(Math.ceil(columns!.start.length / 512) - 1);
    // Unwanted after its first pause: no list, and no more work.
    let asked = 0;
    const stopped = await fromColumnsInSlices(columns!, matchers, index, {
      pause,
      budgetMs: 0,
      stop: () => ++asked > 0,
    });
    expect(stopped).toBeNull();
    expect(asked).toBe(1);
  });
});
