/** The `tonghop` binary: exit code 0 done, 1 the action reported a problem, 2 bad input. */
import { CliError, main, say } from './cli';
import { runDemo } from './demo';

export function run(argv: readonly string[] = process.argv.slice(2)): void {
  // Apps Script runs in the manifest's time zone (Asia/Ho_Chi_Minh); dates read back must agree.
  process.env.TZ = 'Asia/Ho_Chi_Minh';
  const work = argv[0] === 'demo' ? runDemo(argv[1] ? { dir: argv[1] } : {}) : main(argv);
  work.then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof CliError) {
        say(error.message);
        process.exit(error.exitCode);
      }
      say(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    }
  );
}
