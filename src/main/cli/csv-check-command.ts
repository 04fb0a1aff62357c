import { type Codebook } from '../../shared/codebook/codebook';
import { checkCsvImport, formatCsvProblem } from '../../shared/exchange/csv-import';
import { openCorpus } from '../services/corpus-service';
import { CliUsageError, parseCommandArgs, writeAll, type CliCommand } from './cli-command';
import { codebookFromCsv } from '../../shared/exchange/csv-codebook';
import { readCodebookOption, readCsvText } from './cli-inputs';
import { errorMessage } from '../../shared/validation/error-message';

/**
 * `tanda csv-check --corpus <dir> [--codebook <file.json>] <file.csv>`:
 * validates an annotations CSV against a corpus with the import's own code
 * (`checkCsvImport`), without writing anything. Exit 0 and one summary
 * line when the file would import; exit 1 and one line per problem, by
 * spreadsheet row, when it would be rejected.
 *
 * The codebook lives in the app's database, out of the CLI's reach: the
 * built-in one is used unless `--codebook` names one exported from the app.
 */
export const csvCheckCommand: CliCommand = {
  name: 'csv-check',
  synopsis: 'csv-check --corpus <dir> [--codebook <codebook.json>] <file.csv>',
  summary: 'check an annotations CSV against a corpus, as an import would (exit 1 on problems)',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      corpus: { type: 'string' },
      codebook: { type: 'string' },
    });
    if (values.corpus === undefined) throw new CliUsageError('expected --corpus <dir>');
    if (positionals.length !== 1) throw new CliUsageError('expected exactly one CSV file');
    const file = positionals[0]!;
    const fail = async (message: string): Promise<number> => {
      await writeAll(io.stderr, `tanda csv-check: ${message}\n`);
      return 1;
    };

    let codebook: Codebook;
    let text: string;
    try {
      codebook = await readCodebookOption(values.codebook);
      text = await readCsvText(file);
      // Without --codebook, tags the built-in codebook lacks come from the CSV's own columns.
      if (values.codebook === undefined) codebook = codebookFromCsv([text], codebook);
    } catch (error) {
      return fail(errorMessage(error));
    }

    const corpus = await openCorpus(values.corpus, { watch: false });
    try {
      const { documents } = await corpus.ready();
      const result = await checkCsvImport(text, {
        documents,
        getText: async (path) => (await corpus.readDocument(path)).text,
        codebook,
        now: new Date().toISOString(),
      });
      if (!result.ok) {
        const lines = result.problems.map(formatCsvProblem);
        await writeAll(
          io.stdout,
          `${lines.join('\n')}\n${file}: rejected, nothing would be imported ` +
            '(rows are numbered as a spreadsheet shows them: the header is row 1)\n',
        );
        return 1;
      }
      const { preview, reanchored } = result.plan;
      const tags = Object.keys(preview.tags).length;
      const summary =
        `ok: ${plural(preview.rows, 'row')}, ${plural(preview.annotators.length, 'annotator')}, ` +
        `${plural(preview.documents.length, 'document')}, ${plural(tags, 'tag')}` +
        (reanchored > 0 ? ` (${plural(reanchored, 'row')} re-anchored to changed texts)` : '');
      await writeAll(io.stdout, `${summary}\n`);
      return 0;
    } finally {
      await corpus.close();
    }
  },
};

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
