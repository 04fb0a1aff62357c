import { writeFile } from 'node:fs/promises';
import type { Annotation } from '../../shared/annotation/annotation-types';
import type { Codebook } from '../../shared/codebook/codebook';
import { exportAnnotationsCsv } from '../../shared/exchange/csv-export';
import { checkCsvImport, formatCsvProblem } from '../../shared/exchange/csv-import';
import { matchableText } from '../../shared/suggest/pattern-match';
import { learnPhrases, learnedMatchers, patternMatchers, suggestForText } from '../../shared/suggest/suggest';
import { suggestionAnnotation } from '../../shared/suggest/suggestion-annotation';
import { openCorpus } from '../services/corpus-service';
import { CliUsageError, parseCommandArgs, writeAll, type CliCommand } from './cli-command';
import { describeInputError, readCodebookOption, readCsvText } from './cli-inputs';
import { errorMessage } from '../../shared/validation/error-message';

/** The annotator every row of `tanda suggest` carries, so `tanda agreement` compares it as one. */
export const SUGGESTIONS_ANNOTATOR = 'suggestions';

/**
 * `tanda suggest --corpus <dir> [--codebook <json>] [--from <annotations.csv>] [--documents <paths>] [--no-patterns] --out <csv>`:
 * what the app would suggest, for every readable document (or those
 * `--documents` lists, comma-separated, to match a gold set), written in the
 * CSV export format. `--from` is the learned source (every phrase tagged in
 * it is proposed where else it occurs), checked by the import's own code;
 * as in the app, no suggestion repeats one of its annotations (same tag and
 * span). The output is for `tanda agreement … gold.csv suggestions.csv`.
 */
export const suggestCommand: CliCommand = {
  name: 'suggest',
  synopsis:
    'suggest --corpus <dir> [--codebook <json>] [--from <csv>] [--documents a.txt,b.txt] [--no-patterns] --out <csv>',
  summary:
    'write what Tanda would suggest (codebook patterns, phrases tagged in --from) as an annotations CSV',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      corpus: { type: 'string' },
      codebook: { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string' },
      'no-patterns': { type: 'boolean' },
      documents: { type: 'string' },
    });
    if (values.corpus === undefined) throw new CliUsageError('expected --corpus <dir>');
    if (values.out === undefined) throw new CliUsageError('expected --out <suggestions.csv>');
    if (positionals.length > 0)
      throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const fail = async (lines: string[]): Promise<number> => {
      await writeAll(io.stderr, lines.map((line) => `tanda suggest: ${line}\n`).join(''));
      return 1;
    };

    let codebook: Codebook;
    let fromText: string | null = null;
    try {
      codebook = await readCodebookOption(values.codebook);
      if (values.from !== undefined) fromText = await readCsvText(values.from);
    } catch (error) {
      return fail([errorMessage(error)]);
    }

    const corpus = await openCorpus(values.corpus, { watch: false });
    try {
      const { documents } = await corpus.ready();
      const only = values.documents === undefined ? null : values.documents.split(',').map((p) => p.trim());
      const unknown = (only ?? []).filter((p) => !documents.some((d) => d.path === p));
      if (unknown.length > 0)
        return fail(unknown.map((p) => `--documents: no document ${JSON.stringify(p)} in ${values.corpus}`));
      const texts = new Map<string, Promise<string>>();
      const getText = (path: string): Promise<string> => {
        let text = texts.get(path);
        if (!text) texts.set(path, (text = corpus.readDocument(path).then((d) => d.text)));
        return text;
      };

      let existing: Annotation[] = [];
      if (fromText !== null) {
        const result = await checkCsvImport(fromText, {
          documents,
          getText,
          codebook,
          now: new Date().toISOString(),
        });
        if (!result.ok) return fail(result.problems.map((p) => `${values.from} ${formatCsvProblem(p)}`));
        existing = result.plan.annotations;
      }

      const matchers = [
        ...learnedMatchers(learnPhrases(existing), codebook),
        ...(values['no-patterns'] ? [] : patternMatchers(codebook)),
      ];
      const now = new Date().toISOString();
      const rows: Annotation[] = [];
      const titles = new Map<string, { title: string }>();
      for (const doc of documents) {
        if (doc.status !== 'ok' || doc.sha256 === null || (only !== null && !only.includes(doc.path)))
          continue;
        titles.set(doc.path, { title: doc.title });
        const t = matchableText(await getText(doc.path));
        const own = existing.filter((a) => a.documentPath === doc.path);
        for (const s of suggestForText({ text: t, matchers, annotations: own })) {
          rows.push(
            suggestionAnnotation(
              s,
              { path: doc.path, sha256: doc.sha256, text: t.index },
              SUGGESTIONS_ANNOTATOR,
              now,
            ),
          );
        }
      }
      try {
        await writeFile(values.out, exportAnnotationsCsv({ annotations: rows, documents: titles, codebook }));
      } catch (error) {
        return fail([`cannot write ${values.out}: ${describeInputError(error)}`]);
      }
      const docs = new Set(rows.map((r) => r.documentPath)).size;
      await writeAll(
        io.stdout,
        `${values.out}: ${rows.length} suggestion${rows.length === 1 ? '' : 's'} in ${docs} document${docs === 1 ? '' : 's'}\n`,
      );
      return 0;
    } finally {
      await corpus.close();
    }
  },
};
