/**
 * The report sheets as A4 PDFs laid out by Decree 30, read back from the PDF itself: its text and
 * where each word sits (poppler's pdftotext -bbox-layout), its fonts (pdffonts), and pictures of every
 * page (pdftoppm, in test-output/ for a person to look at). And `tonghop report` on an .xlsx file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { CliError } from '../../src/cli/cli-io';
import { sheetToPdf } from '../../src/stand-in/pdf';
import { reportCommand } from '../../src/cli/report-command';
import { loadXlsx, saveXlsx } from '../../src/stand-in/xlsx';
import type { Workbook } from '../../src/stand-in';
import { typeRows, workbookWithUnits } from '../support/add-on';

const FIXED = new Date(Date.UTC(2026, 5, 5, 3, 0, 0));
const TONE_NAMES = ['Nguyễn Thị Hường', 'Đặng Văn Ngữ', 'Lê Thị Ỷ', 'Phạm Thị Ẫn', 'Trương Quốc Việt'];
const DISPATCH = '125/UBND-VHXH ngày 12/5/2026';

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
/** Decree 30's margins, as this PDF sets them: top and bottom 20 mm, left 30 mm, right 15 mm. */
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
/** What a cell keeps between its edge and its text. */
const PAD = 3;

const OUTPUT = join(__dirname, '..', '..', 'test-output', 'pdf');

/**
 * The text of each page, by pdf-parse in a plain Node process: pdf.js loads its worker with a dynamic
 * import, which Jest's module sandbox refuses.
 */
