/**
 * The zip of an .xlsx read natively, and each worksheet's <sheetData> read by sheet-data.ts before
 * ExcelJS sees the file (leanZip): ExcelJS then parses the rest of a small, uncompressed zip. The limits of
 * src/shared/xlsx-guard.ts bound what is inflated, part by part (issue 25: zip bombs).
 */
import { promises as fsp } from 'fs';
import { zipSync } from 'fflate';
import { inflateRawSync } from 'zlib';
import { XlsxRefused, type XlsxLimits } from '../../shared/xlsx-guard';
import { decodeXml, scanSheetData, type ScannedCells } from './sheet-data';

/**
 * The parts of a zip, each inflated by Node's zlib when asked (native; fflate's and JSZip's inflaters took
 * three times as long on a ward's 95 MB master list). Reads the central directory (APPNOTE.TXT 4.3.16,
 * 4.3.12, 4.3.7); null for what it does not handle (zip64, encryption, methods other than store and
 * deflate, a damaged file), which then goes to ExcelJS as it is.
 */
function unzipNative(file: Buffer, limits: XlsxLimits): Map<string, () => Buffer> | null {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > file.length) return null;
  const count = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return null; // zip64
  if (count > limits.parts) throw new XlsxRefused('parts', limits.parts);
  // Every part's inflated bytes count against the file's budget; a part is inflated with no more room than
  // what is left of it (zlib's maxOutputLength), whatever size the zip declares (issue 25: zip bombs).
  let used = 0;
  const inflate = (data: Buffer) => (): Buffer => {
    let out: Buffer;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, limits.bytes - used) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new XlsxRefused('bytes', limits.bytes);
      throw error;
    }
    used += out.length;
    return out;
  };
  // Each part is inflated when asked, so that only one worksheet's XML is in memory at a time.
  const parts = new Map<string, () => Buffer>();
  try {
    for (let i = 0; i < count; i++) {
      if (file.readUInt32LE(at) !== 0x02014b50) return null;
      const flags = file.readUInt16LE(at + 8);
      const method = file.readUInt16LE(at + 10);
      const size = file.readUInt32LE(at + 20);
      const nameLength = file.readUInt16LE(at + 28);
      const extraLength = file.readUInt16LE(at + 30);
      const commentLength = file.readUInt16LE(at + 32);
      const local = file.readUInt32LE(at + 42);
      const name = file.toString('utf8', at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      if ((flags & 1) !== 0 || size === 0xffffffff || local === 0xffffffff) return null;
      if (method !== 0 && method !== 8) return null;
      if (file.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
      const data = file.subarray(start, start + size);
      parts.set(
        name,
        method === 0
          ? () => {
              used += data.length;
              if (used > limits.bytes) throw new XlsxRefused('bytes', limits.bytes);
              return data;
            }
          : inflate(data)
      );
    }
  } catch {
    return null;
  }
  return parts;
}

/** Rows of XML decoded and scanned a piece at a time, so that no string of a whole master list is made. */
const SCAN_PIECE_BYTES = 8 * 2 ** 20;
const ROW_END = Buffer.from('</row>');

function scanInPieces(xml: Buffer, start: number, end: number): ScannedCells | null {
  let scanned: ScannedCells | undefined;
  for (let from = start; from < end;) {
    let to = end;
    if (end - from > SCAN_PIECE_BYTES) {
      const rowEnd = xml.indexOf(ROW_END, from + SCAN_PIECE_BYTES);
      to = rowEnd < 0 || rowEnd >= end ? end : rowEnd + ROW_END.length;
    }
    const piece = scanSheetData(xml.toString('utf8', from, to), scanned);
    if (!piece) return null;
    scanned = piece;
    from = to;
  }
  return scanned ?? scanSheetData('');
}

const CELL_OPEN = Buffer.from('<c ');

/** A worksheet's <c> elements, counted in its bytes (no decoding). */
function cellCount(xml: Buffer): number {
  let count = 0;
  for (let at = xml.indexOf(CELL_OPEN); at >= 0; at = xml.indexOf(CELL_OPEN, at + 3)) count++;
  return count;
}

const WORKSHEET_PATH = /^xl\/worksheets\/sheet\d+[.]xml$/;
const SHEET_DATA_OPEN = Buffer.from('<sheetData>');
const SHEET_DATA_CLOSE = Buffer.from('</sheetData>');
const SHEET_DATA_EMPTY = Buffer.from('<sheetData/>');

/**
 * The file as ExcelJS will read it: every worksheet whose <sheetData> sheet-data.ts can read loses it
 * (its cells are returned by path), and the parts are stored uncompressed, so ExcelJS neither inflates
 * nor decodes a master list's 95 MB of XML in JavaScript. Null when unzipNative cannot read the zip or a
 * part does not inflate (ExcelJS then reads the file as it is, and says what is wrong with it).
 */
export function leanZip(
  file: Buffer,
  limits: XlsxLimits,
  onProgress?: (done: number, total: number) => void
): { zip: ArrayBuffer; scans: Map<string, ScannedCells> } | null {
  const entries = unzipNative(file, limits);
  if (!entries) return null;
  const parts: Record<string, Uint8Array> = {};
  const scans = new Map<string, ScannedCells>();
  // ExcelJS drops a leading '/' from a part's name.
  const pathOf = (name: string) => (name.startsWith('/') ? name.slice(1) : name);
  // Reading the worksheets' cells is most of the time: progress counts them.
  const total = [...entries.keys()].filter((name) => WORKSHEET_PATH.test(pathOf(name))).length;
  let done = 0;
  onProgress?.(0, total);
  let cells = 0;
  try {
    for (const [name, inflate] of entries) {
      const xml = inflate();
      parts[name] = xml;
      const path = pathOf(name);
      if (!WORKSHEET_PATH.test(path)) continue;
      cells += cellCount(xml);
      if (cells > limits.cells) throw new XlsxRefused('cells', limits.cells);
      onProgress?.(++done, total);
      const open = xml.indexOf(SHEET_DATA_OPEN);
      const close = open < 0 ? -1 : xml.indexOf(SHEET_DATA_CLOSE, open);
      if (close < 0) continue;
      const scanned = scanInPieces(xml, open + SHEET_DATA_OPEN.length, close);
      if (!scanned) continue;
      scans.set(path, scanned);
      parts[name] = Buffer.concat([
        xml.subarray(0, open),
        SHEET_DATA_EMPTY,
        xml.subarray(close + SHEET_DATA_CLOSE.length),
      ]);
    }
  } catch (error) {
    if (error instanceof XlsxRefused) throw error;
    return null; // a part that does not inflate: ExcelJS reads the file and says what is wrong
  }
  const zip = zipSync(parts, { level: 0 });
  const exact = zip.byteOffset === 0 && zip.byteLength === zip.buffer.byteLength;
  return { zip: exact ? (zip.buffer as ArrayBuffer) : zip.slice().buffer, scans };
}

const DEFINED_NAME = /<definedName\b[^>]*?\bname="([^"]*)"/g;

/**
 * A file's defined names, read from xl/workbook.xml alone, its sheets left in the zip: what a unit's file
 * says it is (TH_UNIT_…, TH_WARD_…) for a few milliseconds, before it is read in full. Null when only a full
 * read can tell (a zip unzipNative leaves to ExcelJS, no xl/workbook.xml, a part that does not inflate);
 * XlsxRefused as a full read would refuse (too many parts, a workbook part beyond the limits).
 */
export async function readXlsxNames(file: string, limits: XlsxLimits): Promise<string[] | null> {
  const entries = unzipNative(await fsp.readFile(file), limits);
  const part = entries?.get('xl/workbook.xml') ?? entries?.get('/xl/workbook.xml');
  if (!part) return null;
  let xml: string;
  try {
    xml = part().toString('utf8');
  } catch (error) {
    if (error instanceof XlsxRefused) throw error;
    return null;
  }
  return [...xml.matchAll(DEFINED_NAME)].map((m) => decodeXml(m[1]));
}
