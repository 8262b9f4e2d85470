/**
 * "Giới thiệu và trợ giúp" on the built bundle: the version and date it shows are package.json's and the
 * commit's the bundle was built from, each of the manifest's permissions is explained, and the contact is
 * Cấu hình's "Liên hệ hỗ trợ". Run `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAddOn } from '../../src/cli/runtime';
import { Workbook, type StandInHtmlOutput } from '../../src/stand-in';
import { demoUnits } from '../../src/cli/demo-data';
import { permissionTexts } from '../../src/core/messages/install';
import { CLERK, snapshot, workbookWithUnits } from '../support/add-on';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
/** The day of the commit the bundle was built from, as the ward writes dates. */
const builtOn = execFileSync('git', ['log', '-1', '--format=%cs'], { cwd: ROOT, encoding: 'utf8' })
  .trim()
  .split('-')
  .reverse()
  .join('/');
const SUPPORT = 'Tổ công nghệ số phường, anh Trần Văn Nam, Zalo 0912 000 111';

function setSupport(workbook: Workbook, text: string): void {
  const config = workbook.sheet('Cấu hình');
  const row = config
    .getDataRange()
    .getValues()
    .findIndex((r) => r[0] === 'Liên hệ hỗ trợ');
  expect(row).toBeGreaterThan(0);
  config.getRange(row + 1, 3).setValue(text);
}

it("shows package.json's version, the build's date, every permission in plain words and whom to call", () => {
  const { workbook, addOn, ui } = workbookWithUnits(demoUnits(2), { organisation: 'files' });
  setSupport(workbook, SUPPORT);
  const before = snapshot(workbook);
  const result = addOn.showAbout();
  expect(result.about.version).toBe(pkg.version);
  expect(result.message).toBe(`Phiên bản ${pkg.version}, ngày ${builtOn}`);
  expect(result.about.scopes).toEqual(manifest.oauthScopes);
  expect(ui.dialogs).toHaveLength(1);
  expect(ui.dialogs[0].title).toBe('Giới thiệu và trợ giúp');
  const html = (ui.dialogs[0].output as StandInHtmlOutput).getContent();
  expect(html).toContain(`Phiên bản ${pkg.version}, ngày ${builtOn}`);
  expect(html).toContain(SUPPORT);
  // Every scope the manifest asks for has its plain words, and no explanation is left without a scope.
  expect(permissionTexts.map((p) => p.scope).sort()).toEqual([...manifest.oauthScopes].sort());
  for (const { use } of permissionTexts) expect(html).toContain(use.slice(0, 40));
  // Reading it writes nothing.
  expect(snapshot(workbook)).toEqual(before);
});

it('opens in a spreadsheet with no Cấu hình yet (a fresh copy of the template) and makes none', () => {
  const workbook = new Workbook({ owner: CLERK });
  const { addOn, ui } = loadAddOn(workbook);
  const sheets = workbook.getSheets().map((s) => s.getName());
  const result = addOn.showAbout();
  expect(result.ok).toBe(true);
  expect(result.about.support).toBe('');
  const html = (ui.dialogs[0].output as StandInHtmlOutput).getContent();
  expect(html).toContain('Chưa ghi người hỗ trợ');
  expect(workbook.getSheets().map((s) => s.getName())).toEqual(sheets);
});

it("the README's Cài đặt explains each permission in the dialog's own words", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const install = readme.slice(readme.indexOf('### Cài đặt'), readme.indexOf('### Ai làm gì, trong tệp nào'));
  expect(install.length).toBeGreaterThan(0);
  for (const { use } of permissionTexts) expect(install).toContain(use);
  for (const label of ['Google chưa xác minh ứng dụng này', 'Nâng cao', '(không an toàn)', 'Cho phép'])
    expect(install).toContain(label);
});
