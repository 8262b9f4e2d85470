/** The `tonghop` binary: exit code 0 done, 1 the action reported a problem, 2 bad input. */
import { main } from './cli';
import { CliError, say } from './cli-io';
import { runDemo } from './demo';
import { serveUnitFileReads } from './unit-file-readers';

// Started again as a worker that reads units' files (unit-file-readers.ts), the bundle serves reads only.
serveUnitFileReads();

export function run(argv: readonly string[] = process.argv.slice(2)): void {
  // Apps Script runs in the manifest's time zone (Asia/Ho_Chi_Minh); dates read back must agree.
  process.env.TZ = 'Asia/Ho_Chi_Minh';
  // A reader that closed the pipe early (`| head`) is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  // `demo --help` (or any option) is a question, not a folder's name.
  const demo = argv[0] === 'demo' && !argv[1]?.startsWith('-');
  const work = demo ? runDemo(argv[1] ? { dir: argv[1] } : {}) : main(argv[0] === 'demo' ? ['help'] : argv);
  // process.exitCode, never process.exit: exiting would cut stdout still queued for a pipe (64 KB).
  work.then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof CliError) {
        say(error.message);
        process.exitCode = error.exitCode;
        return;
      }
      say(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    }
  );
}
