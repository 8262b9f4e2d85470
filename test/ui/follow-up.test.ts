/**
 * The sidebar's "Theo dõi đơn vị" screen (menu "Theo dõi và nhắc đơn vị") in headless Chromium, on the built
 * bundle and the stand-in (see harness.ts): the reminders, each with its message copied by its button and
 * its Zalo link, then Duyệt and Trả lại from the statuses. Run `npm run build` first.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { followUpMessages as fm } from '../../src/core/messages/follow-up';
import { DIST_DIR } from '../../src/cli/runtime';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { typeRows, unitSheet, workbookWithUnits } from '../support/add-on';
import { Bridge, connectBridge, launchChromium, screenshot } from './harness';

const UNITS = demoUnits(1).filter((u) => ['DU', 'HDND', 'VP', 'CA'].includes(u.code));
const unit = (code: string) => UNITS.find((u) => u.code === code) as DemoUnit;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const followIdle = (page: Page) =>
  page.waitForSelector('#follow-results[aria-busy="false"]', { state: 'attached' });

/** HĐND: its whole target and ticked done; VP: a few rows and an error; CA ticked done; DU nothing. */
function setUp() {
  const env = workbookWithUnits(UNITS);
  expect(env.addOn.setupUnits().ok).toBe(true);
  const person = (i: number, year: unknown = 1960 + i) => [
    `Nguyễn Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan'][i % 8]} ${['Minh', 'Nam', 'Phúc'][Math.floor(i / 8) % 3]}`,
    year,
    '',
    'Tổ dân phố số 1',
    '',
  ];
  typeRows(
    env.workbook,
    unit('HDND'),
    Array.from({ length: unit('HDND').target }, (_, i) => person(i))
  );
  typeRows(env.workbook, unit('VP'), [person(0), person(1, 85), person(2)]);
  typeRows(env.workbook, unit('CA'), [person(3), person(4)]);
  for (const code of ['HDND', 'CA']) {
    env.workbook.actAs(unit(code).emails.split(',')[0]);
    unitSheet(env.workbook, code).getRange('G6').setValue(true);
    env.workbook.actAs('van.thu@haiduong.example');
  }
  expect(env.addOn.consolidate().ok).toBe(true);
  return env;
}