async function pdfPages(bytes: Buffer): Promise<string[]> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      const result = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify(result.pages.map((p) => p.text)));
    });`;
  const run = spawnSync(process.execPath, ['-e', script], {
    input: bytes,
    cwd: join(__dirname, '..', '..'),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as string[]).map((text) => text.normalize('NFC'));
}

interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
interface Word extends Box {
  text: string;
}
interface Line extends Box {
  words: Word[];
  text: string;
}

const BOX = /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/;

function box(tag: string): Box {
  const m = BOX.exec(tag);
  if (!m) throw new Error(`no box in ${tag}`);
  return { xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) };
}

/** Every line of every page with its words and where they sit, in points from the page's top left. */
function layout(path: string): Line[][] {
  const xhtml = execFileSync('pdftotext', ['-bbox-layout', path, '-'], { encoding: 'utf8' });
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map(([, attributes, inner]) => {
        const words = [...inner.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map(([, a, text]) => ({
          ...box(a),
          text: text
            .normalize('NFC')
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, '&'),
        }));
        return { ...box(attributes), words, text: words.map((w) => w.text).join(' ') };
      })
    );
}

/** The fonts pdffonts lists: name and whether embedded. */
function fonts(path: string): { name: string; embedded: boolean }[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      return { name: columns[0], embedded: columns[columns.length - 5] === 'yes' };
    });
}

/** Every page as a PNG in test-output/pdf/, to be looked at. */
function pictures(path: string, name: string): string[] {
  mkdirSync(OUTPUT, { recursive: true });
  for (const file of readdirSync(OUTPUT)) if (file.startsWith(`${name}-`)) rmSync(join(OUTPUT, file));
  execFileSync('pdftoppm', ['-r', '80', '-png', path, join(OUTPUT, name)]);
  return readdirSync(OUTPUT).filter((file) => file.startsWith(`${name}-`) && file.endsWith('.png'));
}

const centre = (b: Box) => (b.xMin + b.xMax) / 2;
const width = (b: Box) => b.xMax - b.xMin;

function lineWith(lines: Line[], text: string): Line {
  const found = lines.find((line) => line.text.includes(text));
  if (!found) throw new Error(`no line with "${text}" in:\n${lines.map((l) => l.text).join('\n')}`);
  return found;
}

/** The words printed on the same row as the line holding `text` (cells of one sheet row), left to right. */
function rowWith(lines: Line[], text: string): string {
  const line = lineWith(lines, text);
  const middle = (b: Box) => (b.yMin + b.yMax) / 2;
  return lines
    .filter((other) => Math.abs(middle(other) - middle(line)) < 3)
    .sort((a, b) => a.xMin - b.xMin)
    .map((other) => other.text)
    .join(' | ');
}

/** The rule right under a text line: a line of "─" only, overlapping it horizontally. */
function ruleUnder(lines: Line[], above: Line): Line {
  const rule = lines
    .filter((line) => /^─+$/.test(line.text) && line.yMin >= above.yMax - 1)
    .filter((line) => line.xMin < above.xMax && line.xMax > above.xMin)
    .sort((a, b) => a.yMin - b.yMin)[0];
  if (!rule) throw new Error(`no rule under "${above.text}"`);
  return rule;
}

/** The lines of the paragraph that starts with `start`: that line and the ones under it, to the next gap. */
function paragraph(lines: Line[], start: string): Line[] {
  const first = lines.indexOf(lineWith(lines, start));
  const result = [lines[first]];
  for (let i = first + 1; i < lines.length; i++) {
    const gap = lines[i].yMin - result[result.length - 1].yMax;
    if (gap > 3 || lines[i].xMin > MARGIN.left + PAD + 10) break;
    result.push(lines[i]);
  }
  return result;
}

/** A workbook as a ward would have it: Cấu hình filled in, Thiết lập run, rows typed by the units. */
function wardWorkbook(rows: number): Workbook {
  const units = demoUnits(2);
  const { workbook, addOn } = workbookWithUnits(units);
  const config = workbook.sheet('Cấu hình');
  const values = config.getDataRange().getValues();
  const row = (first: string) => values.findIndex((r) => r[0] === first) + 1;
  config.getRange(row('Công văn (số, ngày)'), 3).setValue(DISPATCH);
  // The police sits under the city's police; a school's report signed by a deputy head.
  config.getRange(row('CA'), 8).setValue('Công an thành phố Hải Phòng');
  config.getRange(row('THCS-LTV'), 9).setValue('KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG');
  expect(addOn.setupUnits().ok).toBe(true);
  const unit = (code: string) => units.find((u) => u.code === code) as DemoUnit;
  typeRows(
    workbook,
    unit('TDP01'),
    Array.from({ length: rows }, (_, i) => [
      `${TONE_NAMES[i % TONE_NAMES.length]} ${['An', 'Bình', 'Cường', 'Dũng'][i % 4]}`,
      1950 + (i % 60),
      '',
      `Số ${i + 1} phố Hồ Xuân Hương, Tổ dân phố số 1`,
    ])
  );
  typeRows(workbook, unit('THCS-LTV'), [[TONE_NAMES[2], 1990, '', 'Số 9 Lê Lợi, TDP 3']]);
  return workbook;
}

describe('tonghop report: the papers as Decree 30 lays them out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tonghop-papers-'));
  const book = join(dir, 'bao-cao.xlsx');
  const args = (...options: [string, string | true][]) => ({
    command: 'report',
    file: book,
    options: new Map(options),
  });
  let quiet: jest.SpyInstance;

  beforeAll(async () => {
    // The command's progress lines go to stderr; keep the test output readable.
    quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await saveXlsx(wardWorkbook(100), book);
  });
  afterAll(() => quiet.mockRestore());

  describe('the unit report of a Tổ dân phố, several pages long', () => {
    const pdf = join(dir, 'to-1.pdf');
    let pages: Line[][];

    beforeAll(async () => {
      expect(await reportCommand(args(['--unit', 'TDP01'], ['--pdf', pdf]))).toBe(0);
      pages = layout(pdf);
    });

    it('prints the configured parent body, dispatch and signer, and no placeholder of the form', () => {
      const all = pages.flat().map((line) => line.text);
      const text = all.join('\n');
      expect(all[0]).toBe('UBND PHƯỜNG HẢI DƯƠNG');
      expect(text).toContain('TỔ DÂN PHỐ SỐ 1');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(
        `Thực hiện Công văn số ${DISPATCH} của Ủy ban nhân dân phường Hải Dương về việc tuyên truyền`
      );
      const households = demoUnits(2).find((u) => u.code === 'TDP01')?.target as number;
      const percent = `${((100 / households) * 100).toFixed(1).replace('.', ',')}%`;
      expect(flat).toContain(
        `kết quả cụ thể như sau: Tổng số 100 người đã cài đặt và đăng nhập (trên ${households} hộ gia đình, đạt ${percent}). Danh sách cụ thể:`
      );
      for (const name of TONE_NAMES) expect(flat).toContain(name);
      const last = pages[pages.length - 1];
      expect(rowWith(last, 'Nơi nhận:')).toBe('Nơi nhận: | TỔ TRƯỞNG');
      expect(rowWith(last, '- Như trên;')).toBe('- Như trên; | (Ký, ghi rõ họ tên)');
      for (const placeholder of ['ĐƠN VỊ CHỦ QUẢN', 'THỦ TRƯỞNG', 'đóng dấu', '…', 'HOÀ', 'chưa giao'])
        expect(flat).not.toContain(placeholder);
    });

    it('is set in Tinos, Times New Roman’s metric twin, embedded', () => {
      const list = fonts(pdf);
      expect(list.length).toBeGreaterThanOrEqual(3);
      for (const font of list) {
        expect(font.name).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
        expect(font.embedded).toBe(true);
      }
    });

    it('keeps every word within the margins: top and bottom 20 mm, left 30 mm, right 15 mm', () => {
      expect(pages.length).toBeGreaterThanOrEqual(3);
      pages.forEach((lines, i) => {
        // Page 2 on: the page number, alone in the top margin.
        const body = lines.filter((line) => line.yMin >= MARGIN.top);
        expect(lines.length - body.length).toBe(i === 0 ? 0 : 1);
        expect(Math.min(...body.map((l) => l.xMin))).toBeGreaterThanOrEqual(MARGIN.left);
        expect(Math.max(...body.map((l) => l.xMax))).toBeLessThanOrEqual(PAGE.width - MARGIN.right);
        expect(Math.max(...body.map((l) => l.yMax))).toBeLessThanOrEqual(PAGE.height - MARGIN.bottom);
        // The page's first text starts at the top margin (its cell's padding under it).
        expect(Math.min(...body.map((l) => l.yMin))).toBeLessThan(MARGIN.top + 8);
      });
      // The body's text block starts at the left margin (and the cell's padding) and ends at the right
      // one, less the padding and under 3 pt the columns leave.
      const cites = paragraph(pages[0], 'Thực hiện Công văn');
      expect(Math.abs(cites[1].xMin - (MARGIN.left + PAD))).toBeLessThan(0.5);
      expect(PAGE.width - MARGIN.right - PAD - cites[0].xMax).toBeGreaterThanOrEqual(0);
      expect(PAGE.width - MARGIN.right - PAD - cites[0].xMax).toBeLessThan(3);
    });

    it('numbers the pages from 2, centred in the top margin, none on page 1', () => {
      pages.forEach((lines, i) => {
        const top = lines.filter((line) => line.yMax < MARGIN.top);
        if (i === 0) {
          expect(top).toEqual([]);
          return;
        }
        expect(top.map((line) => line.text)).toEqual([String(i + 1)]);
        expect(Math.abs(centre(top[0]) - (MARGIN.left + PAGE.width - MARGIN.right) / 2)).toBeLessThan(1);
        // 13 pt, upright: Tinos's line box is 1,15 em high.
        expect(top[0].yMax - top[0].yMin).toBeGreaterThan(13);
        expect(top[0].yMax - top[0].yMin).toBeLessThan(16);
        // The table header is repeated under it.
        const first = lines.find((line) => line.yMin >= MARGIN.top) as Line;
        const header = lines.filter((line) => line.yMin >= MARGIN.top && line.yMin < first.yMax + 12);
        expect(header.map((line) => line.text).sort()).toEqual(
          ['Stt', 'Họ và tên', 'Năm', 'sinh', 'Cơ quan, đơn vị', 'Nơi ở hiện nay'].sort()
        );
      });
    });

    it('draws the rules under the motto, the unit’s name and the summary', () => {
      const lines = pages[0];
      const motto = lineWith(lines, 'Độc lập - Tự do - Hạnh phúc');
      const mottoRule = ruleUnder(lines, motto);
      // As long as the motto, centred under it, just below it.
      expect(Math.abs(width(mottoRule) - width(motto)) / width(motto)).toBeLessThan(0.03);
      expect(Math.abs(centre(mottoRule) - centre(motto))).toBeLessThan(1);
      expect(mottoRule.yMin - motto.yMax).toBeLessThan(10);
      for (const text of ['TỔ DÂN PHỐ SỐ 1', 'Về việc cài đặt và sử dụng ứng dụng']) {
        const above = lineWith(lines, text);
        const rule = ruleUnder(lines, above);
        // A third to a half of its line, centred.
        expect(width(rule) / width(above)).toBeGreaterThanOrEqual(1 / 3);
        expect(width(rule) / width(above)).toBeLessThanOrEqual(1 / 2);
        expect(Math.abs(centre(rule) - centre(above))).toBeLessThan(1);
        expect(rule.yMin - above.yMax).toBeLessThan(10);
      }
    });

    it('justifies the body with a first-line indent of 1 to 1,27 cm', () => {
      const lines = pages[0];
      const left = MARGIN.left + PAD;
      const cites = paragraph(lines, 'Thực hiện Công văn');
      const right = Math.max(...cites.map((line) => line.xMax));
      expect(cites.length).toBeGreaterThanOrEqual(2);
      const indent = cites[0].xMin - left;
      expect(indent).toBeGreaterThanOrEqual(10 * MM);
      expect(indent).toBeLessThanOrEqual(12.7 * MM);
      for (const line of cites.slice(1)) expect(Math.abs(line.xMin - left)).toBeLessThan(0.5);
      // Every line but the last reaches the right edge: justified, not ragged.
      for (const line of cites.slice(0, -1)) expect(Math.abs(line.xMax - right)).toBeLessThan(0.5);
      expect(cites[cites.length - 1].xMax).toBeLessThan(right - 20);
      const total = paragraph(lines, 'Tổng số 100 người');
      expect(total[0].xMin - left).toBeCloseTo(indent, 1);
    });

    it('is pictured page by page for a person to look at', () => {
      expect(pictures(pdf, 'bao-cao-don-vi')).toHaveLength(pages.length);
    });
  });

  describe('the ward report', () => {
    const pdf = join(dir, 'phuong.pdf');
    let pages: Line[][];

    beforeAll(async () => {
      expect(await reportCommand(args(['--ward', true], ['--pdf', pdf]))).toBe(0);
      pages = layout(pdf);
    });

    it('cites the dispatch, counts with thousands separators and is signed for the committee', () => {
      const text = pages
        .flat()
        .map((line) => line.text)
        .join(' ');
      expect(pages[0][0].text).toBe('ỦY BAN NHÂN DÂN');
      expect(text).toContain('Kính gửi: Ủy ban nhân dân thành phố Hải Phòng');
      expect(text).toContain(`Ủy ban nhân dân phường Hải Dương đã ban hành Công văn số ${DISPATCH} về việc`);
      expect(text).toContain(
        'Các cơ quan, đơn vị đã báo cáo 101 người cài đặt và đăng nhập ứng dụng (mỗi người tính một lần)'
      );
      expect(rowWith(pages[pages.length - 1], 'Tổng cộng')).toMatch(/^Tổng cộng \| \d\.\d{3} \| 101$/);
      const last = pages[pages.length - 1];
      expect(rowWith(last, 'Nơi nhận:')).toBe('Nơi nhận: | TM. ỦY BAN NHÂN DÂN');
      expect(rowWith(last, '- Như trên;')).toBe('- Như trên; | CHỦ TỊCH');
      expect(text).not.toContain('HOÀ');
    });

    it('has Decree 30’s fonts, margins, rules and page numbers', () => {
      for (const font of fonts(pdf)) {
        expect(font.name).toMatch(/\+Tinos-/);
        expect(font.embedded).toBe(true);
      }
      pages.forEach((lines, i) => {
        const top = lines.filter((line) => line.yMax < MARGIN.top);
        expect(top.map((line) => line.text)).toEqual(i === 0 ? [] : [String(i + 1)]);
        const body = lines.filter((line) => line.yMin >= MARGIN.top);
        expect(Math.min(...body.map((l) => l.xMin))).toBeGreaterThanOrEqual(MARGIN.left);
        expect(Math.max(...body.map((l) => l.xMax))).toBeLessThanOrEqual(PAGE.width - MARGIN.right);
        expect(Math.max(...body.map((l) => l.yMax))).toBeLessThanOrEqual(PAGE.height - MARGIN.bottom);
      });
      const name = lineWith(pages[0], 'PHƯỜNG HẢI DƯƠNG');
      const rule = ruleUnder(pages[0], name);
      expect(width(rule) / width(name)).toBeGreaterThanOrEqual(1 / 3);
      expect(width(rule) / width(name)).toBeLessThanOrEqual(1 / 2);
      const cites = paragraph(pages[0], 'Thực hiện Quyết định');
      expect(cites[0].xMin - cites[1].xMin).toBeGreaterThanOrEqual(10 * MM);
      expect(Math.abs(cites[0].xMax - cites[1].xMax)).toBeLessThan(0.5);
      expect(pictures(pdf, 'bao-cao-phuong').length).toBe(pages.length);
    });
  });

  it('prints nothing above a unit with no parent body, and the signer’s two lines', async () => {
    const party = join(dir, 'dang-uy.pdf');
    expect(await reportCommand(args(['--unit', 'DU'], ['--pdf', party]))).toBe(0);
    const [first] = layout(party);
    // The unit's name on the national title's line, its rule under it.
    expect(rowWith(first, 'ĐẢNG ỦY PHƯỜNG')).toBe('ĐẢNG ỦY PHƯỜNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(rowWith(first, 'Độc lập')).toMatch(/^─+ \| Độc lập - Tự do - Hạnh phúc$/);
    const school = join(dir, 'thcs.pdf');
    expect(await reportCommand(args(['--unit', 'THCS-LTV'], ['--pdf', school]))).toBe(0);
    const lines = layout(school).flat();
    expect(rowWith(lines, 'Nơi nhận:')).toBe('Nơi nhận: | KT. HIỆU TRƯỞNG');
    expect(rowWith(lines, '- Như trên;')).toBe('- Như trên; | PHÓ HIỆU TRƯỞNG');
    expect(rowWith(lines, '- Lưu: VT.')).toBe('- Lưu: VT. | (Ký tên, đóng dấu)');
    const police = join(dir, 'ca.pdf');
    expect(await reportCommand(args(['--unit', 'CA'], ['--pdf', police]))).toBe(0);
    const [top] = layout(police);
    // The parent body, upright, on two lines where it is long; the unit's name, bold, under it.
    expect(top.slice(0, 2).map((line) => line.text)).toEqual(['CÔNG AN THÀNH PHỐ HẢI', 'PHÒNG']);
    expect(lineWith(top, 'CÔNG AN PHƯỜNG').yMin).toBeGreaterThan(top[1].yMax - 1);
    // The national title stays level with the parent body's first line.
    expect(Math.abs(lineWith(top, 'CỘNG HÒA').yMax - top[0].yMax)).toBeLessThan(1.5);
  });

  it('saves the report sheet into the workbook, the same sheet on every run', async () => {
    expect(await reportCommand(args(['--unit', 'TDP01']))).toBe(0);
    const { workbook } = await loadXlsx(book);
    expect(workbook.sheetNames().filter((name) => name.startsWith('Báo cáo -'))).toContain(
      'Báo cáo - Tổ dân phố số 1'
    );
    // Developer metadata did not survive .xlsx: found again by its named range.
    expect(await reportCommand(args(['--unit', 'TDP01']))).toBe(0);
    const again = await loadXlsx(book);
    expect(again.workbook.sheetNames().filter((name) => name === 'Báo cáo - Tổ dân phố số 1')).toHaveLength(
      1
    );
  });

  it('refuses unclear options and unknown units', async () => {
    await expect(reportCommand(args())).rejects.toBeInstanceOf(CliError);
    await expect(reportCommand(args(['--unit', 'TDP01'], ['--ward', true]))).rejects.toBeInstanceOf(CliError);
    await expect(reportCommand(args(['--unit', 'TDP01'], ['--pdf', join(dir, 'x.txt')]))).rejects.toThrow(
      '.pdf'
    );
    expect(await reportCommand(args(['--unit', 'KHONG']))).toBe(1);
  });
});

describe('report PDF', () => {
  function reportOf(rows: unknown[][]) {
    const units = demoUnits(2);
    const env = workbookWithUnits(units);
    env.addOn.setupUnits();
    const tdp = units.find((u) => u.code === 'TDP01') as DemoUnit;
    typeRows(env.workbook, tdp, rows);
    const result = env.addOn.exportUnitReport('TDP01');
    expect(result.ok).toBe(true);
    return env.workbook.sheet(result.sheet);
  }

  it('holds every Vietnamese tone mark, in an embedded TrueType font, on A4 portrait', async () => {
    const sheet = reportOf(
      TONE_NAMES.map((name, i) => [name, 1960 + i, '', `Số ${i + 1} phố Hồ Xuân Hương, TDP 1`])
    );
    const { bytes, pages } = await sheetToPdf(sheet, { creationDate: FIXED });
    expect(pages).toBe(1);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/FontFile2'); // TrueType embedded
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/); // A4 portrait
    const [text] = await pdfPages(bytes);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(flat).toContain('Về việc cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng)');
    for (const name of TONE_NAMES) expect(flat).toContain(name);
    // One page: no page number at all.
    expect(flat).not.toMatch(/Trang \d/);
  });

  it('gives the same bytes for the same sheet and date', async () => {
    const sheet = reportOf([[TONE_NAMES[0], 1980, '', 'TDP 1']]);
    const a = await sheetToPdf(sheet, { creationDate: FIXED });
    const b = await sheetToPdf(sheet, { creationDate: FIXED });
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });
});
