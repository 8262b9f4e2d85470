/**
 * "Giới thiệu và trợ giúp" as Chromium draws it: the version line, one item per permission, the contact
 * from Cấu hình shown as text (markup typed there never runs), and the close button. Run `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoUnits } from '../../src/cli/demo-data';
import type { StandInHtmlOutput } from '../../src/stand-in';
import { workbookWithUnits } from '../support/add-on';
import { launchChromium, screenshot } from './harness';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
const MARKUP = '<img src=x onerror="window.__xss=1">';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
});

it('reads as the clerk sees it, and closes', async () => {
  const { workbook, addOn, ui } = workbookWithUnits(demoUnits(2), { organisation: 'files' });
  const config = workbook.sheet('Cấu hình');
  const row = config
    .getDataRange()
    .getValues()
    .findIndex((r) => r[0] === 'Liên hệ hỗ trợ');
  const contact = `Anh Nam, Zalo 0912 000 111 ${MARKUP}`;
  config.getRange(row + 1, 3).setValue(contact);
  addOn.showAbout();
  const output = ui.dialogs[0].output as StandInHtmlOutput;

  const context = await browser.newContext({
    viewport: { width: output.width ?? 560, height: output.height ?? 620 },
  });
  try {
    const page = await context.newPage();
    await page.setContent(output.getContent());
    // Google's host object, as the dialog's iframe has it.
    await page.evaluate(() => {
      (window as unknown as { google: unknown }).google = {
        script: { host: { close: () => ((window as unknown as { __closed: boolean }).__closed = true) } },
      };
    });
    await page.waitForTimeout(100); // an <img onerror> would have fired by now
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.textContent('#version')).toMatch(
      new RegExp(`^Phiên bản ${pkg.version.replace(/\./g, '\\.')}, ngày \\d{2}/\\d{2}/\\d{4}$`)
    );
    expect(await page.$$eval('#permissions li', (items) => items.length)).toBe(manifest.oauthScopes.length);
    expect(await page.textContent('#contact')).toBe(contact);
    expect(await page.textContent('#upgrade')).toContain('Chuyển sang phiên bản mới');
    await screenshot(page, 'about-dialog.png');
    await page.click('#close');
    expect(await page.evaluate(() => (window as unknown as { __closed?: boolean }).__closed)).toBe(true);
  } finally {
    await context.close();
  }
});
