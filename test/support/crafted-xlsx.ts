/**
 * Crafted .xlsx files for issue 25's tests, made in a temporary folder (never committed): a zip bomb whose
 * worksheet inflates to gigabytes of white space inside <sheetData>, with its sizes declared honestly or
 * small (a lie), and a zip's part patched in place (formula cells with cached results planted into a file
 * tonghop wrote). Built with Node's zlib a chunk at a time, so that making a 2 GB bomb needs no 2 GB.
 */
import { closeSync, openSync, readFileSync, writeSync, writeFileSync } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
  '<sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '</Relationships>';
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

interface Part {
  name: string;
  compressed: Buffer;
  size: number;
  crc: number;
}

const small = (name: string, text: string): Part => {
  const data = Buffer.from(text, 'utf8');
  return { name, compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

/** A deflated run of `bytes` spaces between the sheet's head and tail, a chunk at a time. */
async function whitespaceSheet(bytes: number): Promise<Part> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const head = Buffer.from(SHEET_HEAD);
  const tail = Buffer.from(SHEET_TAIL);
  const chunk = Buffer.alloc(16 * 2 ** 20, 0x20);
  let crc = crc32(head);
  const write = (data: Buffer) =>
    new Promise<void>((resolve) => {
      if (deflate.write(data)) resolve();
      else deflate.once('drain', resolve);
    });
  await write(head);
  for (let left = bytes; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    await write(piece);
  }
  crc = crc32(tail, crc);
  deflate.end(tail);
  await done;
  return {
    name: 'xl/worksheets/sheet1.xml',
    compressed: Buffer.concat(out),
    size: head.length + bytes + tail.length,
    crc,
  };
}

/** Writes a zip of `parts`; `declared` gives the size the headers claim for a part (the truth by default). */
function writeZip(path: string, parts: Part[], declared: (part: Part) => number = (p) => p.size): void {
  const fd = openSync(path, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  try {
    for (const part of parts) {
      const name = Buffer.from(part.name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt32LE(part.crc, 14);
      local.writeUInt32LE(part.compressed.length, 18);
      local.writeUInt32LE(declared(part), 22);
      local.writeUInt16LE(name.length, 26);
      writeSync(fd, local);
      writeSync(fd, name);
      writeSync(fd, part.compressed);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(0x0800, 8);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt32LE(part.crc, 16);
      entry.writeUInt32LE(part.compressed.length, 20);
      entry.writeUInt32LE(declared(part), 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(offset, 42);
      central.push(entry, name);
      offset += 30 + name.length + part.compressed.length;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    writeSync(fd, directory);
    writeSync(fd, end);
  } finally {
    closeSync(fd);
  }
}

/**
 * A .xlsx whose one worksheet inflates to `bytes` bytes of white space: a zip bomb. `lie`: the headers
 * declare the worksheet 1 kB, so that a reader trusting them would not see it coming.
 */
export async function writeZipBomb(path: string, bytes: number, lie = false): Promise<number> {
  const parts = [
    small('[Content_Types].xml', CONTENT_TYPES),
    small('_rels/.rels', ROOT_RELS),
    small('xl/workbook.xml', WORKBOOK),
    small('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    await whitespaceSheet(bytes),
  ];
  writeZip(path, parts, (part) => (lie && part.name.includes('worksheets') ? 1024 : part.size));
  return readFileSync(path).length;
}

/** A .xlsx of one worksheet with `cells` empty cells (a grid far beyond a unit's list), small once zipped. */
export function writeManyCells(path: string, cells: number): void {
  const row = (r: number, n: number) =>
    `<row r="${r}">${Array.from({ length: n }, (_, c) => `<c r="${columnName(c)}${r}"/>`).join('')}</row>`;
  const perRow = 100;
  const rows: string[] = [];
  for (let r = 1; r * perRow <= cells; r++) rows.push(row(r, perRow));
  writeZip(path, [
    small('[Content_Types].xml', CONTENT_TYPES),
    small('_rels/.rels', ROOT_RELS),
    small('xl/workbook.xml', WORKBOOK),
    small('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    small('xl/worksheets/sheet1.xml', SHEET_HEAD + rows.join('') + SHEET_TAIL),
  ]);
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Rewrites one part of a zip in place with `edit` (the part's text in, the new text out). */
export function patchPart(path: string, part: string, edit: (text: string) => string): void {
  const files = unzipSync(readFileSync(path));
  const text = new TextDecoder('utf-8').decode(files[part]);
  const changed = edit(text);
  if (changed === text) throw new Error(`nothing changed in ${part}`);
  files[part] = new TextEncoder().encode(changed);
  writeFileSync(path, zipSync(files, { level: 6 }));
}
