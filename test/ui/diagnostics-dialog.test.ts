/**
 * The Chẩn đoán dialog as Chromium draws it: the table reads as text (markup in a message never runs) and
 * the JSON box holds exactly the report. Run `npm run build` first.
 */
import type { Browser } from 'playwright-core';
import { demoUnits } from '../../src/cli/demo-data';
import { StandInRange, type StandInHtmlOutput } from '../../src/stand-in';
import { diagnosticsMessages as dm } from '../../src/core/messages/diagnostics';
import { workbookWithUnits } from '../support/add-on';
import { launchChromium, screenshot } from './harness';

const MARKUP = '<img src=x onerror="window.__xss=1">';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
});

afterEach(() => jest.restoreAllMocks());

it('shows the table as text and the JSON to copy', async () => {
  const { addOn, ui } = workbookWithUnits(demoUnits(1));
  jest.spyOn(StandInRange.prototype, 'protect').mockImplementation(() => {
    throw new Error(MARKUP);
  });
  const result = addOn.runDiagnostics();
  const output = ui.dialogs[0].output as StandInHtmlOutput;
  expect(output.width).toBeGreaterThanOrEqual(500);

  const context = await browser.newContext({ viewport: { width: 640, height: 600 } });
  try {
    const page = await context.newPage();
    await page.setContent(output.getContent());
    await page.waitForTimeout(100); // an <img onerror> would have fired by now
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const cells = await page.$$eval('#results tbody tr', (rows) =>
      rows.map((row) => [
        row.querySelector('th')?.textContent ?? '',
        row.querySelector('td')?.textContent ?? '',
      ])
    );
    expect(cells).toContainEqual([dm.rows.freshProtection, dm.failed]);
    expect(cells).toContainEqual([dm.rows.locale, dm.vietnamese]);
    expect(await page.textContent('#summary')).toBe(dm.someFailed(1));
    const json = await page.inputValue('#json');
    expect(JSON.parse(json)).toEqual(result.report);
    await page.click('#json');
    const selected = await page.evaluate(() => {
      const box = document.getElementById('json') as HTMLTextAreaElement;
      return box.selectionEnd - box.selectionStart;
    });
    expect(selected).toBe(json.length);
    await screenshot(page, 'diagnostics-dialog.png');
  } finally {
    await context.close();
  }
});
