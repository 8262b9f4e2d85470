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
//
// Where each unit has a file, the units' folder counts towards "large" (the office's own .xlsx is small).
// Its live set is smaller (the unit files stay out of the formula engine): 128 MB semi-spaces took
// 16.4 s of CPU against 18.3 s at 64 MB for 200 files × 750 rows, peaking at 961 MB against 845 MB.
const HEAP_MB = 1280;
const SEMI_SPACE_MB = 64;
const FOLDER_SEMI_SPACE_MB = 128;
const LARGE_FILE_BYTES = 4 * 2 ** 20;
const MARK = 'TONGHOP_HEAP_CAPPED';

function cappedRun(argv) {
  const chosen =
    process.env[MARK] === '1' ||
    process.execArgv.some((a) => a.startsWith('--max-old-space-size')) ||
    (process.env.NODE_OPTIONS || '').includes('--max-old-space-size');
  if (chosen) return null;
  const { readdirSync, statSync } = require('node:fs');
  const { join } = require('node:path');
  const size = (path) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  // A workbook whose units each have a file reads them all: the units' folder (BOOK-don-vi/ beside
  // BOOK.xlsx, or --units-dir) counts with it.
  const folderSize = (dir) => {
    try {
      return readdirSync(dir)
        .filter((name) => /\.xlsx$/i.test(name))
        .reduce((n, name) => n + size(join(dir, name)), 0);
    } catch {
      return 0;
    }
  };
  const at = argv.indexOf('--units-dir');
  const folder = Math.max(
    at >= 0 ? folderSize(argv[at + 1] || '') : 0,
    ...argv.map((arg) => (/\.xlsx$/i.test(arg) ? folderSize(arg.replace(/\.xlsx$/i, '-don-vi')) : 0))
  );
  const file = Math.max(0, ...argv.map(size));
  if (file < LARGE_FILE_BYTES && folder < LARGE_FILE_BYTES) return null;
  const semiSpace = folder > file ? FOLDER_SEMI_SPACE_MB : SEMI_SPACE_MB;
  const child = require('node:child_process').spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${HEAP_MB}`,
      `--max-semi-space-size=${semiSpace}`,
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
