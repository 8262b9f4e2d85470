/**
 * A unit's .xlsx, checked before any spreadsheet library reads it (issue 25, parts 2 and 6). Shared by the
 * sidebar's Nhập từ tệp (in the browser) and `tonghop import` (in Node).
 *
 * Bounded reading: a zip's parts are inflated here one at a time, counting what comes out, and the file is
 * refused as soon as it is beyond what a unit's list can be (UNIT_FILE_LIMITS): too many parts, too many bytes
 * once inflated, too many cells. A 1.9 MB "zip bomb" that inflates to gigabytes therefore costs at most the
 * limit, never the gigabytes: nothing trusts the sizes the zip declares, and a part is never inflated in one
 * call (fflate's streaming Inflate, whose output is counted as it comes).
 *
 * Formula cells: a cell's <f> is the formula, its <v> whatever result the sender cached. read-excel-file
 * returns the cached result as if it were typed; `formulaCells` says which cells of the sheet it reads hold
 * a formula, so that their values are never taken as data.
 */
import { Inflate } from 'fflate';

export interface XlsxLimits {
  /** Zip entries (parts). */
  parts: number;
  /** Bytes of every part once inflated, together. */
  bytes: number;
  /** Cells (<c> elements) of every worksheet, together. */
  cells: number;
}

/**
 * What a unit's list can be, with room: a unit sheet is 13 columns (the form's six, Kiểm tra and its six
 * helpers); Nhập từ tệp takes 10,000 people a file (MAX_IMPORT_PEOPLE) and Thiết lập grows a unit's grid 500
 * rows at a time, so 40,000 rows of 13 columns is four times the largest list the tools take, 520,000 cells:
 * 1,000,000 cells. A cell is some 40–80 bytes of worksheet XML, with the shared strings beside it: 64 MiB
 * inflated holds a million cells. A workbook saved by Excel, LibreOffice, WPS or Google Sheets has 10–40
 * parts (sheets, styles, theme, relations, a few pictures); 300 leave room for pictures and comments.
 */
export const UNIT_FILE_LIMITS: XlsxLimits = { parts: 300, bytes: 64 * 2 ** 20, cells: 1_000_000 };

/**
 * The office's own workbook (`tonghop run`, `setup`… on BOOK.xlsx): Google Sheets' own limit of 10,000,000
 * cells a spreadsheet; the bench's ward of 150,000 rows in one shared file (200 unit tabs, the master list)
 * is 819 parts and 165 MB inflated, so 2,000 parts and 512 MiB are some three times the largest book tonghop
 * makes, and keep `tonghop run` within its 1.5 GB.
 */
export const OFFICE_BOOK_LIMITS: XlsxLimits = { parts: 2_000, bytes: 512 * 2 ** 20, cells: 10_000_000 };

export type XlsxRefusalReason = 'not-zip' | 'parts' | 'bytes' | 'cells' | 'unsupported';

/** Why a file was refused (the message is the caller's to word). */
export class XlsxRefused extends Error {
  constructor(
    readonly reason: XlsxRefusalReason,
    readonly limit: number
  ) {
    super(`xlsx refused: ${reason}`);
    this.name = 'XlsxRefused';
  }
}

/** A formula cell of the sheet read: its A1 address, 0-based row and column, and the formula's text. */
export interface XlsxFormulaCell {
  cell: string;
  row: number;
  column: number;
  formula: string;
}

export interface XlsxInspection {
  parts: number;
  bytes: number;
  cells: number;
  /** The first sheet's name (the one read-excel-file reads by default). */
  sheet: string;
  /** Its formula cells, in sheet order. */
  formulaCells: XlsxFormulaCell[];
}

interface Entry {
  name: string;
  method: number;
  compressed: Uint8Array;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) =>
  (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/** The last occurrence of a 4-byte signature, searched from the end (the central directory's end record). */
function lastSignature(b: Uint8Array, signature: number): number {
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 65_535); at--) {
    if (u32(b, at) === signature) return at;
  }
  return -1;
}

