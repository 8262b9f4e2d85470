/**
 * .xlsx load and save for the stand-in (ExcelJS), re-exported by the stand-in's index. Reading:
 * zip-scan.ts, sheet-data.ts and exceljs-patches.ts feed load.ts (load-cells.ts); writing: save.ts,
 * write-sheet.ts (row-styles.ts, row-xml.ts). Styles, validations and conditional formats have a file
 * each, both ways.
 */
export {
  loadXlsx,
  prepareParts,
  readXlsxParts,
  rehydrateParts,
  workbookFromParts,
  type SheetProgress,
  type XlsxParts,
} from './load';
export { saveXlsx } from './save';
export { readXlsxNames } from './zip-scan';
