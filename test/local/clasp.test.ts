/** What `clasp push` would upload: exactly the manifest, the bundle, the sidebar and the progress dialog. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

it('clasp status lists exactly appsscript.json, Code.js, Sidebar.html and Progress.html to push', () => {
  const clasp = join(ROOT, 'node_modules', '.bin', 'clasp');
  const run = spawnSync(clasp, ['status', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(0);
  const status = JSON.parse(run.stdout) as { filesToPush: string[] };
  expect([...status.filesToPush].sort()).toEqual([
    'dist/Code.js',
    'dist/Progress.html',
    'dist/Sidebar.html',
    'dist/appsscript.json',
  ]);
});

it('the manifest asks for the least scopes, in Hồ Chí Minh time', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'appsscript.json'), 'utf8'));
  expect(manifest).toMatchObject({
    timeZone: 'Asia/Ho_Chi_Minh',
    runtimeVersion: 'V8',
    exceptionLogging: 'STACKDRIVER',
    oauthScopes: [
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ],
  });
});
