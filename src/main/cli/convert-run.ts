import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Annotation } from '../../shared/annotation/annotation-types';
import type { Codebook } from '../../shared/codebook/codebook';
import { buildBundle, bundleToJson, parseBundleJson } from '../../shared/exchange/bundle';
import { BundleError, type BundleDocumentStatus } from '../../shared/exchange/bundle-schema';
import { exportAnnotationsCsv } from '../../shared/exchange/csv-export';
import { checkCsvImport, formatCsvProblem } from '../../shared/exchange/csv-import';
import { exportQdc } from '../../shared/exchange/qdc';
import { QdaError } from '../../shared/exchange/qda-xml';
import { exportQdpx } from '../../shared/exchange/qdpx-export';
import { planQdpxImport } from '../../shared/exchange/qdpx-import';
import { MAX_QDPX_BYTES, readQdpxWithRichText } from '../../shared/exchange/qdpx-read';
import { extractFileText } from '../services/document-text-extract';
import { toWebAnnotations } from '../../shared/exchange/web-annotation';
import { exportWorkbook } from '../../shared/exchange/xlsx-export';
import { titleOf } from '../../shared/text/text-normalize';
import { openCorpus } from '../services/corpus-service';
import { CliUsageError, parseCommandArgs, writeAll, type CliIo } from './cli-command';
import { CONVERT_FORMATS } from './convert-formats';
import { describeInputError, readCodebookOption, readCsvText } from './cli-inputs';
import { errorMessage } from '../../shared/validation/error-message';

/**
 * `tanda convert --corpus <dir> <input> --to <format> --out <file> [--codebook <file>]`:
 * an annotations CSV (export format), a bundle (.json) or a REFI-QDA project
 * (.qdpx) into any export format, with the modules and checks of the app's
 * import and export. A bad input exits 1 with its problems by place, and
 * nothing is written. Sources of a .qdpx that are not in the corpus are
 * converted as if imported into `imported/<project>/`, but not written.
 */
type Format = (typeof CONVERT_FORMATS)[number];
const FORMATS = CONVERT_FORMATS;

interface Converted {
  annotations: Annotation[];
  codebook: Codebook;
  statuses: BundleDocumentStatus[];
  /** Texts of documents the input brings that are not in the corpus (a project's sources). */
  extraTexts: Map<string, string>;
}

/** `tanda convert`'s work (see convert-command.ts), loaded only when the command runs. */
export async function runConvert(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    corpus: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    codebook: { type: 'string' },
  });
  if (values.corpus === undefined) throw new CliUsageError('expected --corpus <dir>');
  if (positionals.length !== 1) throw new CliUsageError('expected exactly one input file');
  const to = values.to as Format | undefined;
  if (to === undefined || !FORMATS.includes(to))
    throw new CliUsageError(`expected --to ${FORMATS.join('|')}`);
  if (values.out === undefined) throw new CliUsageError('expected --out <file>');
  const input = positionals[0]!;
  const kind = inputKind(input);
  const fail = async (lines: readonly string[]): Promise<number> => {
    await writeAll(io.stderr, `${lines.map((l) => `tanda convert: ${l}`).join('\n')}\n`);
    return 1;
  };

  let codebook: Codebook;
  try {
    codebook = await readCodebookOption(values.codebook);
  } catch (error) {
    return fail([errorMessage(error)]);
  }
  const corpus = await openCorpus(values.corpus, { watch: false });
  try {
    const { documents } = await corpus.ready();
    const getText = async (p: string): Promise<string> => (await corpus.readDocument(p)).text;
    const now = new Date();
    let converted: Converted;
    if (kind === 'csv') {
      let text: string;
      try {
        text = await readCsvText(input);
      } catch (error) {
        return fail([errorMessage(error)]);
      }
      const result = await checkCsvImport(text, { documents, getText, codebook, now: now.toISOString() });
      if (!result.ok)
        return fail([
          ...result.problems.map((p) => `${input}: ${formatCsvProblem(p)}`),
          `${input}: rejected, nothing written`,
        ]);
      converted = { annotations: result.plan.annotations, codebook, statuses: [], extraTexts: new Map() };
    } else {
      let bytes: Buffer;
      try {
        const size = (await stat(input)).size;
        if (size > MAX_QDPX_BYTES) throw new Error(`is larger than ${MAX_QDPX_BYTES} bytes`);
        bytes = await readFile(input);
      } catch (error) {
        return fail([`${input}: ${describeInputError(error)}`]);
      }
      try {
        converted =
          kind === 'bundle'
            ? fromBundle(bytes, values.codebook === undefined ? null : codebook)
            : await fromQdpx(bytes, documents, codebook, now);
      } catch (error) {
        if (error instanceof QdaError || error instanceof BundleError)
          return fail([
            ...error.problems.map((p) => `${input}: ${p}`),
            `${input}: rejected, nothing written`,
          ]);
        throw error;
      }
    }

    const titles = new Map(documents.map((d) => [d.path, { title: d.title, sha256: d.sha256 }]));
    for (const [p, text] of converted.extraTexts)
      titles.set(p, { title: titleOf(text, path.posix.basename(p)), sha256: sha256(text) });
    const used = [
      ...new Set([
        ...converted.annotations.map((a) => a.documentPath),
        ...converted.statuses.map((s) => s.documentPath),
      ]),
    ].sort();
    const textOf = async (p: string): Promise<string> => converted.extraTexts.get(p) ?? getText(p);
    const inScope = documents.filter((d) => d.status === 'ok' && used.includes(d.path));
    const bytes = await write(to, converted, {
      titles,
      used,
      textOf,
      matrixDocuments: [
        ...inScope.map((d) => ({ path: d.path, title: d.title })),
        ...[...converted.extraTexts.keys()].map((p) => ({ path: p, title: titles.get(p)!.title })),
      ],
      corpusName: path.basename(path.resolve(values.corpus)),
      now,
    });
    await writeFile(values.out, bytes);
    await writeAll(io.stdout, `${values.out}: ${converted.annotations.length} annotation(s) as ${to}\n`);
    return 0;
  } finally {
    await corpus.close();
  }
}

