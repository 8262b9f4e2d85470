/**
 * One Vietnamese for everything a person reads: the messages (src/core/messages/), the pages and their
 * scripts (src/ui/), the manifest's texts and the README's user guide (everything above "## Developer
 * guide"). It fails on
 * - new-style tone placement: Decree 30's own forms write the mark on the first vowel of a final "oa",
 *   "oe" and "uy" (hòa, xóa, khỏe, thủy, Ủy), where the new style writes hoà, xoá, khoẻ, thuỷ, Uỷ. After
 *   "q" the "u" belongs to the consonant (quý, quả are right in both styles); a vowel group followed by
 *   more letters (hoàn, toán, khuyến, huỳnh) is written the same way in both;
 * - "Cảnh báo" for a row that needs a look: the word is "Cần kiểm tra" (Google's own "warning" level of
 *   a protection, "mức cảnh báo", is another idea and keeps Google's word);
 * - "văn phòng" as the name of the consolidating office: "Văn phòng HĐND và UBND phường" is one of the
 *   reporting units, so the office is "bộ phận tổng hợp".
 * String literals are read with the TypeScript parser, so comments (English) and regular expressions
 * (which must recognise whatever people type) are not scanned. Every source file of src/ is scanned
 * for the tone marks; the banned terms are checked everywhere but in the demo's data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..');

/** A piece of text a person may read, and where it is. */
interface Text {
  file: string;
  line: number;
  text: string;
}

interface Finding {
  where: string;
  rule: string;
  found: string;
}

const TONE_RULE =
  'new-style tone mark: write hòa, xóa, khỏe, thủy, Ủy (the mark on the first vowel of a final oa, oe, uy)';
/** A final "oa"/"oe" with the mark on the a/e; a final "uy" with it on the y, unless "qu" (quý). */
const NEW_STYLE = /(?:o[àáảãạ]|o[èéẻẽẹ]|(?<!q)u[ỳýỷỹỵ])(?!\p{L}|\p{M})/giu;

const WARNING_RULE = '"Cảnh báo": a row that needs a look is "Cần kiểm tra"';
const WARNING = /cảnh báo/giu;
/** Google's warning-only protection: "bảo vệ ở mức cảnh báo", "sau lời cảnh báo". */
const PROTECTION_WARNING = /(?:mức|lời)\s+$/iu;

const OFFICE_RULE = '"văn phòng" for the consolidating office: write "bộ phận tổng hợp"';
const OFFICE = /văn phòng/giu;
/** The reporting unit of that name. */
const UNIT_NAME = /^\s*HĐND và UBND/u;
/** Its head's title, a signer of reports: "CHÁNH VĂN PHÒNG". */
const CHIEF = /chánh\s+$/iu;

