/**
 * The maintainer's two clasp targets and `npm run deploy -- --dry-run`: without a network or a clasp login
 * it names the target's project file and script, lists exactly the files `clasp push` would upload (the
 * same bytes as the build the other tests run on) and the version it would record.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};
const PUSHED = ['Code.js', 'Progress.html', 'Sidebar.html', 'appsscript.json'];

/** No clasp credentials (an empty home) and every proxy pointing at a closed port: no way out. */
function offline(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'tonghop-home-'));
  const closed = 'http://127.0.0.1:9';
  return {
    ...process.env,
    HOME: home,
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    http_proxy: closed,
    https_proxy: closed,
    NO_PROXY: '',
  };
}

function deploy(args: string[]) {
  return spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'deploy.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: offline(),
    timeout: 120_000,
  });
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.each([
  ['dev', [] as string[], 'push --force'],
  ['prod', ['--prod'], 'push'],
])('the %s target', (target, flags, push) => {
  const projectFile = `.clasp-${target}.json`;

  it('is its own clasp project file, pushing dist/ as clasp status lists it', () => {
    const project = JSON.parse(readFileSync(join(ROOT, projectFile), 'utf8')) as Record<string, string>;
    expect(project.rootDir).toBe('dist');
    expect(typeof project.scriptId).toBe('string');
    const status = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'clasp'),
      ['-P', projectFile, 'status', '--json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: offline(),
        timeout: 60_000,
      }
    );
    expect(status.status).toBe(0);
    const files = (JSON.parse(status.stdout) as { filesToPush: string[] }).filesToPush;
    expect([...files].sort()).toEqual(PUSHED.map((f) => `dist/${f}`).sort());
  });

  it('shows, offline, what would be pushed where and which version would be recorded', () => {
    const run = deploy([...flags, '--dry-run', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout) as {
      target: string;
      projectFile: string;
      scriptId: string | null;
      files: { name: string; bytes: number; sha256: string }[];
      versionDescription: string;
      commands: string[][];
    };
    expect(plan.target).toBe(target);
    expect(plan.projectFile).toBe(projectFile);
    const id = (JSON.parse(readFileSync(join(ROOT, projectFile), 'utf8')) as { scriptId: string }).scriptId;
    expect(plan.scriptId).toBe(/^REPLACE_WITH_/.test(id) ? null : id);
    // Exactly the four files, byte for byte the build the rest of the suite runs (same tree, same commit).
    expect(plan.files.map((f) => f.name)).toEqual([...PUSHED].sort());
    for (const file of plan.files) expect(file.sha256).toBe(sha256(join(ROOT, 'dist', file.name)));
    expect(plan.versionDescription).toMatch(
      new RegExp(`^tonghop ${pkg.version.replace(/\./g, '\\.')}( \\(|$)`)
    );
    expect(plan.commands.map((c) => c.join(' '))).toEqual([
      'npm test',
      'npm run build',
      `clasp -P ${projectFile} ${push}`,
      `clasp -P ${projectFile} create-version ${plan.versionDescription}`,
    ]);
  });
});

it('npm run deploy and deploy:prod are the two targets, and the dry run reads as text too', () => {
  expect(pkg.scripts.deploy).toBe('tsx scripts/deploy.ts');
  expect(pkg.scripts['deploy:prod']).toBe('tsx scripts/deploy.ts --prod');
  const run = deploy(['--prod', '--dry-run']);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('Target: prod (.clasp-prod.json)');
  expect(run.stdout).toContain(`Version to record: "tonghop ${pkg.version}`);
});

it('refuses a real deploy to a target whose script id is not set, before testing or pushing anything', () => {
  const id = (JSON.parse(readFileSync(join(ROOT, '.clasp-dev.json'), 'utf8')) as { scriptId: string })
    .scriptId;
  if (!/^REPLACE_WITH_/.test(id)) return; // a maintainer's checkout with a real id: nothing to refuse
  const started = Date.now();
  const run = deploy([]);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('.clasp-dev.json has no scriptId yet');
  expect(run.stdout).toBe('');
  expect(Date.now() - started).toBeLessThan(30_000);
});
