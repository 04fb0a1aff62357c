import { builtinCodebook } from '../../src/shared/codebook/builtin-codebook';
import { buildBundle, bundleToJson, parseBundleJson } from '../../src/shared/exchange/bundle';
import { planBundleMerge } from '../../src/shared/exchange/bundle-merge';
import { exportAnnotationsCsv } from '../../src/shared/exchange/csv-export';
import { checkCsvImport, formatCsvProblem } from '../../src/shared/exchange/csv-import';
import { decodeCsvBytes } from '../../src/shared/exchange/csv-read';
import type { BenchContext } from '../context';
import { SEED } from '../context';
import { generateExchangeData } from '../generate';
import { timed } from '../node-timing';
import { round, summarize, type Summary } from '../stats';

export interface ExchangeResult {
  annotations: number;
  documents: number;
  csv_mb: number;
  bundle_mb: number;
  /** Annotations → CSV text (exportAnnotationsCsv, as the Export dialog). */
  csv_export_ms: Summary;
  /** CSV bytes → checked records ready to write (decodeCsvBytes + checkCsvImport, as the Import dialog). */
  csv_import_ms: Summary;
  /** buildBundle (validates every record) + bundleToJson. */
  bundle_export_ms: Summary;
  /** parseBundleJson (validates) + planBundleMerge into an empty database. */
  bundle_import_ms: Summary;
}

/**
 * Exchange: the same functions the Export and Import dialogs call, on
 * 100,000 annotations by three annotators over 1,000 articles, with
 * attributes and notes. IndexedDB reads and writes are not part of it.
 */
export async function runExchange(ctx: BenchContext): Promise<ExchangeResult> {
  const { exchangeDocuments, exchangeChars, exchangePerDocument } = ctx.config;
  ctx.log(
    `exchange: generating ${exchangeDocuments * exchangePerDocument} annotations over ${exchangeDocuments} articles`,
  );
  const data = generateExchangeData(SEED + 2, exchangeDocuments, exchangeChars, exchangePerDocument);
  const titles = new Map(data.documents.map((d) => [d.path, { title: d.title }]));
  const texts = new Map(data.documents.map((d) => [d.path, d.text]));
  const metas = data.documents.map((d) => ({ path: d.path, title: d.title, sha256: d.sha256 }));
  const n = data.annotations.length;

  const csvExport: number[] = [];
  const csvImport: number[] = [];
  const bundleExport: number[] = [];
  const bundleImport: number[] = [];
  let csvBytes = 0;
  let bundleBytes = 0;
  for (let i = 0; i < ctx.nodeRuns; i++) {
    const csv = await timed(() =>
      exportAnnotationsCsv({ annotations: data.annotations, documents: titles, codebook: builtinCodebook() }),
    );
    const bytes = new TextEncoder().encode(csv.value);
    csvBytes = bytes.length;
    const imported = await timed(async () =>
      checkCsvImport(decodeCsvBytes(bytes), {
        documents: metas,
        getText: (path) => texts.get(path)!,
        codebook: builtinCodebook(),
        now: '2025-10-10T00:00:00.000Z',
        existing: { ids: new Set(), naturalKeys: new Set() },
      }),
    );
    if (!imported.value.ok) {
      throw new Error(
        `CSV import refused the export: ${imported.value.problems.slice(0, 3).map(formatCsvProblem).join('; ')}`,
      );
    }
    if (imported.value.plan.annotations.length !== n) {
      throw new Error(
        `CSV import planned ${imported.value.plan.annotations.length} annotations, expected ${n}`,
      );
    }

    const bundle = await timed(() =>
      bundleToJson(
        buildBundle({
          codebook: builtinCodebook(),
          documents: metas,
          annotations: data.annotations,
          statuses: [],
          now: new Date('2025-10-10T00:00:00.000Z'),
        }),
      ),
    );
    bundleBytes = Buffer.byteLength(bundle.value);
    const merged = await timed(() =>
      planBundleMerge(parseBundleJson(bundle.value), { annotations: [], statuses: [], codebook: null }),
    );
    if (merged.value.annotations.added.length !== n) {
      throw new Error(
        `bundle merge would add ${merged.value.annotations.added.length} annotations, expected ${n}`,
      );
    }
    csvExport.push(csv.ms);
    csvImport.push(imported.ms);
    bundleExport.push(bundle.ms);
    bundleImport.push(merged.ms);
    ctx.log(
      `exchange: run ${i + 1}/${ctx.nodeRuns}: CSV export ${round(csv.ms)} ms, import ${round(imported.ms)} ms; ` +
        `bundle export ${round(bundle.ms)} ms, import ${round(merged.ms)} ms`,
    );
  }
  return {
    annotations: n,
    documents: data.documents.length,
    csv_mb: round(csvBytes / 2 ** 20),
    bundle_mb: round(bundleBytes / 2 ** 20),
    csv_export_ms: summarize(csvExport),
    csv_import_ms: summarize(csvImport),
    bundle_export_ms: summarize(bundleExport),
    bundle_import_ms: summarize(bundleImport),
  };
}
