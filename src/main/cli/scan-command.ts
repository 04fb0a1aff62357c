import type { DocumentMeta } from '../../shared/corpus/corpus-types';
import { codePointLength } from '../../shared/text/text-normalize';
import { openCorpus } from '../services/corpus-service';
import { CliUsageError, parseCommandArgs, writeAll, type CliCommand } from './cli-command';

/** `tanda scan <dir> [--json]`: what the app would list for a folder. */
export const scanCommand: CliCommand = {
  name: 'scan',
  synopsis: 'scan <dir> [--json]',
  summary: 'list the documents of a corpus folder (--json: machine-readable)',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new CliUsageError('expected exactly one folder');
    const corpus = await openCorpus(positionals[0]!, { watch: false });
    try {
      const { root, documents } = await corpus.ready();
      await writeAll(io.stdout, values.json ? scanJson(root, documents) : scanTable(root, documents));
    } finally {
      await corpus.close();
    }
    return 0;
  },
};

/**
 * The `--json` output: only the documented keys, in a fixed order, `reason`
 * only when present. Other tools (and tests) parse this; `bytes` and any
 * later DocumentMeta extension stay out unless this format is revised.
 * Revised once, by adding `format` and `extractor` after `status`.
 */
export function scanJson(root: string, documents: readonly DocumentMeta[]): string {
  const listed = documents.map(
    ({ path, title, sha256, chars, encoding, status, format, extractor, reason }) => ({
      path,
      title,
      sha256,
      chars,
      encoding,
      status,
      format: format ?? null,
      extractor: extractor ?? null,
      ...(reason === undefined ? {} : { reason }),
    }),
  );
  return `${JSON.stringify({ root, documents: listed }, null, 2)}\n`;
}

const TITLE_WIDTH = 60;

/** Aligned columns for a person; bad documents show their reason instead of a title. */
function scanTable(root: string, documents: readonly DocumentMeta[]): string {
  const rows = [
    ['STATUS', 'CHARS', 'ENCODING', 'EXTRACTOR', 'PATH', 'TITLE / REASON'],
    ...documents.map((d) => [
      d.status,
      d.chars === null ? '-' : String(d.chars),
      d.encoding ?? '-',
      d.extractor ?? '-',
      d.path,
      d.status === 'ok' ? truncate(d.title, TITLE_WIDTH) : (d.reason ?? ''),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => codePointLength(row[column]!))));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => {
        if (column === row.length - 1) return cell;
        const padding = ' '.repeat(widths[column]! - codePointLength(cell));
        return column === 1 ? padding + cell : cell + padding; // numbers right-aligned
      })
      .join('  '),
  );
  const count = (status: DocumentMeta['status']) => documents.filter((d) => d.status === status).length;
  const summary =
    `${documents.length} document${documents.length === 1 ? '' : 's'} in ${root}: ` +
    `${count('ok')} ok, ${count('skipped')} skipped, ${count('error')} in error`;
  return `${lines.join('\n')}\n${summary}\n`;
}

function truncate(s: string, width: number): string {
  const codePoints = [...s];
  return codePoints.length <= width ? s : `${codePoints.slice(0, width - 1).join('')}…`;
}
