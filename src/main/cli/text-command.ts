import { openCorpus } from '../services/corpus-service';
import { CliUsageError, parseCommandArgs, writeAll, type CliCommand } from './cli-command';

/**
 * `tanda text <dir> <path>`: the normalized text, byte for byte what
 * annotation offsets refer to, as UTF-8 with nothing added (no final
 * newline), so it can be diffed or fed to other tools.
 */
export const textCommand: CliCommand = {
  name: 'text',
  synopsis: 'text <dir> <relative-path>',
  summary: 'print the normalized text of one document, exactly',
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {});
    if (positionals.length !== 2) throw new CliUsageError('expected a folder and a document path');
    const corpus = await openCorpus(positionals[0]!, { watch: false });
    try {
      const { text } = await corpus.readDocument(positionals[1]!);
      await writeAll(io.stdout, Buffer.from(text, 'utf8'));
    } finally {
      await corpus.close();
    }
    return 0;
  },
};
