/**
 * The progress dialog of Tổng hợp and Thiết lập đơn vị in headless Chromium, calling the built bundle's
 * steps through the stand-in `google.script.run` (test/ui/harness.ts). The page is the HtmlOutput the
 * menu item shows (dist/Progress.html with its job appended). Run `npm run build` first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { failureMessages as fm } from '../../src/core/messages/failures';
import { stepMessages as st } from '../../src/core/messages/steps';
import { splitMessages as xm } from '../../src/core/messages/split';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { sheetTags, sheetsByRole } from '../../src/gas/sheet-utils';
import { Bridge, connectBridge, launchChromium, screenshot } from './harness';
import { typeRows, workbookWithUnits } from '../support/add-on';

const UNITS = demoUnits(2).slice(15, 19);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

function ward() {
  const env = workbookWithUnits(UNITS);
  expect(env.addOn.setupUnits().ok).toBe(true);
  UNITS.forEach((unit: DemoUnit, u) =>
    typeRows(
      env.workbook,
      unit,
      Array.from({ length: 20 + u }, (_, i) => [
        `Nguyễn Văn An ${'A'.repeat((i % 5) + 1)}`,
        1960 + i,
        '',
        `Tổ ${u}`,
      ])
    )
  );
  return env;
}

/** Opens what the menu item shows, with a server whose steps get a zero budget (one piece of work each). */
async function openDialog(
  env: ReturnType<typeof workbookWithUnits>,
  menu: 'consolidate' | 'setupUnits' | 'splitIntoFiles',
  server: object,
  out: { bridge?: Bridge } = {}
) {
  env.raw(menu);
  const shown = env.ui.dialogs.at(-1)!;
  const context = await browser.newContext({ viewport: { width: 420, height: 260 }, deviceScaleFactor: 2 });
  const page: Page = await context.newPage();
  const bridge = new Bridge(server as never);
  out.bridge = bridge;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await connectBridge(page, bridge);
  // A page of its own (init scripts run on navigation, as Google serves the dialog's HtmlOutput).
  const file = join(mkdtempSync(join(tmpdir(), 'tonghop-dialog-')), 'dialog.html');
  writeFileSync(file, shown.output.getContent());
  await page.goto(`file://${file}`);
  return { page, bridge, errors, title: shown.title, close: () => context.close() };
}

