/**
 * The sidebar's "Nhập từ tệp" screen in headless Chromium, on the built bundle and the stand-in (see
 * harness.ts): a file chosen in the page is parsed there, previewed, then imported. Run `npm run build` first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { unpackTable } from '../../src/core/import-wire';
import { MAX_PREVIEW_ROWS } from '../../src/core/import-api';
import { MAX_IMPORT_PEOPLE } from '../../src/core/import';
import { sttFormula } from '../../src/core/layout';
import { formulasFor } from '../../src/core/formulas';

const stt = (row: number): string => sttFormula(formulasFor('vi_VN'), row);
import { failureMessages as fm } from '../../src/core/messages/failures';
import { importMessages as im } from '../../src/core/messages/import';
import { StandInRange } from '../../src/stand-in';
import { demoUnits, seededRandom, type DemoUnit } from '../../src/cli/demo-data';
import { typeRows, unitSheet, workbookWithUnits } from '../support/add-on';
import { idle, launchChromium, openSidebar, screenshot, type Sidebar } from './harness';

const UNITS = demoUnits(1);
const DU = UNITS.find((u) => u.code === 'DU') as DemoUnit;
const dir = mkdtempSync(join(tmpdir(), 'tonghop-ui-import-'));

function setUp() {
  const loaded = workbookWithUnits(UNITS);
  expect(loaded.addOn.setupUnits().ok).toBe(true);
  typeRows(loaded.workbook, DU, [
    ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1', ''],
    ['Trần Thị Bình', 1985, '', 'TDP 2', ''],
  ]);
  unitSheet(loaded.workbook, DU.code).activate();
  return { ...loaded, addOn: loaded.addOn };
}

/** What a unit sends: a copy of the form, unaccented upper-case headers in another order. */
async function unitFile(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('DS');
  ws.addRow(['ĐẢNG ỦY PHƯỜNG HẢI DƯƠNG']);
  ws.addRow(['DANH SÁCH CÀI ĐẶT ỨNG DỤNG SMART HẢI PHÒNG']);
  ws.addRow([]);
  ws.addRow(['STT', 'HO VA TEN', 'DIA CHI', 'NAM SINH', 'GHI CHU']);
  ws.addRow([1, 'Lê Văn Cường', 'TDP 3', 1990]);
  ws.addRow([2, 'nguyễn văn an', 'Số 3 Lê Lợi, Tổ dân phố số 1', 1980]); // already in the sheet
  ws.addRow([3, 'Phạm Thị Dung', 'TDP 2', '85']); // an error, imported for the unit to fix
  ws.addRow([4, 'Đỗ Thu Hà', 'Số 12 Nguyễn Du', new Date(Date.UTC(1992, 4, 20))]); // a birth date: a warning
  ws.addRow([5, ' <img src=x onerror=__xss=1>', 'TDP 1', 1970]); // shown as text, never as markup
  const path = join(dir, 'DS Dang uy.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

const importIdle = (page: Page) =>
  page.waitForSelector('#import-results[aria-busy="false"]', { state: 'attached' });

async function chooseFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.setInputFiles('#import-file', file);
  await importIdle(page);
}

async function countShown(page: Page, key: string): Promise<string> {
  return (await page.textContent(`[data-import-count="${key}"] .tile-value`)) ?? '';
}

const cell = (sidebarBook: ReturnType<typeof setUp>, a1: string) =>
  unitSheet(sidebarBook.workbook, DU.code).getRange(a1).getValue();

let browser: Browser;
let sidebar: Sidebar | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterEach(async () => {
  if (sidebar) {
    expect(sidebar.pageErrors).toEqual([]);
    await sidebar.close();
  }
  sidebar = undefined;
});

afterAll(async () => {
  await browser?.close();
});

describe('Nhập từ tệp sidebar', () => {
  it('reads an .xlsx in the page, previews each row, imports on confirmation', async () => {
    const env = setUp();
    sidebar = await openSidebar(browser, env.addOn);
    const { page, bridge } = sidebar;

    // From the check screen, the link at its bottom; the open unit is chosen.
    expect(await page.isVisible('#open-import')).toBe(true);
    await page.click('#open-import');
    expect(await page.isHidden('#check-screen')).toBe(true);
    expect(await page.isVisible('#import-screen')).toBe(true);
    expect(await page.inputValue('#import-unit')).toBe(DU.code);
    expect(await page.getAttribute('#import-file', 'accept')).toBe('.xlsx,.csv');
    // Our own button, in Vietnamese whatever the browser's language ("Choose File" in an English one).
    expect(await page.textContent('label.file-button')).toBe(im.chooseFile);
    expect(await page.textContent('#import-file-name')).toBe(im.noFileChosen);

    await chooseFile(page, await unitFile());
    expect(await page.textContent('#import-file-name')).toBe('DS Dang uy.xlsx');
    const preview = bridge.calls.at(-1);
    expect(preview?.name).toBe('previewImport');
    // Plain data only crossed, packed: the birth date as text.
    const sent = unpackTable((preview?.arg as { packed: string }).packed) as unknown[][];
    expect(sent[7]).toEqual([4, 'Đỗ Thu Hà', 'Số 12 Nguyễn Du', '20/05/1992']);
    expect(await page.isVisible('#import-preview')).toBe(true);
    expect(await countShown(page, 'toImport')).toBe('4');
    expect(await countShown(page, 'present')).toBe('1');
    expect(await countShown(page, 'errors')).toBe('2'); // "85", and the name with < and =
    expect(await countShown(page, 'warnings')).toBe('1');
    expect(await page.textContent('#import-summary')).toContain('Sẽ nhập 4 dòng');
    const rows = await page.$$eval('.import-row', (items) =>
      items.map((li) => ({
        place: li.querySelector('.place')?.textContent,
        badge: li.querySelector('.badge')?.textContent,
        values: li.querySelector('.import-values')?.textContent,
        problems: li.querySelector('.import-problems')?.textContent ?? '',
      }))
    );
    expect(rows.map((r) => [r.place, r.badge])).toEqual([
      ['Dòng 5 của tệp → dòng 10', 'Hợp lệ'],
      ['Dòng 6 của tệp', 'Đã có'],
      ['Dòng 7 của tệp → dòng 11', 'Lỗi'],
      ['Dòng 8 của tệp → dòng 12', 'Cần kiểm tra'],
      ['Dòng 9 của tệp → dòng 13', 'Lỗi'],
    ]);
    expect(rows[0].values).toBe('Lê Văn Cường · 1990 · TDP 3');
    expect(rows[1].problems).toBe(im.alreadyInSheet(8));
    expect(rows[2].problems).toContain('Năm sinh: ');
    expect(rows[4].values).toContain('<img src=x onerror=__xss=1>');
    expect(await page.textContent('#import-apply')).toBe('Nhập 4 dòng');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'sidebar-import.png');
    // Nothing written yet.
    expect(cell(env, 'B10')).toBe('');

    await page.click('#import-apply');
    await importIdle(page);
    const call = bridge.calls.at(-1);
    expect(call).toMatchObject({ name: 'importRows', arg: { unit: DU.code, confirmed: true } });
    expect(await page.textContent('#import-notice .notice-text')).toContain('Đã nhập 4 dòng');
    expect(await page.isHidden('#import-preview')).toBe(true);
    const sheet = unitSheet(env.workbook, DU.code);
    expect(sheet.getRange('B8:E13').getValues()).toEqual([
      ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1'],
      ['Trần Thị Bình', 1985, '', 'TDP 2'],
      // Imported: Năm sinh as text in its plain-text column, as typed.
      ['Lê Văn Cường', '1990', '', 'TDP 3'],
      ['Phạm Thị Dung', '85', '', 'TDP 2'],
      ['Đỗ Thu Hà', '20/05/1992', '', 'Số 12 Nguyễn Du'],
      ['<img src=x onerror=__xss=1>', '1970', '', 'TDP 1'],
    ]);
    expect(
      sheet
        .getRange('A10:A13')
        .getFormulas()
        .map((r) => r[0])
    ).toEqual([10, 11, 12, 13].map(stt));
    await screenshot(page, 'sidebar-import-done.png');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

    // "Kiểm tra dữ liệu đơn vị này" checks the unit with the new rows.
    await page.click('#import-open-check');
    await idle(page);
    expect(bridge.calls.at(-1)).toEqual({ name: 'checkData', arg: { unit: DU.code } });
    expect(await page.isVisible('#check-screen')).toBe(true);
    expect(await page.textContent('[data-count="rows"] .tile-value')).toBe('6');
  });

  it('opens on the import screen from the menu, and works with the keyboard', async () => {
    const env = setUp();
    sidebar = await openSidebar(browser, env.addOn);
    const { page, bridge } = sidebar;
    env.addOn.showImportSidebar();
    const html = env.ui.sidebars.at(-1)?.getContent() ?? '';
    const path = join(dir, 'Sidebar-import.html');
    writeFileSync(path, html);
    bridge.calls.length = 0;
    await page.goto(`file://${path}`);
    await importIdle(page);
    expect(bridge.calls).toEqual([{ name: 'previewImport', arg: {} }]);
    expect(await page.isVisible('#import-screen')).toBe(true);
    expect(await page.isHidden('#check-screen')).toBe(true);
    expect(await page.inputValue('#import-unit')).toBe(DU.code);

    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    // Listened for before any key: Playwright turns on Chromium's file-chooser interception asynchronously,
    // and a Space pressed first under load opened the native dialog instead (no event, a 30 s timeout).
    const chooserOpened = page.waitForEvent('filechooser');
    // A failure before the Space is reported as that failure, not as this wait's rejection.
    chooserOpened.catch(() => undefined);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('import-back');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('import-unit');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('import-file');
    await page.keyboard.press('Space');
    const chooser = await chooserOpened;
    await chooser.setFiles({
      name: 'ds.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFFNam sinh;Ho ten;Noi o\r\n1990;Lê Văn Cường;TDP 3\r\n', 'utf8'),
    });
    await importIdle(page);
    // The preview takes the focus; Tab reaches "Hủy" then "Nhập 1 dòng".
    expect(await focusedId()).toBe('import-preview-heading');
    await page.focus('#import-cancel');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('import-apply');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle
    );
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await importIdle(page);
    expect(cell(env, 'B10')).toBe('Lê Văn Cường');
    // The outcome has the focus, for a screen reader to read.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('notice'))).toBe(true);

    // Back to the check screen: the first check happens now.
    await page.click('#import-back');
    await idle(page);
    expect(bridge.calls.at(-1)).toEqual({ name: 'checkData', arg: {} });
  });

  it('says clearly what is wrong with a file, and Hủy writes nothing', async () => {
    const env = setUp();
    sidebar = await openSidebar(browser, env.addOn);
    const { page, bridge } = sidebar;
    await page.click('#open-import');
    const notice = () => page.textContent('#import-notice .notice-text');

    const cases: [{ name: string; mimeType: string; buffer: Buffer }, string][] = [
      [
        { name: 'ds.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('x') },
        im.oldExcel('ds.xls'),
      ],
      [{ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('x') }, im.wrongType('anh.jpg')],
      [{ name: 'rong.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) }, im.emptyFile('rong.csv')],
      [
        {
          name: 'to.xlsx',
          mimeType: 'application/octet-stream',
          buffer: Buffer.alloc(10 * 1024 * 1024 + 200_000),
        },
        im.tooLarge('10,2'),
      ],
      [
        { name: 'hong.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') },
        im.unreadable('hong.xlsx'),
      ],
      [
        { name: 'anh.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
        im.unreadable('anh.csv'),
      ],
      [{ name: 'ds.csv', mimeType: 'text/csv', buffer: Buffer.from('Tên,Tuổi\nAn,40\n') }, im.noHeader],
    ];
    for (const [file, message] of cases) {
      await chooseFile(page, file);
      expect(await notice()).toBe(message);
      expect(await page.isHidden('#import-preview')).toBe(true);
      // A refused file is dropped, so the same file can be chosen again after fixing it.
      expect(await page.inputValue('#import-file')).toBe('');
    }
    expect(await page.locator('#import-notice [role="alert"]').count()).toBe(1);
    await screenshot(page, 'sidebar-import-error.png');
    // Only the last one reached the server: the others were refused in the page.
    expect(bridge.calls.filter((c) => c.name === 'previewImport')).toHaveLength(1);

    // No unit chosen yet: the file waits for one.
    await page.selectOption('#import-unit', '');
    const csv = {
      name: 'ds.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Họ và tên,Năm sinh,Nơi ở\nLê Văn Cường,1990,TDP 3\n'),
    };
    await chooseFile(page, csv);
    expect(await notice()).toBe(im.noUnitChosen);
    await page.selectOption('#import-unit', DU.code);
    await importIdle(page);
    expect(await page.textContent('#import-apply')).toBe('Nhập 1 dòng');

    await page.click('#import-cancel');
    expect(await notice()).toBe(im.cancelled);
    expect(await page.isHidden('#import-preview')).toBe(true);
    expect(bridge.calls.map((c) => c.name)).not.toContain('importRows');
    expect(cell(env, 'B10')).toBe('');
  });

  it('explains a failure of Google’s in Vietnamese, with its own text folded away for the administrator', async () => {
    const env = setUp();
    sidebar = await openSidebar(browser, env.addOn);
    const { page } = sidebar;
    await page.click('#open-import');
    await chooseFile(page, {
      name: 'ds.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Họ và tên,Năm sinh,Nơi ở\nLê Văn Cường,1990,TDP 3\n'),
    });
    // Google gives up while the rows are written.
    const google = 'Exception: Service Spreadsheets timed out while accessing document with id 1AbC.';
    const write = jest.spyOn(StandInRange.prototype, 'setValues').mockImplementation(() => {
      throw new Error(google);
    });
    try {
      await page.click('#import-apply');
      await importIdle(page);
    } finally {
      write.mockRestore();
    }
    const alert = page.locator('#import-notice [role="alert"]');
    expect(await alert.locator('.notice-text').textContent()).toBe(
      `${fm.cause.slow} ${fm.unchanged} ${im.retryImport}`
    );
    expect(await alert.locator('details.admin-info').getAttribute('open')).toBeNull();
    expect(await alert.locator('.admin-text').inputValue()).toBe(google);
    expect(await alert.locator('.admin-text').isVisible()).toBe(false);
    await alert.locator('details.admin-info summary').click();
    expect(await alert.locator('.admin-text').isVisible()).toBe(true);
    await screenshot(page, 'sidebar-import-failure.png');
    expect(cell(env, 'B10')).toBe('');
  });

  it('takes a 10,000-row CSV: sends it packed under 2 MB, lists the first 500 rows, imports all', async () => {
    const env = setUp();
    sidebar = await openSidebar(browser, env.addOn);
    const { page, bridge } = sidebar;
    await page.click('#open-import');
    const people = Array.from(
      { length: 10_000 },
      (_, i) =>
        `Nguyễn Văn Người ${String.fromCharCode(65 + (i % 26))},${1950 + (i % 50)},Số ${i + 1} đường Trần Hưng Đạo`
    );
    const csv = (lines: string[]) => ({
      name: 'ca phuong.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['Họ và tên,Năm sinh,Nơi ở hiện nay', ...lines].join('\n')),
    });
    await chooseFile(page, csv(people));
    const sent = bridge.calls.at(-1);
    expect(sent?.name).toBe('previewImport');
    expect(Buffer.byteLength(JSON.stringify(sent?.arg))).toBeLessThan(2 * 1024 * 1024);
    expect(await countShown(page, 'toImport')).toBe('10.000');
    expect(await page.$$eval('.import-row', (items) => items.length)).toBe(MAX_PREVIEW_ROWS);
    expect(await page.textContent('#import-omitted')).toBe(im.rowsOmitted(MAX_PREVIEW_ROWS, 10_000));
    expect(await page.textContent('#import-apply')).toBe('Nhập 10.000 dòng');

    await page.click('#import-apply');
    await importIdle(page);
    expect(await page.textContent('#import-notice .notice-text')).toContain('Đã nhập 10.000 dòng');
    const sheet = unitSheet(env.workbook, DU.code);
    expect(
      sheet
        .getRange(10, 2, 10_000, 1)
        .getValues()
        .map((r) => r[0])
    ).toEqual(people.map((line) => line.split(',')[0]));

    // One more person than the limit: the server says the limit, and nothing is written.
    const before = sheet.getDataRange().getValues();
    await chooseFile(page, csv([...people, 'Trần Thị Cuối,1960,Số 1 Lê Lợi']));
    expect(await page.textContent('#import-notice .notice-text')).toBe(
      im.tooManyPeople(10_001, MAX_IMPORT_PEOPLE)
    );
    expect(bridge.calls.map((c) => c.name).filter((n) => n === 'importRows')).toHaveLength(1);
    expect(sheet.getDataRange().getValues()).toEqual(before);

    // A list that stays over 2 MB even packed (random text does not compress): refused in the page.
    const random = seededRandom(3);
    const noise = () =>
      Array.from({ length: 120 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
    const calls = bridge.calls.length;
    await chooseFile(
      page,
      csv(Array.from({ length: 10_000 }, (_, i) => `${noise()},${1950 + (i % 50)},${noise()} ${noise()}`))
    );
    expect(await page.textContent('#import-notice .notice-text')).toMatch(
      /^Danh sách trong tệp quá lớn để gửi một lần \(\d+,\d MB sau khi nén, tối đa 1,8 MB\)/
    );
    expect(bridge.calls.length).toBe(calls);
    expect(await page.isHidden('#import-preview')).toBe(true);
  });
});