describe('Theo dõi đơn vị sidebar', () => {
  it('lists the units to call with a copy button and a Zalo link, then accepts and returns from the statuses', async () => {
    const env = setUp();
    const context = await browser.newContext({ viewport: { width: 300, height: 900 }, deviceScaleFactor: 2 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const bridge = new Bridge(env.addOn);
    await connectBridge(page, bridge);
    // What the menu item appends to the page.
    await page.addInitScript({ content: 'window.tonghopScreen = "follow";' });
    await page.goto(`file://${join(DIST_DIR, 'Sidebar.html')}`);
    await followIdle(page);
    await page.waitForSelector('.reminder');

    expect(await page.isVisible('#follow-screen')).toBe(true);
    expect(await page.isHidden('#check-screen')).toBe(true);
    expect(bridge.calls.map((c) => c.name)).toEqual(['followUp']);
    // Most urgent first: DU (nothing yet), then VP (below target with an error), then CA (below target).
    const order = await page.$$eval('.reminder', (items) =>
      items.map((i) => (i as HTMLElement).dataset.unit)
    );
    expect(order).toEqual(['DU', 'VP', 'CA']);
    const vp = page.locator('.reminder[data-unit="VP"]');
    expect(await vp.locator('.remind-reasons').textContent()).toContain(fm.reasons.errors);
    const zalo = vp.locator('a.remind-zalo');
    expect(await zalo.getAttribute('href')).toBe(`https://zalo.me/${unit('VP').phone}`);
    expect(await zalo.getAttribute('target')).toBe('_blank');
    const message = await vp.locator('textarea.remind-text').inputValue();
    expect(message).toContain('Có 1 dòng bị lỗi (dòng 9)');
    expect(message).not.toContain('Nguyễn Văn');
    await vp.locator('button.remind-copy').click();
    await page.waitForFunction(
      () => document.querySelector('.reminder[data-unit="VP"] .admin-copied')?.textContent
    );
    expect(await vp.locator('.admin-copied').textContent()).toBe(fm.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(message);
    await screenshot(page, 'sidebar-follow-up.png');

    // Statuses, with Duyệt for the office.
    const hdnd = page.locator('.unit-status[data-unit="HDND"]');
    expect(await hdnd.locator('.unit-state').textContent()).toBe('Đơn vị báo xong');
    await hdnd.locator('button.review-accept').click();
    await followIdle(page);
    await page.waitForSelector('#follow-notice .notice.success');
    expect(await page.textContent('#follow-notice')).toContain('Đã duyệt danh sách của Thường trực HĐND');
    await page.waitForFunction(
      () => document.querySelector('.unit-status[data-unit="HDND"] .unit-state')?.textContent === 'Đã duyệt'
    );
    expect(bridge.calls.at(-2)).toEqual({ name: 'reviewUnit', arg: { unit: 'HDND', action: 'accept' } });

    // Trả lại asks for a note first.
    const ca = page.locator('.unit-status[data-unit="CA"]');
    await ca.locator('button.review-return').click();
    await ca.locator('button.return-confirm').click();
    expect(await page.textContent('#follow-notice')).toContain(fm.noteRequired);
    await ca.locator('textarea.return-note').fill('Còn thiếu năm sinh ở dòng 9.');
    await ca.locator('button.return-confirm').click();
    await page.waitForFunction(
      () => document.querySelector('.unit-status[data-unit="CA"] .unit-state')?.textContent === 'Cần sửa'
    );
    expect(String(unitSheet(env.workbook, 'CA').getRange('A6').getValue())).toContain(
      'Còn thiếu năm sinh ở dòng 9.'
    );
    expect(unitSheet(env.workbook, 'CA').getRange('G6').getValue()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('lets the office accept a "Không trùng" row another unit listed first, which then counts for the ward', async () => {
    const env = workbookWithUnits(UNITS);
    expect(env.addOn.setupUnits().ok).toBe(true);
    typeRows(env.workbook, unit('HDND'), [['Trần Thị Bình', 1985, '', 'Tổ dân phố số 1', '']]);
    typeRows(env.workbook, unit('CA'), [['Trần Thị Bình', 1985, '', 'Tổ dân phố số 1', 'Không trùng']]);
    const before = env.addOn.consolidate();
    expect(before.ward.uniquePeople).toBe(1);
    expect(before.suspectedDuplicates).toEqual([
      { unit: 'CA', row: 8, otherUnit: 'HDND', otherRow: 8, reason: 'namesake' },
    ]);
    const context = await browser.newContext({ viewport: { width: 300, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const bridge = new Bridge(env.addOn);
    await connectBridge(page, bridge);
    await page.addInitScript({ content: 'window.tonghopScreen = "follow";' });
    await page.goto(`file://${join(DIST_DIR, 'Sidebar.html')}`);
    await followIdle(page);
    await page.waitForSelector('.namesake');
    const pair = page.locator('.namesake[data-unit="CA"]');
    expect(await pair.textContent()).toContain(
      'Công an phường, dòng 8 – đã có ở Thường trực HĐND phường, dòng 8'
    );
    expect(await page.textContent('#namesakes')).not.toContain('Trần Thị Bình');
    await pair.locator('button.namesake-accept').click();
    await page.waitForSelector('#follow-notice .notice.success');
    expect(await page.textContent('#follow-notice')).toContain('Đã chấp nhận dòng 8 của Công an phường');
    expect(bridge.calls.at(-1)).toEqual({ name: 'acceptNamesake', arg: { unit: 'CA', row: 8 } });
    await page.waitForSelector('.namesake[data-unit="CA"]', { state: 'detached' });
    const after = env.addOn.consolidate();
    expect(after.ward.uniquePeople).toBe(2);
    expect(after.suspectedDuplicates).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
