/**
 * The unit staff's one-page guide, end to end as the clerk makes it on a computer: `tonghop init`, the
 * clerk's own deadline and contact typed into Cấu hình, `tonghop setup` (each unit its file, linked in
 * Cấu hình), then `tonghop guide … --unit TDP01 --pdf`. The PDF is read back with poppler: its text
 * (tone marks, this unit's link and deadline, not another unit's), its fonts, and a picture of the page,
 * which is looked at for ink inside the page and none in Decree 30's margins. In Google Sheets, the same
 * bundle writes the guide's sheet, linking a shared-design unit to its own tab.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/core/config-table';
import { spreadsheetLink } from '../../src/core/drive-links';
import { demoUnits } from '../../src/cli/demo-data';
import { writeUnitsCsv } from '../../src/cli/demo';
import { loadXlsx, saveXlsx } from '../../src/stand-in';
import { setCampaign, workbookWithUnits } from '../support/add-on';
import { tonghop } from '../support/cli';

const ROOT = join(__dirname, '..', '..');
const OUTPUT = join(ROOT, 'test-output', 'pdf');
const UNITS = demoUnits(2).filter((u) => ['THCS-LTV', 'TDP01', 'TDP02'].includes(u.code));
const DEADLINE = '15/06/2026';
const CONTACT = 'đ/c Nguyễn Thị Hoa, Văn phòng HĐND và UBND phường, 0912 345 678';

/** A grey-scale picture of the page (poppler's pdftoppm -gray: a binary PGM). */
function pageImage(pdf: string, dpi: number): { width: number; height: number; pixels: Buffer } {
  const prefix = join(mkdtempSync(join(tmpdir(), 'tonghop-pgm-')), 'page');
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', pdf, prefix]);
  const dir = join(prefix, '..');
  const file = readdirSync(dir).find((name) => name.endsWith('.pgm'));
  if (!file) throw new Error('pdftoppm wrote no picture');
  const bytes = readFileSync(join(dir, file));
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: bytes.subarray(header[0].length) };
}

describe('tonghop guide', () => {
  let dir: string;
  let pdf: string;
  let link: string;
  let otherLink: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tonghop-guide-'));
    const csv = join(dir, 'don-vi.csv');
    writeUnitsCsv(csv, UNITS);
    const book = join(dir, 'bao-cao.xlsx');
    expect(tonghop('init', book, '--units', csv).code).toBe(0);
    const { workbook } = await loadXlsx(book);
    setCampaign(workbook, 'Hạn hoàn thành', DEADLINE);
    setCampaign(workbook, 'Liên hệ của bộ phận tổng hợp', CONTACT);
    await saveXlsx(workbook, book);
    expect(tonghop('setup', book).code).toBe(0);
    const saved = await loadXlsx(book);
    const units = parseConfig(saved.workbook.sheet('Cấu hình').getDataRange().getValues()).units;
    const fileOf = (code: string) => units.find((u) => u.code === code)?.fileId ?? '';
    expect(fileOf('TDP01')).not.toBe('');
    link = spreadsheetLink(fileOf('TDP01'));
    otherLink = spreadsheetLink(fileOf('TDP02'));
    pdf = join(dir, 'huong-dan-tdp01.pdf');
    const before = statSync(book).mtimeMs;
    const run = tonghop('guide', book, '--unit', 'TDP01', '--pdf', pdf, '--json');
    expect(run.stderr).toContain('Đã ghi hướng dẫn cho đơn vị');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ unit: 'TDP01', pdf, pages: 1 });
    // The office's book is only read.
    expect(statSync(book).mtimeMs).toBe(before);
  }, 240_000);

  it("says, with its tone marks, this unit's own link, deadline and contact, and how to type and check", () => {
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).normalize('NFC');
    // In reading order (no -layout): the link's two lines come one after the other.
    const raw = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).normalize('NFC');
    const joined = raw.replace(/\s+/g, '');
    expect(joined).toContain(link);
    expect(joined).not.toContain(otherLink);
    expect(text).toContain(DEADLINE);
    expect(text).toContain('05/06/2026'); // the report deadline, left as a new Cấu hình has it
    expect(joined).toContain(CONTACT.replace(/\s+/g, ''));
    for (const words of [
      'HƯỚNG DẪN NHẬP DANH SÁCH',
      'Dành cho cán bộ Tổ dân phố số 1',
      'Mở tệp trên điện thoại',
      'Google Trang tính',
      'Xem cột Kiểm tra',
      'Hợp lệ',
      'Lỗi: thiếu nơi ở',
      'Đã nhập xong',
      'Đăng nhập Google bằng',
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(words);
  });

  it('embeds Tinos, the font with every Vietnamese letter, and nothing else', () => {
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/Tinos-/);
      // pdffonts' "emb" column: yes.
      expect(line).toMatch(/\byes\b/);
    }
  });

  it('is one A4 page with ink inside the page and none in the margins', () => {
    mkdirSync(OUTPUT, { recursive: true });
    execFileSync('pdftoppm', [
      '-r',
      '90',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      join(OUTPUT, 'huong-dan-tdp01'),
    ]);
    const dpi = 50;
    const { width, height, pixels } = pageImage(pdf, dpi);
    expect(Math.round((width / dpi) * 25.4)).toBe(210);
    expect(Math.round((height / dpi) * 25.4)).toBe(297);
    const mm = dpi / 25.4;
    const dark = (x0: number, y0: number, x1: number, y1: number) => {
      let count = 0;
      for (let y = Math.floor(y0); y < Math.min(height, y1); y++)
        for (let x = Math.floor(x0); x < Math.min(width, x1); x++) if (pixels[y * width + x] < 128) count++;
      return count;
    };
    const inside = dark(30 * mm, 20 * mm, width - 15 * mm, height - 20 * mm);
    // Text, a table and its borders: a few per cent of the page is ink.
    expect(inside / (width * height)).toBeGreaterThan(0.01);
    // Decree 30's margins (left 30, right 15, top and bottom 20 mm), less a pixel of anti-aliasing.
    expect(dark(0, 0, 30 * mm - 1, height)).toBe(0);
    expect(dark(width - 15 * mm + 1, 0, width, height)).toBe(0);
    expect(dark(0, 0, width, 20 * mm - 1)).toBe(0);
    expect(dark(0, height - 20 * mm + 1, width, height)).toBe(0);
  });
});

describe('Hướng dẫn cho đơn vị in Google Sheets', () => {
  it("writes the guide's sheet; in the shared design the link opens the unit's own tab", () => {
    const { workbook, addOn } = workbookWithUnits(demoUnits(1).filter((u) => u.code === 'TDP01'));
    addOn.setupUnits();
    const result = addOn.exportUnitGuide('TDP01');
    expect(result.ok).toBe(true);
    expect(result.message).toContain('Tải xuống');
    const guide = workbook.sheet(result.sheet);
    const cells = guide.getDataRange().getDisplayValues().flat().join('\n');
    const tab = workbook.getSheets().find((s) => s.getName() === 'Tổ dân phố số 1');
    expect(tab).toBeDefined();
    expect(cells).toContain(`#gid=${tab!.getSheetId()}`);
    expect(cells).toContain('trang của đơn vị trong tệp chung');
    // Again: the same sheet rewritten, not a second one.
    const again = addOn.exportUnitGuide('TDP01');
    expect(again.sheet).toBe(result.sheet);
    expect(workbook.getSheets().filter((s) => s.getName().startsWith('Hướng dẫn'))).toHaveLength(1);
  });
});