/**
 * The zip's entries from its central directory (APPNOTE.TXT 4.3.12, 4.3.16), zip64 sizes included (4.5.3).
 * Sizes declared here are not trusted: inflation counts what comes out.
 */
function entries(b: Uint8Array, limits: XlsxLimits): Entry[] {
  const end = lastSignature(b, 0x06054b50);
  if (end < 0) throw new XlsxRefused('not-zip', 0);
  let count = u16(b, end + 10);
  let at = u32(b, end + 16);
  const locator = end - 20;
  if ((count === 0xffff || at === 0xffffffff) && locator >= 0 && u32(b, locator) === 0x07064b50) {
    const record = Number(u32(b, locator + 8)) + Number(u32(b, locator + 12)) * 2 ** 32;
    if (record + 56 > b.length || u32(b, record) !== 0x06064b50) throw new XlsxRefused('not-zip', 0);
    count = Number(u32(b, record + 32)) + Number(u32(b, record + 36)) * 2 ** 32;
    at = Number(u32(b, record + 48)) + Number(u32(b, record + 52)) * 2 ** 32;
  }
  if (count > limits.parts) throw new XlsxRefused('parts', limits.parts);
  const out: Entry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > b.length || u32(b, at) !== 0x02014b50) throw new XlsxRefused('not-zip', 0);
    const flags = u16(b, at + 8);
    const method = u16(b, at + 10);
    let compressedSize = u32(b, at + 20);
    const nameLength = u16(b, at + 28);
    const extraLength = u16(b, at + 30);
    const commentLength = u16(b, at + 32);
    let local = u32(b, at + 42);
    const name = decoder.decode(b.subarray(at + 46, at + 46 + nameLength));
    // Zip64: the 0xFFFFFFFF fields' real values, in order, in the extra field 0x0001.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(b, extra);
      const size = u16(b, extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        const read64 = () => {
          const value = Number(u32(b, field)) + Number(u32(b, field + 4)) * 2 ** 32;
          field += 8;
          return value;
        };
        if (u32(b, at + 24) === 0xffffffff) read64(); // the uncompressed size: not trusted anyway
        if (compressedSize === 0xffffffff) compressedSize = read64();
        if (local === 0xffffffff) local = read64();
      }
      extra += 4 + size;
    }
    at += 46 + nameLength + extraLength + commentLength;
    if ((flags & 1) !== 0) throw new XlsxRefused('unsupported', 0); // encrypted
    if (method !== 0 && method !== 8) throw new XlsxRefused('unsupported', 0);
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) throw new XlsxRefused('not-zip', 0);
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (start + compressedSize > b.length) throw new XlsxRefused('not-zip', 0);
    out.push({
      name: name.replace(/^\//, ''),
      method,
      compressed: b.subarray(start, start + compressedSize),
    });
  }
  return out;
}

const CHUNK = 64 * 1024;

/**
 * An entry's bytes, inflated a chunk at a time; refused once the file's parts together pass `budget` bytes
 * (what the earlier parts used is `used`).
 */
function inflateBounded(entry: Entry, used: number, budget: number): Uint8Array {
  if (entry.method === 0) {
    if (used + entry.compressed.length > budget) throw new XlsxRefused('bytes', budget);
    return entry.compressed;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((data) => {
    size += data.length;
    if (used + size > budget) throw new XlsxRefused('bytes', budget);
    chunks.push(data);
  });
  try {
    for (let at = 0; at < entry.compressed.length; at += CHUNK) {
      const end = Math.min(at + CHUNK, entry.compressed.length);
      inflater.push(entry.compressed.subarray(at, end), end === entry.compressed.length);
    }
  } catch (error) {
    if (error instanceof XlsxRefused) throw error;
    throw new XlsxRefused('not-zip', 0);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** How many times `needle` (ASCII) occurs in the bytes: the worksheet's <c> elements, counted without decoding. */
function countOf(bytes: Uint8Array, needle: string): number {
  const first = needle.charCodeAt(0);
  let count = 0;
  outer: for (
    let i = bytes.indexOf(first);
    i >= 0 && i <= bytes.length - needle.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle.charCodeAt(k)) continue outer;
    count++;
  }
  return count;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-f]+|#\d+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
      );
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });

/** "B8" → 0-based row 7, column 1. */
function position(ref: string): { row: number; column: number } | null {
  const m = /^([A-Z]{1,3})([0-9]+)$/.exec(ref);
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** The formula cells of a worksheet's XML: every <c> holding an <f> (a shared formula's other cells too). */
function formulaCellsOf(xml: string): XlsxFormulaCell[] {
  const out: XlsxFormulaCell[] = [];
  const cell = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let m: RegExpExecArray | null;
  while ((m = cell.exec(xml)) !== null) {
    const inner = m[2];
    if (!inner || !/<f\b/.test(inner)) continue;
    const ref = /\br="([A-Z]+[0-9]+)"/.exec(m[1])?.[1];
    const at = ref ? position(ref) : null;
    if (!ref || !at) continue;
    const text = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1] ?? '';
    out.push({ cell: ref, ...at, formula: `=${unescapeXml(text)}` });
  }
  return out;
}

/** The first sheet's name and part (xl/workbook.xml's first <sheet>, through xl/_rels/workbook.xml.rels). */
function firstSheet(parts: ReadonlyMap<string, Uint8Array>): { name: string; path: string } | null {
  const text = (path: string) => {
    const bytes = parts.get(path);
    return bytes ? new TextDecoder('utf-8').decode(bytes) : '';
  };
  const sheet = /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(text('xl/workbook.xml'));
  if (!sheet) return null;
  const name = unescapeXml(/\bname="([^"]*)"/.exec(sheet[1])?.[1] ?? '');
  const id = /\br:id="([^"]*)"/.exec(sheet[1])?.[1] ?? /\bid="([^"]*)"/.exec(sheet[1])?.[1];
  const rels = text('xl/_rels/workbook.xml.rels');
  const rel = [...rels.matchAll(/<Relationship\b([^>]*)\/?>/g)].find((r) => r[1].includes(`Id="${id}"`));
  let target = rel ? (/\bTarget="([^"]*)"/.exec(rel[1])?.[1] ?? '') : '';
  if (target === '') return { name, path: 'xl/worksheets/sheet1.xml' };
  target = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return { name, path: target.replace(/\/[^/]+\/\.\.\//g, '/') };
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * Checks a unit's .xlsx against `limits` (throws XlsxRefused), and finds the formula cells of the sheet
 * read-excel-file reads. Everything inflated stays within `limits.bytes`.
 */
export function inspectXlsx(bytes: Uint8Array, limits: XlsxLimits = UNIT_FILE_LIMITS): XlsxInspection {
  const list = entries(bytes, limits);
  const parts = new Map<string, Uint8Array>();
  let used = 0;
  let cells = 0;
  for (const entry of list) {
    const keep =
      WORKSHEET.test(entry.name) ||
      entry.name === 'xl/workbook.xml' ||
      entry.name === 'xl/_rels/workbook.xml.rels';
    const data = inflateBounded(entry, used, limits.bytes);
    used += data.length;
    if (WORKSHEET.test(entry.name)) {
      cells += countOf(data, '<c ') + countOf(data, '<c>');
      if (cells > limits.cells) throw new XlsxRefused('cells', limits.cells);
    }
    if (keep) parts.set(entry.name, data);
  }
  const first = firstSheet(parts);
  const xml = first ? parts.get(first.path) : undefined;
  const formulaCells = xml ? formulaCellsOf(new TextDecoder('utf-8').decode(xml)) : [];
  return { parts: list.length, bytes: used, cells, sheet: first?.name ?? '', formulaCells };
}