function inputKind(file: string): 'csv' | 'bundle' | 'qdpx' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'bundle';
  if (ext === '.qdpx') return 'qdpx';
  throw new CliUsageError(`${file}: the input must be .csv (export format), .json (bundle) or .qdpx`);
}

function fromBundle(bytes: Buffer, codebook: Codebook | null): Converted {
  const bundle = parseBundleJson(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  return {
    annotations: bundle.annotations,
    codebook: codebook ?? bundle.codebook,
    statuses: bundle.documentStatuses,
    extraTexts: new Map(),
  };
}

async function fromQdpx(
  bytes: Buffer,
  documents: readonly { path: string; sha256: string | null }[],
  codebook: Codebook,
  now: Date,
): Promise<Converted> {
  const project = await readQdpxWithRichText(
    new Uint8Array(bytes),
    async (name, docx) => (await extractFileText(name, docx)).text,
  );
  const plan = await planQdpxImport(project, {
    documents,
    codebook,
    folder: `imported/${project.name}`,
    sha256: async (text) => sha256(text),
    now: now.toISOString(),
  });
  return {
    annotations: plan.annotations,
    codebook: plan.codebook,
    statuses: plan.statuses,
    extraTexts: new Map(plan.files.map((f) => [f.path, f.text])),
  };
}

async function write(
  to: Format,
  c: Converted,
  ctx: {
    titles: Map<string, { title: string; sha256: string | null }>;
    used: readonly string[];
    textOf(path: string): Promise<string>;
    matrixDocuments: { path: string; title: string }[];
    corpusName: string;
    now: Date;
  },
): Promise<Uint8Array | string> {
  switch (to) {
    case 'csv':
      return exportAnnotationsCsv({
        annotations: c.annotations,
        documents: ctx.titles,
        codebook: c.codebook,
      });
    case 'xlsx':
      return exportWorkbook(
        {
          annotations: c.annotations,
          documents: ctx.titles,
          codebook: c.codebook,
          matrixDocuments: ctx.matrixDocuments,
        },
        ctx.now,
      );
    case 'bundle':
      return bundleToJson(
        buildBundle({
          codebook: c.codebook,
          documents: ctx.used.map((p) => ({
            path: p,
            title: ctx.titles.get(p)?.title ?? p,
            sha256: ctx.titles.get(p)?.sha256 ?? null,
          })),
          annotations: c.annotations,
          statuses: c.statuses,
          now: ctx.now,
        }),
      );
    case 'w3c':
      return `${JSON.stringify(toWebAnnotations({ annotations: c.annotations, documents: ctx.titles, codebook: c.codebook, corpusName: ctx.corpusName }), null, 2)}\n`;
    case 'qdpx': {
      const documents = [];
      for (const p of ctx.used)
        documents.push({ path: p, title: ctx.titles.get(p)?.title ?? p, text: await ctx.textOf(p) });
      return exportQdpx({
        projectName: ctx.corpusName,
        codebook: c.codebook,
        documents,
        annotations: c.annotations,
        statuses: c.statuses,
        now: ctx.now,
      }).bytes;
    }
    case 'qdc':
      return exportQdc(c.codebook);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
