/**
 * `npm run deploy` (the dev script project) and `npm run deploy:prod` (the one bound to the published
 * template): test (npm test: typecheck, lint, dependency rules, unused code, build, jest), build, push the
 * bundle with clasp to the target of .clasp-dev.json or .clasp-prod.json, and record an Apps Script version
 * named after package.json's. After google/aside's `deploy` / `deploy:prod`, with clasp's `--project`
 * instead of copying a file over .clasp.json.
 *
 * `--dry-run` runs nothing that changes anything and needs no network nor clasp login: it builds into a
 * temporary folder, asks `clasp status` (local only) what it would push from there, and prints the target,
 * the files with their sizes and hashes, the commands and the version description. `--json` prints it as
 * JSON (what test/cli/deploy.test.ts reads).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';

const root = join(__dirname, '..');
const clasp = join(root, 'node_modules', '.bin', 'clasp');
const PLACEHOLDER = /^REPLACE_WITH_/;

type Target = 'dev' | 'prod';

interface Plan {
  target: Target;
  projectFile: string;
  scriptId: string | null;
  rootDir: string;
  /** What clasp pushes, by the name it gets in the script project, from a build of this work tree. */
  files: { name: string; bytes: number; sha256: string }[];
  version: string;
  versionDescription: string;
  commands: string[][];
  warnings: string[];
}

function run(command: string, args: string[], options: { capture?: boolean } = {}): string {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (result.status !== 0) {
    const detail = options.capture ? `\n${result.stderr ?? ''}${result.stdout ?? ''}` : '';
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})${detail}`);
  }
  return result.stdout ?? '';
}

function git(args: string[]): string {
  try {
    return run('git', args, { capture: true }).trim();
  } catch {
    return '';
  }
}

function readProject(file: string): { scriptId: string | null; rootDir: string } {
  const path = join(root, file);
  if (!existsSync(path)) throw new Error(`${file} is missing (see the README: "Build, test, deploy")`);
  const project = JSON.parse(readFileSync(path, 'utf8')) as { scriptId?: string; rootDir?: string };
  const id = project.scriptId ?? '';
  return { scriptId: id === '' || PLACEHOLDER.test(id) ? null : id, rootDir: project.rootDir ?? '.' };
}

/** "tonghop 0.1.0 (2026-05-21, 1a2b3c4)": package.json's version, the commit's day and hash. */
function versionDescription(version: string): string {
  const day = git(['log', '-1', '--format=%cs']);
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain']) !== '';
  const where = [day, commit && `${commit}${dirty ? '+changes' : ''}`].filter((s) => s !== '').join(', ');
  return `tonghop ${version}${where ? ` (${where})` : ''}`;
}

/** What `clasp push` would upload from a build in `dir`, as `clasp status` lists it (no network). */
function filesToPush(dir: string): Plan['files'] {
  const project = join(dir, '.clasp-dry-run.json');
  writeFileSync(project, JSON.stringify({ scriptId: 'dry-run', rootDir: '.' }));
  const out = run(clasp, ['-P', project, '-I', join(root, '.claspignore'), 'status', '--json'], {
    capture: true,
  });
  const status = JSON.parse(out) as { filesToPush: string[] };
  return status.filesToPush
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return {
        name: relative(dir, join(dir, file)),
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function plan(target: Target, dryRun: boolean): Plan {
  const projectFile = `.clasp-${target}.json`;
  const project = readProject(projectFile);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    homepage?: string;
  };
  const description = versionDescription(pkg.version);
  const warnings: string[] = [];
  if (project.scriptId === null)
    warnings.push(`${projectFile} has no scriptId yet: put the script id of the ${target} project in it`);
  if (!pkg.homepage)
    warnings.push('package.json has no "homepage": Giới thiệu và trợ giúp will show no link to the guide');
  if (git(['status', '--porcelain']) !== '')
    warnings.push('the work tree has uncommitted changes: they would be pushed too');
  // google/aside forces the dev push (the manifest is ours) and lets clasp ask before overwriting prod's.
  const push = ['clasp', '-P', projectFile, 'push', ...(target === 'dev' ? ['--force'] : [])];
  const commands = [
    ['npm', 'test'],
    ['npm', 'run', 'build'],
    push,
    ['clasp', '-P', projectFile, 'create-version', description],
  ];
  let files: Plan['files'] = [];
  if (dryRun) {
    const dir = mkdtempSync(join(tmpdir(), 'tonghop-deploy-'));
    try {
      run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'build.ts'), '--outdir', dir], {
        capture: true,
      });
      files = filesToPush(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    target,
    projectFile,
    scriptId: project.scriptId,
    rootDir: project.rootDir,
    files,
    version: pkg.version,
    versionDescription: description,
    commands,
    warnings,
  };
}

function printPlan(p: Plan): void {
  const out = process.stdout;
  out.write(`Dry run: nothing is tested, pushed or recorded, and no network is used.\n`);
  out.write(`Target: ${p.target} (${p.projectFile})\n`);
  out.write(
    `Script: ${p.scriptId === null ? 'not set' : `${p.scriptId} (https://script.google.com/d/${p.scriptId}/edit)`}\n`
  );
  out.write(`Files clasp would push (rootDir ${p.rootDir}, built from this work tree):\n`);
  for (const f of p.files)
    out.write(
      `  ${f.name.padEnd(16)} ${String(f.bytes).padStart(9)} bytes  sha256 ${f.sha256.slice(0, 16)}\n`
    );
  out.write(`Version to record: "${p.versionDescription}"\n`);
  out.write(`Commands a real deploy runs, in order:\n`);
  for (const c of p.commands)
    out.write(`  ${c.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`);
  for (const w of p.warnings) out.write(`Warning: ${w}\n`);
}

function deploy(p: Plan): void {
  if (p.scriptId === null) throw new Error(p.warnings[0]);
  if (p.target === 'prod' && git(['status', '--porcelain']) !== '')
    throw new Error('deploy:prod pushes a commit: commit or stash the changes first');
  for (const [command, ...args] of p.commands) {
    process.stderr.write(`deploy (${p.target}): ${[command, ...args].join(' ')}\n`);
    run(command === 'clasp' ? clasp : command, args);
  }
  process.stderr.write(`deploy (${p.target}): pushed and recorded "${p.versionDescription}"\n`);
}

function main(): void {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => !['--prod', '--dev', '--dry-run', '--json'].includes(a));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (${basename(__filename)})`);
  const target: Target = args.includes('--prod') ? 'prod' : 'dev';
  const dryRun = args.includes('--dry-run');
  const p = plan(target, dryRun);
  if (!dryRun) return deploy(p);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
  else printPlan(p);
}

try {
  main();
} catch (error) {
  process.stderr.write(`deploy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
