import { parseArgs } from 'node:util';
import { errorMessage } from '../../shared/validation/error-message';

/**
 * The shape every `tanda` subcommand has. A new command (`csv-check`,
 * `agreement`) is one module exporting a CliCommand, added to the table in
 * tanda-cli.ts.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CliCommand {
  name: string;
  /** `tanda <name> <args>` as shown in usage, e.g. `scan <dir> [--json]`. */
  synopsis: string;
  /** One line for the command list. */
  summary: string;
  /** Gets the arguments after the command name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong arguments: the CLI prints the message and usage on stderr and exits 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Writes and resolves once the stream has taken the data, so exiting cannot cut output short. */
export function writeAll(stream: NodeJS.WritableStream, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

type OptionSpec = Record<string, { type: 'boolean' | 'string'; short?: string }>;

/**
 * node:util parseArgs in strict mode, with its errors (unknown option,
 * missing value) turned into usage errors.
 */
export function parseCommandArgs<O extends OptionSpec>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(errorMessage(error));
  }
}
