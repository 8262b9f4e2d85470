/** The `tonghop` command as a clerk runs it at a terminal, for the CLI's tests. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');

/** Runs bin/tonghop.js with its progress lines quiet: the exit code and both streams. */
export function tonghop(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, TONGHOP_QUIET: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
