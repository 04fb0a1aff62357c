import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import { addAttribute, addTag } from '../../../shared/codebook/codebook';
import { exportAnnotationsCsv } from '../../../shared/exchange/csv-export';
import { describeSpan } from '../../../shared/text/text-quote';
import { makeTempCorpus, type TempCorpus } from '../../services/test/temp-corpus';
import { runTanda } from './run-tanda';

const tanda = runTanda;

// a.txt is 20 code points (21 UTF-16 units: the emoji is one code point), b.txt 10.
// c.txt is in the corpus but in no CSV, so it is not in scope.
const TEXTS: Record<string, string> = {
  'a.txt': 'Hà Nội 😀 ký kết xyz!',
  'b.txt': 'Trade pact',
  'c.txt': 'Not annotated by anyone.',
};
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function annotation(annotator: string, docPath: string, tag: string, start: number, end: number): Annotation {
  const text = TEXTS[docPath]!;
  return {
    id: randomUUID(),
    documentPath: docPath,
    contentSha256: sha(text),
    annotator,
    tag,
    start,
    end,
    ...describeSpan(text, start, end),
    attributes: {},
    note: '',
    createdAt: '2025-01-02T03:04:05.006Z',
    updatedAt: '2025-01-02T03:04:05.006Z',
  };
}

const csvOf = (annotations: Annotation[]): string =>
  exportAnnotationsCsv({ annotations, documents: new Map(), codebook: builtinCodebook() });

/*
 * commitment: ann a.txt [0,10) and b.txt [0,2); bob a.txt [5,15).
 *   Units: 20 + 10 = 30 code points. n₁₁ = 5 (a 5..9), n₁₀ = 5 + 2 = 7, n₀₁ = 5, n₀₀ = 13.
 *   κ (scikit-learn's form): expected disagreement = b₀·a₁/N + b₁·a₀/N = 20·12/30 + 10·18/30 = 14,
 *     observed 12 → κ = 1 − 12/14 = 1/7.
 *   α: n₁ = 2·5 + 7 + 5 = 22, n₀ = 38, D = 12 → 1 − 59·12/(38·22) = 1 − 708/836 = 32/209.
 *   exact: nothing matches → P = 0/1, R = 0/2, F1 = 0.
 *   overlap: bob's span overlaps ann's → P = 1; ann's a.txt span overlaps, b.txt not → R = 1/2; F1 = 2/3.
 *   presence: a.txt both, b.txt ann only → 1/2.
 * dispute: ann and bob both a.txt [2,4) → κ = α = 1, all F1 = 1, presence 2/2.
 */
const ANN = [
  annotation('ann', 'a.txt', 'commitment', 0, 10),
  annotation('ann', 'b.txt', 'commitment', 0, 2),
  annotation('ann', 'a.txt', 'dispute', 2, 4),
];
const BOB = [annotation('bob', 'a.txt', 'commitment', 5, 15), annotation('bob', 'a.txt', 'dispute', 2, 4)];
const CYD = [annotation('cyd', 'a.txt', 'commitment', 0, 15), annotation('cyd', 'b.txt', 'dispute', 0, 10)];

const PERFECT = { precision: 1, recall: 1, f1: 1 };
const COMMITMENT = {
  kappa: 1 - 12 / 14,
  alpha: 1 - 708 / 836,
  a_spans: 2,
  b_spans: 1,
  exact: { precision: 0, recall: 0, f1: 0 },
  overlap: { precision: 1, recall: 0.5, f1: 2 / 3 },
  presence: 0.5,
};
const DISPUTE = { kappa: 1, alpha: 1, a_spans: 1, b_spans: 1, exact: PERFECT, overlap: PERFECT, presence: 1 };
const UNUSED = {
  kappa: null,
  alpha: null,
  a_spans: 0,
  b_spans: 0,
  exact: { precision: null, recall: null, f1: null },
  overlap: { precision: null, recall: null, f1: null },
  presence: 1,
};

