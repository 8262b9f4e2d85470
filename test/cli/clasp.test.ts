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

it("the manifest asks for the least scopes that reach the units' files, in Hồ Chí Minh time", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'appsscript.json'), 'utf8'));
  expect(manifest).toEqual({
    timeZone: 'Asia/Ho_Chi_Minh',
    runtimeVersion: 'V8',
    exceptionLogging: 'STACKDRIVER',
    // spreadsheets: every office member opens every unit file by id; drive.file: what the owner's script
    // does in Drive (folder, invitations, writersCanShare); no restricted Drive scope.
    oauthScopes: [
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/drive.file',
      'https://www.googleapis.com/auth/script.container.ui',
    ],
    dependencies: {
      enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }],
    },
  });
});
