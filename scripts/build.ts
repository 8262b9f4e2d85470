/**
 * Builds what `clasp push` uploads (dist/Code.js, dist/Sidebar.html, dist/appsscript.json) and the
 * local CLI (dist/cli.js). Apps Script only calls top-level function declarations, so every name
 * that src/gas/main.ts exports gets one, read from esbuild's metafile rather than a hand-kept list.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = join(__dirname, '..');
/** `--outdir DIR` builds elsewhere (the deploy's dry run), leaving dist/ to the tests that read it. */
const outdirFlag = process.argv.indexOf('--outdir');
const dist = outdirFlag > 0 ? resolve(process.argv[outdirFlag + 1]) : join(root, 'dist');
const GLOBAL_NAME = 'tonghop';

/**
 * What "Giới thiệu và trợ giúp" shows: package.json's version, the date of the commit built (the day the
 * code was made, the same on every rebuild of it; today's date outside a git checkout), and package.json's
 * homepage (the guide's address, '' when the maintainer has not set one), and the manifest's scopes (the
 * dialog explains each; Apps Script offers no call that lists them). Injected as constants that
 * src/gas/build-info.ts declares.
 */
function buildInfo(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    homepage?: string;
  };
  let date = '';
  try {
    date = execFileSync('git', ['log', '-1', '--format=%cs'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // Not a git checkout (an unpacked archive): the build's own day.
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) date = new Date().toISOString().slice(0, 10);
  const manifest = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')) as Manifest;
  return {
    TONGHOP_SCOPES: JSON.stringify(manifest.oauthScopes ?? []),
    TONGHOP_VERSION: JSON.stringify(pkg.version),
    TONGHOP_VERSION_DATE: JSON.stringify(date),
    TONGHOP_HOMEPAGE: JSON.stringify(pkg.homepage ?? ''),
  };
}
const BUILD_INFO = buildInfo();

async function entryPointNames(): Promise<string[]> {
  const result = await build({
    entryPoints: [join(root, 'src/gas/main.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: dist,
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  const names = outputs.flatMap((output) => output.exports);
  if (names.length === 0) throw new Error('src/gas/main.ts exports no entry point');
  return names.sort();
}

async function buildServerBundle(names: string[]): Promise<void> {
  const result = await build({
    entryPoints: [join(root, 'src/gas/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    define: BUILD_INFO,
  });
  const delegates = names
    .map((name) => `function ${name}(...args) { return ${GLOBAL_NAME}.${name}(...args); }`)
    .join('\n');
  const code = `${result.outputFiles[0].text}\n${delegates}\n`;
  writeFileSync(join(dist, 'Code.js'), code);
}

/** Apps Script serves no separate JS or CSS files, so each page's script is inlined into its HTML. */
async function buildPage(source: string, target: string): Promise<void> {
  const result = await build({
    entryPoints: [join(root, `src/ui/${source}.ts`)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    charset: 'utf8',
    minify: true,
  });
  const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const html = readFileSync(join(root, `src/ui/${source}.html`), 'utf8');
  const marker = '<!-- SCRIPT -->';
  if (!html.includes(marker)) throw new Error(`src/ui/${source}.html lacks ${marker}`);
  writeFileSync(
    join(dist, `${target}.html`),
    html.replace(marker, () => `<script>${script}</script>`)
  );
}

async function buildCli(): Promise<void> {
  await build({
    entryPoints: [join(root, 'src/cli/bin.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: join(dist, 'cli.js'),
    charset: 'utf8',
    sourcemap: 'inline',
    logLevel: 'warning',
    define: BUILD_INFO,
  });
}

interface Manifest {
  oauthScopes?: string[];
  dependencies?: {
    enabledAdvancedServices?: { userSymbol?: string; serviceId?: string; version?: string }[];
  };
}

/**
 * src/contract/apps-script.ts types the global `Drive` from the advanced service's v3 (DriveApi): the manifest
 * must enable exactly that, or the bundle meets another API (or none) on Google's servers.
 */
function checkManifest(manifest: Manifest): void {
  const drive = manifest.dependencies?.enabledAdvancedServices?.find((s) => s.userSymbol === 'Drive');
  if (drive?.serviceId !== 'drive' || drive.version !== 'v3') {
    throw new Error(
      'appsscript.json must enable the advanced Drive service v3 as "Drive" (src/contract/apps-script.ts)'
    );
  }
  if (!manifest.oauthScopes?.length) throw new Error('appsscript.json must list its oauthScopes');
}

async function main(): Promise<void> {
  mkdirSync(dist, { recursive: true });
  const names = await entryPointNames();
  await Promise.all([
    buildServerBundle(names),
    buildPage('sidebar', 'Sidebar'),
    buildPage('progress', 'Progress'),
    buildCli(),
  ]);
  checkManifest(JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')) as Manifest);
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
  process.stderr.write(
    `build ${JSON.parse(BUILD_INFO.TONGHOP_VERSION)} (${JSON.parse(BUILD_INFO.TONGHOP_VERSION_DATE)}): dist/Code.js (${names.length} entry points), dist/Sidebar.html, dist/Progress.html, dist/cli.js\n`
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
