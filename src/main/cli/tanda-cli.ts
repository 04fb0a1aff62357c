import { CorpusError } from '../services/corpus-service-api';
import { agreementCommand } from './agreement-command';
import { CliUsageError, writeAll, type CliCommand, type CliIo } from './cli-command';
import { convertCommand } from './convert-command';
import { csvCheckCommand } from './csv-check-command';
import { scanCommand } from './scan-command';
import { suggestCommand } from './suggest-command';
import { textCommand } from './text-command';

/**
 * `tanda`, the command line. Run through bin/tanda.cjs. Exit codes: 0 done,
 * 1 the request failed (missing folder, unknown document, …), 2 the command
 * line itself was wrong.
 */

/** Every subcommand. Add new ones (csv-check, agreement) here. */
const commands: readonly CliCommand[] = [
  scanCommand,
  textCommand,
  csvCheckCommand,
  agreementCommand,
  suggestCommand,
  convertCommand,
];

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.synopsis.length));
  return [
    'usage: tanda <command> [arguments]',
    '',
    'commands:',
    ...commands.map((c) => `  tanda ${c.synopsis.padEnd(width)}  ${c.summary}`),
    '',
    'Paths inside a corpus are relative to its folder, with / between folders.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await writeAll(io.stdout, usage());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    await writeAll(io.stderr, `tanda: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    await writeAll(io.stdout, `usage: tanda ${command.synopsis}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      await writeAll(
        io.stderr,
        `tanda ${command.name}: ${error.message}\nusage: tanda ${command.synopsis}\n`,
      );
      return 2;
    }
    if (error instanceof CorpusError) {
      await writeAll(io.stderr, `tanda: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** Entry point for bin/tanda.cjs. Sets the exit code and lets Node exit once output is flushed. */
export async function main(argv: readonly string[]): Promise<void> {
  // `tanda scan … | head` closes the pipe early: stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    process.stderr.write(
      `tanda: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
