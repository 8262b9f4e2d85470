/**
 * Runs the built add-on (dist/Code.js) in node:vm with the stand-in services as its only globals, as
 * Apps Script would: no require, process or timers, so the bundle cannot lean on Node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import type { ConsolidateResult } from '../gas/consolidate';
import type { InitResult } from '../gas/init';
import type { SetupResult } from '../gas/setup';
import type { DiagnosticsResult } from '../gas/diagnostics';
import type { UnitReportResult, WardReportResult } from '../gas/reports';
import type { SidebarServer } from '../core/sidebar-api';
import type { ImportServer } from '../core/import-api';
import { createServices, type Workbook } from './stand-in';

/** The entry points of dist/Code.js, as the menu and google.script.run call them. */
export interface AddOn extends SidebarServer, ImportServer {
  onOpen(): void;
  onEdit(e: { range: unknown }): void;
  initConfig(unitRows?: unknown): InitResult;
  setupUnits(): SetupResult;
  consolidate(): ConsolidateResult;
  showCheckSidebar(): void;
  showImportSidebar(): void;
  exportUnitReport(code?: string): UnitReportResult;
  exportWardReport(): WardReportResult;
  runDiagnostics(): DiagnosticsResult;
}

/** dist/ of this package, whether this code runs from src/ (tests) or bundled in dist/cli.js. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

export const DIST_DIR = join(packageRoot(__dirname), 'dist');

const scripts = new Map<string, vm.Script>();

function compiled(distDir: string): vm.Script {
  const path = join(distDir, 'Code.js');
  let script = scripts.get(path);
  if (!script) {
    script = new vm.Script(readFileSync(path, 'utf8'), { filename: path });
    scripts.set(path, script);
  }
  return script;
}

/** Apps Script has a console; messages go to stderr, and tonghop's own code logs nothing personal. */
const quietConsole = {
  log: (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`),
};

export function loadAddOn(workbook: Workbook, distDir = DIST_DIR) {
  const services = createServices(workbook, { htmlDir: distDir });
  const { ui, ...globals } = services;
  const context = vm.createContext({
    ...globals,
    console: { ...quietConsole, info: quietConsole.log, warn: quietConsole.log, error: quietConsole.log },
  });
  compiled(distDir).runInContext(context);
  return { addOn: context as unknown as AddOn, ui, services };
}

/**
 * A new spreadsheet comes with one empty tab, in Google Sheets as in the stand-in; `tonghop init` drops
 * it once the set-up sheet exists, so that the new workbook holds only the add-on's sheets.
 */
export function dropBlankSheets(workbook: Workbook): void {
  for (const sheet of workbook.getSheets()) {
    if (
      workbook.getSheets().length > 1 &&
      sheet.getLastRow() === 0 &&
      sheet.getDeveloperMetadata().length === 0
    ) {
      workbook.deleteSheet(sheet);
    }
  }
}
