#!/usr/bin/env node
// The CLI is built into dist/ by `npm run build` (npm install runs it through `prepare`).
//
// A ward-sized workbook: V8 sizes its default heap limit from the machine's memory and collects
// lazily, so a large limit is also a large peak. For a large file, tonghop runs itself again with an
// explicit old-generation size of 1,280 MB. Measured on a 150,000-row ward (200 units): with a
// 2,048 MB limit a run on a workbook that already holds a master list peaked at 1.55 GB of RSS, with
// 1,280 MB near 1.2 GB in the same time; it still finished at 900 MB (a little slower), so the live
// set is below that. The child inherits stdin, stdout and stderr and
// its exit code is ours. This check runs before the bundle loads, so the waiting parent stays a bare
// Node process (~45 MB). The same dist/cli.js does the work either way.
//
// The young generation's semi-spaces go from V8's default 16 MB to 64 MB: reading and consolidating
// allocate millions of short-lived objects. At 150,000 rows the scavenger ran ~905 times at 16 MB,
// ~455 at 32 MB and ~240 at 64 MB; a re-run took 23.5-24.4 s at 32 MB and 22.9 s at 64 MB on an idle
// 2-core machine, for ~60 MB more peak RSS.
const HEAP_MB = 1280;
const SEMI_SPACE_MB = 64;
const LARGE_FILE_BYTES = 4 * 2 ** 20;
const MARK = 'TONGHOP_HEAP_CAPPED';

function cappedRun(argv) {
  const chosen =
    process.env[MARK] === '1' ||
    process.execArgv.some((a) => a.startsWith('--max-old-space-size')) ||
    (process.env.NODE_OPTIONS || '').includes('--max-old-space-size');
  if (chosen) return null;
  const { statSync } = require('node:fs');
  const large = argv.some((arg) => {
    try {
      return statSync(arg).size >= LARGE_FILE_BYTES;
    } catch {
      return false;
    }
  });
  if (!large) return null;
  const child = require('node:child_process').spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${HEAP_MB}`,
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      __filename,
      ...argv,
    ],
    { stdio: 'inherit', env: { ...process.env, [MARK]: '1' } }
  );
  if (child.error) return null;
  // Ended by a signal (Ctrl+C reaches both processes): the shell's 128 + signal number.
  if (child.status !== null) return child.status;
  return 128 + (require('node:os').constants.signals[child.signal] || 2);
}

const code = cappedRun(process.argv.slice(2));
if (code === null) require('../dist/cli.js').run();
else process.exitCode = code;
