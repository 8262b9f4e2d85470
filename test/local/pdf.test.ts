/** The report sheet as an A4 PDF, read back as text; and `tonghop report` on an .xlsx file. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUnits, type DemoUnit } from '../../src/local/demo-data';
import { CliError } from '../../src/local/cli-io';
import { sheetToPdf } from '../../src/local/pdf';
import { reportCommand } from '../../src/local/report-command';
import { loadXlsx, saveXlsx } from '../../src/local/xlsx';
import { typeRows, workbookWithUnits } from '../support/add-on';

const FIXED = new Date(Date.UTC(2026, 5, 5, 3, 0, 0));
const TONE_NAMES = ['Nguyễn Thị Hường', 'Đặng Văn Ngữ', 'Lê Thị Ỷ', 'Phạm Thị Ẫn', 'Trương Quốc Việt'];

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

function reportOf(rows: unknown[][]) {
  const units = demoUnits(2);
  const env = workbookWithUnits(units);
  env.addOn.setupUnits();
  const tdp = units.find((u) => u.code === 'TDP01') as DemoUnit;
  typeRows(env.workbook, tdp, rows);
  const result = env.addOn.exportUnitReport('TDP01');
  expect(result.ok).toBe(true);
  return { ...env, sheet: env.workbook.sheet(result.sheet) };
}

describe('report PDF', () => {
  it('holds the form’s text with every Vietnamese tone mark, in an embedded font', async () => {
    const { sheet } = reportOf(
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
    expect(flat).toContain('BÁO CÁO');
    expect(flat).toContain('Về việc cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng)');
    expect(flat).toContain('Kính gửi: Ủy ban nhân dân phường Hải Dương');
    for (const name of TONE_NAMES) expect(flat).toContain(name);
    expect(flat).toContain('THỦ TRƯỞNG CƠ QUAN');
    expect(flat).toContain('Trang 1/1');
  });

  it('repeats the table header on every page of a long list, and numbers the pages', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      `${TONE_NAMES[i % TONE_NAMES.length]} ${['An', 'Bình', 'Cường', 'Dũng'][i % 4]}`,
      1950 + (i % 60),
      '',
      `Số ${i + 1} Trần Hưng Đạo, TDP 1`,
    ]);
    const { sheet } = reportOf(rows);
    const { bytes, pages } = await sheetToPdf(sheet, { creationDate: FIXED });
    expect(pages).toBeGreaterThanOrEqual(3);
    const texts = await pdfPages(bytes);
    expect(texts).toHaveLength(pages);
    texts.forEach((text, i) => {
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toMatch(/Stt Họ và tên Năm sinh Cơ quan, đơn vị Nơi ở hiện nay/);
      expect(flat).toContain(`Trang ${i + 1}/${pages}`);
    });
    // The letterhead is printed once; the last row and the signature are there.
    expect(texts.filter((t) => t.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))).toHaveLength(1);
    const all = texts.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('120 Trương Quốc Việt Dũng');
    expect(all).toContain('(Ký tên, đóng dấu)');
  });

  it('gives the same bytes for the same sheet and date', async () => {
    const { sheet } = reportOf([[TONE_NAMES[0], 1980, '', 'TDP 1']]);
    const a = await sheetToPdf(sheet, { creationDate: FIXED });
    const b = await sheetToPdf(sheet, { creationDate: FIXED });
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });
});

describe('tonghop report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tonghop-report-'));
  const book = join(dir, 'bao-cao.xlsx');
  const args = (...options: [string, string | true][]) => ({
    command: 'report',
    file: book,
    options: new Map(options),
  });

  let quiet: jest.SpyInstance;
  afterAll(() => quiet.mockRestore());

  beforeAll(async () => {
    // The command's progress lines go to stderr; keep the test output readable.
    quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const units = demoUnits(2);
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    typeRows(workbook, units.find((u) => u.code === 'TDP01') as DemoUnit, [
      [TONE_NAMES[0], 1980, '', 'TDP 1'],
      [TONE_NAMES[3], 1975, '', 'TDP 1'],
    ]);
    await saveXlsx(workbook, book);
  });

  it('saves the unit report into the workbook and writes its PDF', async () => {
    const pdf = join(dir, 'to-1.pdf');
    expect(await reportCommand(args(['--unit', 'TDP01'], ['--pdf', pdf]))).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    const text = (await pdfPages(readFileSync(pdf))).join('\n');
    expect(text).toContain(TONE_NAMES[3]);
    const { workbook } = await loadXlsx(book);
    expect(workbook.sheetNames()).toContain('Báo cáo - Tổ dân phố số 1');
    // Run again on the saved file (developer metadata did not survive .xlsx): the same sheet.
    expect(await reportCommand(args(['--unit', 'TDP01']))).toBe(0);
    const again = await loadXlsx(book);
    expect(again.workbook.sheetNames().filter((name) => name.startsWith('Báo cáo -'))).toEqual([
      'Báo cáo - Tổ dân phố số 1',
    ]);
  });

  it('writes the ward report', async () => {
    const pdf = join(dir, 'phuong.pdf');
    expect(await reportCommand(args(['--ward', true], ['--pdf', pdf]))).toBe(0);
    const text = (await pdfPages(readFileSync(pdf))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Kính gửi: Ủy ban nhân dân thành phố Hải Phòng');
    expect(text).toContain('Tổ dân phố số 1 Tổ dân phố');
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
