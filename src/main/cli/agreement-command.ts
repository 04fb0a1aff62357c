import {
  computeAgreement,
  type AgreementReport,
  type AgreementSpan,
  type TagAgreement,
} from '../../shared/agreement/agreement';
import { agreementInput } from '../../shared/agreement/agreement-scope';
import { type Codebook } from '../../shared/codebook/codebook';
import { naturalKey } from '../../shared/exchange/csv-format';
import { checkCsvImport, formatCsvProblem } from '../../shared/exchange/csv-import';
import { codePointLength } from '../../shared/text/text-normalize';
import { openCorpus } from '../services/corpus-service';
import { CliUsageError, parseCommandArgs, writeAll, type CliCommand } from './cli-command';
import { codebookFromCsv } from '../../shared/exchange/csv-codebook';
import { readCodebookOption, readCsvText } from './cli-inputs';
import { errorMessage } from '../../shared/validation/error-message';

/**
 * `tanda agreement --corpus <dir> <file.csv> [<file.csv> …] [--annotators a,b[,c…]] [--json]`:
 * inter-annotator agreement of annotation CSVs in the export format.
 *
 * Every file is checked against the corpus by the import's own code
 * (`checkCsvImport`), so bad input (unknown document, offsets beyond the
 * text, quote mismatch, unknown tag) is reported exactly as an import
 * reports it, one line per problem: `file.csv row 7, column end: …`, exit 1.
 * Like an import, the same annotation given twice (same id, or same
 * document, annotator, tag and offsets without an id), in one file or
 * across files, counts once.
 *
 * Scope, decided by the files and not by `--annotators`, so that every pair
 * compared over the same files shares the same units and the same tag rows:
 *  - documents: every document any row of any file names;
 *  - tags: every tag any row uses, in order of first appearance (codebook
 *    tags nobody used are left out: every measure of theirs but presence
 *    would be null);
 *  - annotators: all of them in order of first appearance (files in
 *    argument order), a and b being the first two, unless `--annotators`
 *    names them (two or more, a and b first).
 * The measures are `computeAgreement`'s (src/shared/agreement/agreement.ts); the scope and tag
 * order rules are `agreementInput`'s (src/shared/agreement/agreement-scope.ts), which the app shares.
 */
export const agreementCommand: CliCommand = {
  name: 'agreement',
  synopsis: 'agreement --corpus <dir> [--codebook <json>] [--annotators a,b] [--json] <csv>…',
  summary: 'inter-annotator agreement of annotation CSVs: kappa, alpha, span F1',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      corpus: { type: 'string' },
      codebook: { type: 'string' },
      annotators: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.corpus === undefined) throw new CliUsageError('expected --corpus <dir>');
    if (positionals.length === 0) throw new CliUsageError('expected at least one CSV file');
    const chosen = values.annotators === undefined ? null : parseAnnotatorList(values.annotators);
    const fail = async (lines: string[]): Promise<number> => {
      await writeAll(io.stderr, lines.map((line) => `${line}\n`).join(''));
      return 1;
    };

    let codebook: Codebook;
    try {
      codebook = await readCodebookOption(values.codebook);
    } catch (error) {
      return fail([`tanda agreement: ${errorMessage(error)}`]);
    }

    const csvTexts: string[] = [];
    const unreadable: string[] = [];
    for (const file of positionals) {
      try {
        csvTexts.push(await readCsvText(file));
      } catch (error) {
        unreadable.push(`tanda agreement: ${errorMessage(error)}`);
      }
    }
    if (unreadable.length > 0) return fail(unreadable);
    // Without --codebook, tags the built-in codebook lacks come from the CSVs' own columns.
    if (values.codebook === undefined) codebook = codebookFromCsv(csvTexts, codebook);

    const corpus = await openCorpus(values.corpus, { watch: false });
    try {
      const { documents } = await corpus.ready();
      // Each document is read once, however many files name it, so every
      // file is checked against the same text and the units are its length.
      const chars = new Map<string, number>();
      const texts = new Map<string, Promise<string>>();
      const getText = (path: string): Promise<string> => {
        let text = texts.get(path);
        if (!text) {
          text = corpus.readDocument(path).then((d) => (chars.set(path, codePointLength(d.text)), d.text));
          texts.set(path, text);
        }
        return text;
      };

      const spans: AgreementSpan[] = [];
      const inScope = new Set<string>();
      const seenIds = new Set<string>();
      const seenKeys = new Set<string>();
      const problems: string[] = [];
      let duplicates = 0;
      let reanchored = 0;
      for (const [i, file] of positionals.entries()) {
        const result = await checkCsvImport(csvTexts[i]!, {
          documents,
          getText,
          codebook,
          now: new Date().toISOString(),
          existing: { ids: seenIds, naturalKeys: seenKeys },
        });
        if (!result.ok) {
          for (const p of result.problems)
            problems.push(p.row === 0 ? `${file}: ${p.message}` : `${file} ${formatCsvProblem(p)}`);
          continue;
        }
        for (const path of result.plan.preview.documents) inScope.add(path);
        for (const a of result.plan.annotations) {
          seenIds.add(a.id);
          seenKeys.add(naturalKey(a));
          spans.push({
            annotator: a.annotator,
            documentPath: a.documentPath,
            tag: a.tag,
            start: a.start,
            end: a.end,
            attributes: a.attributes,
          });
        }
        duplicates += result.plan.duplicates;
        reanchored += result.plan.reanchored;
      }
      if (problems.length > 0) return fail(problems);

      const present = unique(spans.map((s) => s.annotator));
      let annotators = present;
      if (chosen) {
        const missing = chosen.filter((name) => !present.includes(name));
        if (missing.length > 0) {
          return fail([
            `tanda agreement: no annotations by ${missing.map((m) => JSON.stringify(m)).join(', ')} in the inputs ` +
              `(annotators there: ${present.join(', ') || 'none'})`,
          ]);
        }
        annotators = chosen;
      }
      if (annotators.length < 2) {
        return fail([
          `tanda agreement: agreement needs two annotators; the inputs have annotations by ${present.length === 0 ? 'nobody' : `only ${present[0]}`}`,
        ]);
      }

      // Scope and tag order by the rule the app's Compare view shares (agreement-scope.ts).
      const input = agreementInput({
        spans,
        annotators,
        documents: inScope,
        lengthOf: (path) => chars.get(path) ?? documents.find((d) => d.path === path)?.chars ?? 0,
      });
      const report = computeAgreement(input);
      const units = input.documents.reduce((sum, d) => sum + (chars.get(d.path) ?? 0), 0);
      await writeAll(
        io.stdout,
        values.json
          ? `${JSON.stringify(report)}\n`
          : agreementTable(report, { units, duplicates, reanchored }),
      );
      return 0;
    } finally {
      await corpus.close();
    }
  },
};