const corpora: TempCorpus[] = [];
afterAll(() => Promise.all(corpora.map((c) => c.remove())));
/** A corpus folder holding TEXTS, and a sibling folder with ann.csv, bob.csv and cyd.csv. */
async function setup(): Promise<{
  corpus: TempCorpus;
  files: TempCorpus;
  ann: string;
  bob: string;
  cyd: string;
}> {
  const corpus = await makeTempCorpus(TEXTS);
  const files = await makeTempCorpus();
  corpora.push(corpus, files);
  return {
    corpus,
    files,
    ann: await files.write('ann.csv', csvOf(ANN)),
    bob: await files.write('bob.csv', csvOf(BOB)),
    cyd: await files.write('cyd.csv', csvOf(CYD)),
  };
}

describe.concurrent('tanda agreement --json', () => {
  it('prints the report in the documented shape, with the hand-computed numbers', async () => {
    const { corpus, ann, bob } = await setup();
    const run = await tanda('agreement', '--corpus', corpus.root, ann, bob, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    expect(run.stdout.split('\n')).toHaveLength(2); // one line
    const report = JSON.parse(run.stdout);
    expect(report).toEqual({
      documents: 2,
      annotators: ['ann', 'bob'],
      tags: { commitment: COMMITMENT, dispute: DISPUTE },
      macro: {
        kappa: (1 - 12 / 14 + 1) / 2,
        alpha: (1 - 708 / 836 + 1) / 2,
        exact_f1: 0.5,
        overlap_f1: (2 / 3 + 1) / 2,
      },
      // No tag here has attributes: nothing to agree on.
      attributes: {},
      per_document: [
        {
          document_path: 'a.txt',
          // Per document: the mean over the tags used in it (commitment 0 and dispute 1).
          kappa: (0 + 1) / 2,
          alpha: (1 - 390 / 400 + 1) / 2,
          tags: {
            // a.txt alone, 20 units: n₁₁ = 5, n₁₀ = 5, n₀₁ = 5, n₀₀ = 5 → κ = 1 − 10/(10·10/20 + 10·10/20) = 0;
            // α = 1 − 39·10/(20·20) = 0.025. Exact: P = 0, R = 0/1; overlap: P = R = 1.
            commitment: {
              kappa: 0,
              alpha: 1 - 390 / 400,
              a_spans: 1,
              b_spans: 1,
              exact: { precision: 0, recall: 0, f1: 0 },
              overlap: PERFECT,
              presence: 1,
            },
            dispute: DISPUTE,
          },
        },
        {
          document_path: 'b.txt',
          // Dispute is unused here, so only commitment counts.
          kappa: 0,
          alpha: 1 - 38 / 36,
          tags: {
            // b.txt alone, 10 units: ann [0,2), bob nothing → p_o = 0.8, p_e = 0.8 → κ = 0;
            // α: n₁ = 2, n₀ = 18, D = 2 → 1 − 19·2/36 = −1/18
            commitment: {
              kappa: 0,
              alpha: 1 - 38 / 36,
              a_spans: 1,
              b_spans: 0,
              exact: { precision: null, recall: 0, f1: 0 },
              overlap: { precision: null, recall: 0, f1: 0 },
              presence: 0,
            },
            dispute: UNUSED,
          },
        },
      ],
    });
    expect(Object.keys(report)).toEqual([
      'documents',
      'annotators',
      'tags',
      'macro',
      'per_document',
      'attributes',
    ]);
    expect(Object.keys(report.tags.commitment)).toEqual([
      'kappa',
      'alpha',
      'a_spans',
      'b_spans',
      'exact',
      'overlap',
      'presence',
    ]);
    expect(Math.abs(report.tags.commitment.kappa - 1 / 7)).toBeLessThan(1e-15);
    expect(Math.abs(report.tags.commitment.alpha - 32 / 209)).toBeLessThan(1e-15);
    // Full double precision: the printed number is the double itself.
    expect(run.stdout).toContain(`"kappa":${String(1 - 12 / 14)}`);
  });

  it('takes annotators in order of appearance across files, unless --annotators says otherwise', async () => {
    const { corpus, ann, bob } = await setup();
    const swapped = JSON.parse(
      (await tanda('agreement', '--corpus', corpus.root, bob, ann, '--json')).stdout,
    );
    expect(swapped.annotators).toEqual(['bob', 'ann']);
    // a and b swap: precision and recall swap, kappa and alpha do not change
    expect(swapped.tags.commitment).toMatchObject({
      a_spans: 1,
      b_spans: 2,
      overlap: { precision: 0.5, recall: 1, f1: 2 / 3 },
    });
    expect(swapped.tags.commitment.kappa).toBe(COMMITMENT.kappa);
    const chosen = JSON.parse(
      (await tanda('agreement', '--corpus', corpus.root, bob, ann, '--annotators', 'ann,bob', '--json'))
        .stdout,
    );
    expect(chosen.annotators).toEqual(['ann', 'bob']);
    expect(chosen.tags.commitment).toEqual(COMMITMENT);
  });

  it('reads exports made with a custom codebook from their own columns, attributes included', async () => {
    const codebook = addAttribute(addTag(builtinCodebook(), { label: 'Sanction' }), 'sanction', {
      label: 'Strength',
      kind: 'single',
      values: ['Hard', 'Soft'],
    });
    const custom = (annotations: Annotation[]): string =>
      exportAnnotationsCsv({ annotations, documents: new Map(), codebook });
    const { corpus, files } = await setup();
    const mark = (who: string, strength: string): Annotation => ({
      ...annotation(who, 'a.txt', 'sanction', 0, 6),
      attributes: { strength },
    });
    const a = await files.write('ann-custom.csv', custom([mark('ann', 'hard')]));
    const b = await files.write('bob-custom.csv', custom([mark('bob', 'soft')]));
    const run = await tanda('agreement', '--corpus', corpus.root, a, b, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.tags.sanction.kappa).toBe(1);
    expect(report.attributes.sanction.strength).toMatchObject({ pairs: 1, observed: 0 });
    const check = await tanda('csv-check', '--corpus', corpus.root, a);
    expect(check.code).toBe(0);
  });

  it('counts an annotation given twice once', async () => {
    const { corpus, ann, bob } = await setup();
    const once = await tanda('agreement', '--corpus', corpus.root, ann, bob, '--json');
    const twice = await tanda('agreement', '--corpus', corpus.root, ann, bob, ann, '--json');
    expect(twice.code).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
  });

  it('adds alpha over all, Fleiss kappa and pairwise kappas for three annotators', async () => {
    const { corpus, ann, bob, cyd } = await setup();
    const run = await tanda('agreement', '--corpus', corpus.root, ann, bob, cyd, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.annotators).toEqual(['ann', 'bob']);
    expect(report.annotators_all).toEqual(['ann', 'bob', 'cyd']);
    expect(Object.keys(report.tags.commitment)).toEqual([
      'kappa',
      'alpha',
      'a_spans',
      'b_spans',
      'exact',
      'overlap',
      'presence',
      'alpha_all',
      'fleiss_kappa',
      'pairwise',
    ]);
    // The a/b fields are those of the two-annotator run.
    expect(report.tags.commitment).toMatchObject(COMMITMENT);
    expect(report.tags.commitment.pairwise.map((p: { a: string; b: string }) => `${p.a}/${p.b}`)).toEqual([
      'ann/bob',
      'ann/cyd',
      'bob/cyd',
    ]);
    expect(report.tags.commitment.pairwise[0].kappa).toBe(COMMITMENT.kappa);
    expect(Object.keys(report.macro)).toEqual([
      'kappa',
      'alpha',
      'exact_f1',
      'overlap_f1',
      'alpha_all',
      'fleiss_kappa',
      'pairwise',
    ]);
    // --annotators picks two of three: plain two-annotator shape again
    const pair = JSON.parse(
      (await tanda('agreement', '--corpus', corpus.root, ann, bob, cyd, '--annotators', 'bob,cyd', '--json'))
        .stdout,
    );
    expect(pair.annotators).toEqual(['bob', 'cyd']);
    expect(pair.annotators_all).toBeUndefined();
    expect(pair.tags.commitment.kappa).toBe(report.tags.commitment.pairwise[2].kappa);
  });
});

describe.concurrent('tanda agreement table', () => {
  it('prints a table with one row per tag and the macro row', async () => {
    const { corpus, ann, bob } = await setup();
    const run = await tanda('agreement', '--corpus', corpus.root, ann, bob);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('a = ann, b = bob; 2 documents, 30 code points');
    expect(lines[2]).toMatch(/^TAG +KAPPA +ALPHA +EXACT F1 +OVERLAP F1 +PRESENCE +A SPANS +B SPANS$/);
    expect(lines[3]!.split(/ +/)).toEqual([
      'commitment',
      '0.143',
      '0.153',
      '0.000',
      '0.667',
      '0.500',
      '2',
      '1',
    ]);
    expect(lines[4]!.split(/ +/)).toEqual(['dispute', '1.000', '1.000', '1.000', '1.000', '1.000', '1', '1']);
    expect(lines[5]!.split(/ +/)).toEqual(['macro', '(mean)', '0.571', '0.577', '0.500', '0.833']);
  });
});

describe.concurrent('tanda agreement errors', () => {
  it('names file and row for an unknown document, offsets beyond the text and a quote mismatch', async () => {
    const { corpus, files, ann } = await setup();
    const bad = await files.write(
      'bad.csv',
      'document_path,content_sha256,annotator,tag,start,end,quote\n' +
        'nope.txt,,bob,commitment,0,3,abc\n' +
        `b.txt,${sha(TEXTS['b.txt']!)},bob,commitment,0,50,Trade\n` +
        `b.txt,${sha(TEXTS['b.txt']!)},bob,commitment,0,5,Tread\n`,
    );
    const run = await tanda('agreement', '--corpus', corpus.root, ann, bad, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      `${bad} row 2, column document_path: unknown document: no document in the corpus has path "nope.txt"`,
      `${bad} row 3, column end: end 50 is beyond the text (10 code points)`,
      `${bad} row 4, column quote: the quote is not at 0..5: expected "Tread", the text there is "Trade"`,
      '',
    ]);
  });

  it('exits 1 for a file that is missing or not UTF-8, an absent annotator, or a single annotator', async () => {
    const { corpus, files, ann, bob } = await setup();
    const none = path.join(files.root, 'none.csv');
    const missing = await tanda('agreement', '--corpus', corpus.root, ann, none);
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `tanda agreement: ${none}: no such file\n`,
    });
    const latin1 = await files.write('latin1.csv', Buffer.from('annotator,tag\nJos\u00e9,x\n', 'latin1'));
    const notUtf8 = await tanda('agreement', '--corpus', corpus.root, latin1);
    expect(notUtf8.code).toBe(1);
    expect(notUtf8.stderr).toMatch(
      /^tanda agreement: .*latin1\.csv: file is not UTF-8: invalid byte 0xe9 at offset 17/,
    );
    const absent = await tanda('agreement', '--corpus', corpus.root, ann, bob, '--annotators', 'ann,zoe');
    expect(absent).toMatchObject({
      code: 1,
      stderr: 'tanda agreement: no annotations by "zoe" in the inputs (annotators there: ann, bob)\n',
    });
    const single = await tanda('agreement', '--corpus', corpus.root, ann);
    expect(single).toMatchObject({
      code: 1,
      stderr: 'tanda agreement: agreement needs two annotators; the inputs have annotations by only ann\n',
    });
  });

  it('exits 2 with usage when the command line is wrong', async () => {
    const { corpus, ann, bob } = await setup();
    for (const args of [
      [ann, bob],
      ['--corpus', corpus.root],
      ['--corpus', corpus.root, ann, bob, '--annotators', 'ann'],
      ['--corpus', corpus.root, ann, '--annotators', 'ann,ann'],
      ['--corpus', corpus.root, '--bogus', ann],
    ]) {
      const run = await tanda('agreement', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('usage: tanda agreement --corpus <dir>');
    }
    const help = await tanda('--help');
    expect(help.stdout).toContain('tanda agreement --corpus <dir>');
  });
});
