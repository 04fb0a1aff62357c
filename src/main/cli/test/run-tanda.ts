import { spawn } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../../../..');
export const BIN = path.join(REPO, 'bin', 'tanda.cjs');

export interface TandaRun {
  code: number | null;
  /** Raw bytes, so `tanda text` can be compared exactly. */
  stdoutBytes: Buffer;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/tanda.cjs …` the way `npx tanda …` does. */
export function runTanda(...args: string[]): Promise<TandaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const bytes = Buffer.concat(stdout);
      resolve({
        code,
        stdoutBytes: bytes,
        stdout: bytes.toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