function parseAnnotatorList(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.length < 2 || names.some((name) => name === '')) {
    throw new CliUsageError(
      `--annotators needs two or more names separated by commas, not ${JSON.stringify(value)}`,
    );
  }
  if (new Set(names).size !== names.length)
    throw new CliUsageError(`--annotators names an annotator twice: ${JSON.stringify(value)}`);
  return names;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------- the table for people

interface TableNotes {
  units: number;
  duplicates: number;
  reanchored: number;
}

/** Per tag kappa, alpha, F1s, presence and span counts, then the macro row; `-` where undefined. */
export function agreementTable(report: AgreementReport, notes: TableNotes): string {
  const [a, b] = report.annotators as [string, string];
  const many = report.annotators_all !== undefined;
  const header = [
    'TAG',
    'KAPPA',
    'ALPHA',
    'EXACT F1',
    'OVERLAP F1',
    'PRESENCE',
    'A SPANS',
    'B SPANS',
    ...(many ? ['ALPHA ALL', 'FLEISS'] : []),
  ];
  const row = (t: TagAgreement): string[] => [
    fixed(t.kappa),
    fixed(t.alpha),
    fixed(t.exact.f1),
    fixed(t.overlap.f1),
    fixed(t.presence),
    String(t.a_spans),
    String(t.b_spans),
    ...(many ? [fixed(t.alpha_all ?? null), fixed(t.fleiss_kappa ?? null)] : []),
  ];
  const m = report.macro;
  const rows = [
    header,
    ...Object.entries(report.tags).map(([tag, t]) => [tag, ...row(t)]),
    [
      'macro (mean)',
      fixed(m.kappa),
      fixed(m.alpha),
      fixed(m.exact_f1),
      fixed(m.overlap_f1),
      '',
      '',
      '',
      ...(many ? [fixed(m.alpha_all ?? null), fixed(m.fleiss_kappa ?? null)] : []),
    ],
  ];
  const widths = header.map((_, column) => Math.max(...rows.map((r) => codePointLength(r[column]!))));
  const lines = rows.map((r) =>
    r
      .map((cell, column) => {
        const padding = ' '.repeat(widths[column]! - codePointLength(cell));
        return column === 0 ? cell + padding : padding + cell; // numbers right-aligned
      })
      .join('  ')
      .trimEnd(),
  );

  const out = [
    `a = ${a}, b = ${b}; ${plural(report.documents, 'document')}, ${plural(notes.units, 'code point')}`,
    '',
    ...lines,
  ];
  if (m.pairwise) {
    out.push('', 'pairwise Cohen kappa (mean over tags):');
    for (const p of m.pairwise) out.push(`  ${p.a} – ${p.b}: ${fixed(p.kappa)}`);
  }
  out.push(
    '',
    "kappa, alpha: over code points; F1: a's spans as reference; presence: share of documents where both or neither used the tag; - : undefined",
  );
  if (notes.duplicates > 0)
    out.push(`${plural(notes.duplicates, 'row')} repeated an annotation already read and counted once`);
  if (notes.reanchored > 0) out.push(`${plural(notes.reanchored, 'row')} re-anchored to changed texts`);
  return `${out.join('\n')}\n`;
}

function fixed(value: number | null): string {
  return value === null ? '-' : value.toFixed(3);
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