/** The findings in one piece of text. */
export function wordingFindings(text: string, terms = true): { rule: string; found: string }[] {
  const nfc = text.normalize('NFC');
  const out: { rule: string; found: string }[] = [];
  const around = (index: number, length: number) =>
    nfc.slice(Math.max(0, index - 12), index + length + 12).replace(/\s+/g, ' ');
  for (const m of nfc.matchAll(NEW_STYLE)) out.push({ rule: TONE_RULE, found: around(m.index, m[0].length) });
  if (!terms) return out;
  for (const m of nfc.matchAll(WARNING)) {
    if (!PROTECTION_WARNING.test(nfc.slice(Math.max(0, m.index - 6), m.index)))
      out.push({ rule: WARNING_RULE, found: around(m.index, m[0].length) });
  }
  for (const m of nfc.matchAll(OFFICE)) {
    if (
      !UNIT_NAME.test(nfc.slice(m.index + m[0].length)) &&
      !CHIEF.test(nfc.slice(Math.max(0, m.index - 7), m.index))
    )
      out.push({ rule: OFFICE_RULE, found: around(m.index, m[0].length) });
  }
  return out;
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

/** Every string literal and piece of template text of a TypeScript file. */
function stringsOf(file: string): Text[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022);
  const out: Text[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      out.push({ file, line, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** A page's text and attribute values: its styles and HTML comments (for developers) left out. */
function pageText(file: string): Text[] {
  const html = readFileSync(join(ROOT, file), 'utf8')
    .replace(/<style[\s\S]*?<\/style>/g, (block) => '\n'.repeat(block.split('\n').length - 1))
    .replace(/<!--[\s\S]*?-->/g, (block) => '\n'.repeat(block.split('\n').length - 1));
  return html.split('\n').map((text, i) => ({ file, line: i + 1, text }));
}

/** Every string of a JSON file (the manifest has no Vietnamese today; a future one will be read). */
function jsonStrings(file: string): Text[] {
  const out: Text[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.push({ file, line: 0, text: value });
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(JSON.parse(readFileSync(join(ROOT, file), 'utf8')));
  return out;
}

/**
 * The README above the developer guide (the clerk's guide and its appendix), a paragraph at a time: a
 * phrase may run across a line break ("mức\ncảnh báo").
 */
function userGuide(): Text[] {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const end = lines.findIndex((line) => line.trim() === '## Developer guide');
  if (end < 0) throw new Error('README.md: no "## Developer guide" heading to end the user guide');
  const out: Text[] = [];
  let start = 0;
  for (let i = 0; i <= end; i++) {
    if (i === end || lines[i].trim() === '') {
      if (i > start) out.push({ file: 'README.md', line: start + 1, text: lines.slice(start, i).join('\n') });
      start = i + 1;
    }
  }
  return out;
}

function scan(): { texts: Map<string, Text[]>; findings: Finding[] } {
  const texts = new Map<string, Text[]>();
  const add = (key: string, items: Text[]) => texts.set(key, [...(texts.get(key) ?? []), ...items]);
  for (const file of filesUnder('src/core/messages', /\.ts$/)) add('messages', stringsOf(file));
  for (const file of filesUnder('src/ui', /\.ts$/)) add('pages', stringsOf(file));
  for (const file of filesUnder('src/ui', /\.html$/)) add('pages', pageText(file));
  add('manifest', jsonStrings('appsscript.json'));
  add('guide', userGuide());
  // Whatever else of src/ a person may read (a stray string outside messages/): tone marks only; the
  // demo's data names real-looking units, "Văn phòng HĐND và UBND phường" among them.
  const elsewhere = filesUnder('src', /\.ts$/).filter(
    (file) => !file.startsWith('src/core/messages/') && !file.startsWith('src/ui/')
  );
  for (const file of elsewhere) add('elsewhere', stringsOf(file));
  const findings: Finding[] = [];
  for (const [key, items] of texts) {
    for (const item of items) {
      const terms = key !== 'elsewhere' || item.file !== 'src/cli/demo-data.ts';
      for (const { rule, found } of wordingFindings(item.text, terms)) {
        findings.push({ where: `${item.file}:${item.line}`, rule, found });
      }
    }
  }
  return { texts, findings };
}

describe('the wording rules themselves', () => {
  it.each([
    ['hòa', 0],
    ['hoà', 1],
    ['Xóa dòng', 0],
    ['xoá', 1],
    ['khỏe', 0],
    ['khoẻ', 1],
    ['thủy', 0],
    ['thuỷ', 1],
    ['Ủy ban nhân dân', 0],
    ['Uỷ ban nhân dân', 1],
    ['CỘNG HÒA', 0],
    ['CỘNG HOÀ', 1],
    ['Hủy', 0],
    ['Huỷ', 1],
    ['tùy chọn', 0],
    ['tuỳ chọn', 1],
    ['quý, quả, quỳ', 0],
    ['hoàn thành, toán, khuyến khích, huỳnh, ngoài, hoạt động', 0],
    ['hoá', 1],
    ['HOÁ ĐƠN', 1],
    ['hóa đơn', 0],
    // Decomposed marks (as some keyboards type them) read the same as composed ones.
    ['hoa\u0300', 1],
  ])('tone marks: %s → %i finding(s)', (text, count) => {
    expect(wordingFindings(text)).toHaveLength(count);
  });

  it.each([
    ['Cảnh báo', 1],
    ['3 cảnh báo', 1],
    ['Cần kiểm tra', 0],
    ['chỉ được bảo vệ ở mức cảnh báo', 0],
    ['sửa được sau lời cảnh báo', 0],
    ['Văn phòng HĐND và UBND phường', 0],
    ['Chỉ văn phòng được sửa', 1],
    ['văn phòng sẽ cấp quyền', 1],
    ['Văn phòng chọn Tổng hợp', 1],
    ['CHÁNH VĂN PHÒNG', 0],
    ['Chánh văn phòng ký', 0],
    ['bộ phận tổng hợp', 0],
  ])('terms: %s → %i finding(s)', (text, count) => {
    expect(wordingFindings(text)).toHaveLength(count);
  });
});

describe('everything a person reads', () => {
  const { texts, findings } = scan();

  it('reads every source it promises (a scan that finds nothing proves nothing)', () => {
    const count = (key: string) => texts.get(key)?.length ?? 0;
    expect(count('messages')).toBeGreaterThan(400);
    expect(new Set(texts.get('messages')?.map((t) => t.file))).toContain('src/core/messages/verdict.ts');
    const pages = new Set(texts.get('pages')?.map((t) => t.file));
    for (const page of ['src/ui/sidebar.html', 'src/ui/progress.html', 'src/ui/import-screen.ts'])
      expect(pages).toContain(page);
    expect(texts.get('guide')?.some((t) => t.text.startsWith('## Hướng dẫn sử dụng'))).toBe(true);
    expect(count('guide')).toBeGreaterThan(60);
    expect(count('elsewhere')).toBeGreaterThan(100);
  });

  it('writes old-style tone marks, "Cần kiểm tra" and "bộ phận tổng hợp" throughout', () => {
    expect(findings).toEqual([]);
  });
});
