/** The `tonghop` binary: exit code 0 done, 1 the action reported a problem, 2 bad input. */
import { main } from './cli';
import { CliError, say } from './cli-io';
import { runDemo } from './demo';

export function run(argv: readonly string[] = process.argv.slice(2)): void {
  // Apps Script runs in the manifest's time zone (Asia/Ho_Chi_Minh); dates read back must agree.
  process.env.TZ = 'Asia/Ho_Chi_Minh';
  // A reader that closed the pipe early (`| head`) is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const work = argv[0] === 'demo' ? runDemo(argv[1] ? { dir: argv[1] } : {}) : main(argv);
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
