/**
 * `tonghop report <file.xlsx> --unit CODE | --ward [--pdf out.pdf] [--json]`: the menu's "Xuất báo cáo
 * đơn vị" / "Báo cáo phường" on a local workbook, saved in place with the report sheet, and optionally
 * the report sheet as an A4 PDF.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cliMessages as cm } from '../core/messages/cli';
import { reportMessages as rm } from '../core/messages/reports';
import { CliError, lockFile, openWorkbook, say, step, type ParsedArgs } from './cli-io';
import { menuMessages as menu } from '../core/messages/consolidate';
import { sheetToPdf } from '../stand-in';
import { cityCsv } from '../core/city-export';
import { leadersMessages as lm } from '../core/messages/leaders';
import { printJson } from './output';
import { loadAddOn } from './runtime';
import { codeIdentity } from '../core/units';
import { folderNotices, openOffice, saveOffice } from './unit-folder';

/** Written beside and renamed (a PDF, or the city's CSV). */
export async function writePdf(path: string, bytes: Buffer): Promise<void> {
  // Written beside and renamed, so that a failed run never leaves half a file.
  const partial = `${path}.tonghop-partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch (error) {
    try {
      unlinkSync(partial);
    } catch {
      // Never written.
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'ENOENT' || code === 'EPERM' || code === 'EBUSY')
      throw new CliError(cm.cannotWrite(path));
    throw error;
  }
}

export async function reportCommand(args: ParsedArgs): Promise<number> {
  const unitOption = args.options.get('--unit');
  const ward = args.options.has('--ward');
  const unit = typeof unitOption === 'string' ? unitOption : undefined;
  if ((unit === undefined) === !ward) throw new CliError(rm.cliUnitOrWard);
  const pdfOption = args.options.get('--pdf');
  const pdfPath = typeof pdfOption === 'string' ? resolve(pdfOption) : undefined;
  if (pdfPath !== undefined && !/\.pdf$/i.test(pdfPath))
    throw new CliError(rm.cliPdfNotPdf(String(pdfOption)));
  const csvOption = args.options.get('--csv');
  const csvPath = typeof csvOption === 'string' ? resolve(csvOption) : undefined;
  if (csvPath !== undefined && !ward) throw new CliError(lm.cliCsvWardOnly);
  if (csvPath !== undefined && !/\.csv$/i.test(csvPath))
    throw new CliError(lm.cliCsvNotCsv(String(csvOption)));
  const path = resolve(args.file);
  const unlock = lockFile(path);
  try {
    say(cm.reading(path));
    const dir = args.options.get('--units-dir');
    // A file per unit: the unit's report reads the unit's own file; the report sheet is the office's.
    const office = await openOffice(path, openWorkbook, typeof dir === 'string' ? resolve(dir) : undefined);
    const { workbook } = office;
    if (office.folder && unit !== undefined) {
      const mine = office.folder.used.some((file) => codeIdentity(file.code) === codeIdentity(unit));
      if (!mine) folderNotices(office.folder, office.units).forEach(say);
    }
    const { addOn, ui } = loadAddOn(workbook);
    const result = step(ward ? menu.wardReport : menu.unitReport, () =>
      ward ? addOn.exportWardReport() : addOn.exportUnitReport(unit)
    );
    ui.alerts.forEach((alert) => say(alert.prompt));
    const json = args.options.has('--json');
    if (!result.ok) {
      if (json) await printJson({ error: result.message });
      return 1;
    }
    await saveOffice(office, path);
    let pages: number | undefined;
    if (pdfPath !== undefined) {
      const rendered = await sheetToPdf(workbook.sheet(result.sheet), { title: result.sheet });
      await writePdf(pdfPath, rendered.bytes);
      pages = rendered.pages;
      say(rm.cliPdfSaved(pdfPath, pages));
    }
    if (csvPath !== undefined && 'city' in result && result.city) {
      // Counts only, for the city's own roll-up: UTF-8 with a BOM, so that Excel shows the marks.
      await writePdf(csvPath, Buffer.from(cityCsv(result.city), 'utf8'));
      say(lm.cliCsvSaved(csvPath, result.city.rows.length - 1));
    }
    if (json) {
      const figures =
        'figures' in result
          ? { sheet: result.sheet, figures: result.figures }
          : { sheet: result.sheet, unit: result.unit, valid: result.valid, skipped: result.skipped };
      const out = { ...figures, ...(pdfPath !== undefined ? { pdf: pdfPath, pages } : {}) };
      await printJson(out);
    }
    return 0;
  } finally {
    unlock();
  }
}