describe('progress dialog', () => {
  it('shows each step of Tổng hợp, then the closing message; closed mid-run, the menu item resumes it', async () => {
    const env = ward();
    let steps = 0;
    const first: { bridge?: Bridge } = {};
    const server = {
      consolidateStep: () => {
        steps++;
        // The connection is lost after the first step: the dialog's next call never arrives.
        if (steps === 1) first.bridge?.hold();
        return env.addOn.consolidateStep({ budgetMs: 0 });
      },
    };
    let dialog = await openDialog(env, 'consolidate', server, first);
    expect(dialog.title).toBe('Tổng hợp');
    // After the first step the next call waits: the dialog shows how far the run is.
    // (With no time budget a step reads one unit: Tổng hợp reads each unit once, in turn.)
    await dialog.page.waitForFunction(() =>
      /đơn vị/.test(document.getElementById('counts')?.textContent ?? '')
    );
    const counts = (await dialog.page.textContent('#counts')) ?? '';
    expect(counts).toMatch(/Đã đọc 1\/4 đơn vị\..*\d+%/);
    expect(await dialog.page.textContent('#hint')).toBe(st.keepOpen);
    await screenshot(dialog.page, 'progress-consolidate.png');
    // The clerk closes the dialog mid-run: readers still see the previous complete result.
    await dialog.close();
    const summary = sheetsByRole(sheetTags(env.workbook)).get('summary')!;
    expect(summary.getRange('A1').getValue()).toBe('Chưa tổng hợp. Chọn menu Smart Hải Phòng → Tổng hợp.');

    // Choosing Tổng hợp again resumes the run (the same clerk holds its lease) and ends with the message.
    dialog = await openDialog(env, 'consolidate', server);
    await dialog.page.waitForSelector('#close:not([hidden])');
    const message = (await dialog.page.textContent('#message')) ?? '';
    expect(message).toMatch(/^Đã đọc 86 dòng: /);
    expect(await dialog.page.textContent('#close')).toBe('Đóng');
    expect(await dialog.page.$eval('#fill', (el) => (el as HTMLElement).style.width)).toBe('100%');
    expect(dialog.errors).toEqual([]);
    await screenshot(dialog.page, 'progress-done.png');
    await dialog.close();
    // One step before the dialog closed, the rest after: the run went on rather than starting over (a
    // fresh run would read the first unit again: five steps in the second dialog, not four).
    expect(steps).toBe(5);
    expect(message).not.toContain('tổng hợp lại từ đầu');
  }, 120_000);

  it('shows Thiết lập đơn vị unit by unit, and a failed step as an interruption that loses nothing', async () => {
    const env = workbookWithUnits(UNITS);
    const dialog = await openDialog(env, 'setupUnits', {
      setupStep: () => env.addOn.setupStep({ budgetMs: 0 }),
    });
    expect(dialog.title).toBe('Thiết lập đơn vị');
    await dialog.page.waitForSelector('#close:not([hidden])');
    expect(await dialog.page.textContent('#message')).toMatch(/^Đã tạo 4 trang đơn vị/);
    expect(await dialog.page.textContent('#counts')).toContain('Đã thiết lập 4/4 đơn vị.');
    await dialog.close();

    const failing = await openDialog(env, 'setupUnits', {
      setupStep: () => {
        throw new Error('Exceeded maximum execution time');
      },
    });
    await failing.page.waitForSelector('#close:not([hidden])');
    // What happened and what to do, in Vietnamese; Google's English folded away for the administrator.
    const text = (await failing.page.textContent('#message')) ?? '';
    expect(text).toBe(st.interrupted(fm.cause.timeout, 'Thiết lập đơn vị'));
    expect(text).toContain('chọn lại Smart Hải Phòng → Thiết lập đơn vị để chạy tiếp');
    expect(text).not.toContain('Exceeded');
    const admin = failing.page.locator('#admin details.admin-info');
    expect(await admin.getAttribute('open')).toBeNull();
    expect(await failing.page.isVisible('#admin textarea')).toBe(false);
    expect(await failing.page.textContent('#admin summary')).toBe(fm.adminHeading);
    await failing.page.click('#admin summary');
    expect(await failing.page.inputValue('#admin textarea')).toBe('Exceeded maximum execution time');
    // "Chép" copies it, or leaves it all selected for Ctrl+C where the frame may not copy.
    await failing.page.click('#admin .admin-copy');
    await failing.page.waitForFunction(
      () => (document.querySelector('#admin .admin-copied')?.textContent ?? '') !== ''
    );
    expect([fm.copied, fm.copyByHand]).toContain(await failing.page.textContent('#admin .admin-copied'));
    expect(
      await failing.page.$eval('#admin textarea', (area) => {
        const box = area as HTMLTextAreaElement;
        return box.selectionEnd - box.selectionStart;
      })
    ).toBe('Exceeded maximum execution time'.length);
    await screenshot(failing.page, 'progress-interrupted.png');
    await failing.close();
  }, 120_000);

  it('asks before Tách thành tệp riêng removes the tabs, and its button runs the rest', async () => {
    const env = ward();
    const answers: unknown[] = [];
    const dialog = await openDialog(env, 'splitIntoFiles', {
      splitStep: (options: { confirm?: string }) => {
        answers.push(options.confirm);
        return env.addOn.splitStep({ ...options, budgetMs: 0 });
      },
    });
    expect(dialog.title).toBe('Tách thành tệp riêng');
    await dialog.page.waitForSelector('#confirm:not([hidden])');
    const question = (await dialog.page.textContent('#message')) ?? '';
    expect(question).toContain(xm.question);
    expect(question).toContain(xm.laterNote);
    expect(question).toMatch(/• .+: 2\d dòng/);
    expect(await dialog.page.textContent('#confirm')).toBe(xm.confirm);
    expect(await dialog.page.textContent('#close')).toBe(xm.later);
    // Nothing removed while the question waits.
    const unitTabs = () => env.workbook.getSheets().filter((s) => !s.isSheetHidden()).length;
    expect(unitTabs()).toBe(3 + UNITS.length);
    await screenshot(dialog.page, 'progress-split-question.png');
    await dialog.page.click('#confirm');
    await dialog.page.waitForSelector('#close:not([hidden])');
    expect(await dialog.page.textContent('#message')).toMatch(/^Đã tách xong: 4 đơn vị/);
    expect(await dialog.page.textContent('#close')).toBe(st.close);
    expect(unitTabs()).toBe(3);
    // Every step before the question went without an answer; every one after carried it.
    const first = answers.findIndex((a) => a !== undefined);
    expect(first).toBeGreaterThan(0);
    expect(answers.slice(first).every((a) => typeof a === 'string' && a !== '')).toBe(true);
    expect(dialog.errors).toEqual([]);
    await dialog.close();
  }, 120_000);
});
