import type { CliCommand } from './cli-command';
import { CONVERT_FORMATS } from './convert-formats';
import type * as ConvertRunModule from './convert-run';

type ConvertRun = typeof ConvertRunModule;

/**
 * `tanda convert --corpus <dir> <input> --to <format> --out <file> [--codebook <file>]`:
 * an annotations CSV (export format), a bundle (.json) or a REFI-QDA project
 * (.qdpx) into any export format, with the modules and checks of the app's
 * import and export (convert-run.ts).
 */
export const convertCommand: CliCommand = {
  name: 'convert',
  synopsis: `convert --corpus <dir> <input.csv|.json|.qdpx> --to ${CONVERT_FORMATS.join('|')} --out <file> [--codebook <codebook.json>]`,
  summary: 'convert annotations between the export formats, with the import checks (exit 1 on problems)',
  async run(args, io) {
    // The converters (exceljs, XML, zip) load only when this command runs, so the other commands start as
    // fast as before. `require`, not `import()`: bin/tanda.cjs compiles through tsx's scoped require, which
    // a dynamic import would bypass.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runConvert } = require('./convert-run') as ConvertRun;
    return runConvert(args, io);
  },
};
