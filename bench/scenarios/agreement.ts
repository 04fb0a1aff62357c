import { computeAgreement } from '../../src/shared/agreement/agreement';
import type { BenchContext } from '../context';
import { SEED } from '../context';
import { generateAgreementData, TAGS } from '../generate';
import { timed } from '../node-timing';
import { round, summarize, type Summary } from '../stats';

export interface AgreementResult {
  annotators: number;
  spans_per_annotator: number;
  documents: number;
  code_points: number;
  compute_ms: Summary;
  /** Macro Cohen's kappa: a check that the generated data means something. */
  macro_kappa: number | null;
}

/** Agreement: computeAgreement (as the app and `tanda agreement`) over two annotators' spans. */
export async function runAgreement(ctx: BenchContext): Promise<AgreementResult> {
  const { agreementDocuments, agreementChars, agreementPerAnnotator } = ctx.config;
  const data = generateAgreementData(SEED + 3, agreementDocuments, agreementChars, agreementPerAnnotator);
  const times: number[] = [];
  let kappa: number | null = null;
  for (let i = 0; i < ctx.nodeRuns; i++) {
    const { value, ms } = await timed(() =>
      computeAgreement({
        documents: data.documents,
        spans: data.spans,
        annotators: ['ana', 'budi'],
        tags: [...TAGS],
      }),
    );
    kappa = value.macro.kappa === null ? null : round(value.macro.kappa, 3);
    times.push(ms);
    ctx.log(`agreement: run ${i + 1}/${ctx.nodeRuns}: ${round(ms)} ms`);
  }
  return {
    annotators: 2,
    spans_per_annotator: agreementPerAnnotator,
    documents: agreementDocuments,
    code_points: agreementDocuments * agreementChars,
    compute_ms: summarize(times),
    macro_kappa: kappa,
  };
}
