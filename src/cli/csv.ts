/**
 * CSV in Node: the shared reader of src/shared/import-file.ts with iconv-lite as its decoder, for
 * `tonghop init --units` and `tonghop import`. One reader, so both accept the same files.
 */
import iconv from 'iconv-lite';
import {
  checkImportFile,
  ImportFileError,
  parseCsvText,
  decodeCsv,
  type CsvDecoder,
  type CsvEncoding,
} from '../shared/import-file';

const ICONV_NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1258': 'windows1258',
};

/** iconv-lite (maintained, with its own Windows-1258 table); UTF-8 must be valid, as detection checked. */
export const iconvCsv: CsvDecoder = (bytes, encoding) =>
  iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ICONV_NAMES[encoding], {
    stripBOM: false,
  });

/**
 * A CSV file's rows (blank rows dropped), whatever encoding and separator Excel saved it with.
 * .xls and .ods are refused with how to save them as .xlsx; other names are read as CSV.
 */
export function readCsvRows(bytes: Uint8Array, name: string): string[][] {
  if (/\.(xls|ods)$/i.test(name.trim())) checkImportFile(name, bytes.length);
  if (bytes.length === 0) return [];
  const rows = parseCsvText(decodeCsv(bytes, name, iconvCsv));
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

export { ImportFileError };
