/** LibreOffice as a second opinion on saved workbooks (Debian's libreoffice-calc-nogui; .ci/run installs it). */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The soffice binary, or undefined when LibreOffice is not installed (the tests that need it skip). */
export const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => fs.existsSync(p));

/**
 * LibreOffice, told to recompute every formula of an .xlsx on load (a profile in `workDir` sets
 * OOXMLRecalcMode to "always recalculate"), saves its own results; the path of its copy in `outDir`.
 */
export function recomputeWithLibreOffice(file: string, outDir: string, workDir: string): string {
  return convert(file, outDir, path.join(workDir, 'lo-profile'), true);
}

/**
 * LibreOffice as a clerk has it: a fresh profile with the default settings ("never recalculate" an
 * .xlsx on load: cached results are trusted, formulas without one are computed), saving its own copy.
 */
export function recomputeWithDefaultLibreOffice(file: string, outDir: string, workDir: string): string {
  return convert(file, outDir, path.join(workDir, 'lo-default-profile'), false);
}

function convert(file: string, outDir: string, profile: string, alwaysRecalculate: boolean): string {
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  if (alwaysRecalculate)
    fs.writeFileSync(
      path.join(profile, 'user', 'registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
    );
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync(
    soffice as string,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'xlsx',
      '--outdir',
      outDir,
      file,
    ],
    { stdio: 'pipe', timeout: 180_000 }
  );
  return path.join(outDir, path.basename(file));
}
