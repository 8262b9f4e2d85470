// The tests drive the built bundle (dist/Code.js, dist/cli.js): a dist/ older than what it is built from
// would test yesterday's code and pass. `npm test` builds first; `npx jest` alone after an edit does not.
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** What dist/ is built from: every file under src/, the build script and the manifest. */
function sourcesOf(root) {
  const files = [join(root, 'scripts', 'build.ts'), join(root, 'appsscript.json')];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(root, 'src'));
  return files;
}

/** Why dist/ under `root` cannot be tested, or null when every built file is newer than every source. */
function staleDist(root) {
  const built = ['Code.js', 'cli.js', 'Sidebar.html', 'Progress.html'].map((name) =>
    join(root, 'dist', name)
  );
  let oldest = Infinity;
  for (const path of built) {
    try {
      oldest = Math.min(oldest, statSync(path).mtimeMs);
    } catch {
      return `${path} is missing: run \`npm run build\` (npm test builds first).`;
    }
  }
  const newer = sourcesOf(root).filter((path) => statSync(path).mtimeMs > oldest);
  if (newer.length === 0) return null;
  const shown = newer.slice(0, 3).map((path) => path.slice(root.length + 1));
  return (
    `dist/ is older than ${shown.join(', ')}${newer.length > 3 ? ` and ${newer.length - 3} more` : ''}: ` +
    'run `npm run build` (npm test builds first).'
  );
}

module.exports = { staleDist };
