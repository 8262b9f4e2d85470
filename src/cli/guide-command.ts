/**
 * `tonghop guide <file.xlsx> --unit CODE --pdf out.pdf [--json]`: the menu's "Hướng dẫn cho đơn vị (PDF)"
 * on a local workbook: the unit's one-page guide, rendered as the reports are (src/stand-in/pdf.ts, Tinos).
 * The workbook is only read: the guide's sheet is made in memory and not saved.
 */
import { resolve } from 'node:path';
import { guideMessages as gm } from '../core/messages/install';
import { reportMessages as rm } from '../core/messages/reports';
import { CliError, openWorkbook, say, step, type ParsedArgs } from './cli-io';
import { printJson } from './output';
import { sheetToPdf } from '../stand-in';
import { writePdf } from './report-command';
import { loadAddOn } from './runtime';

export async function guideCommand(args: ParsedArgs): Promise<number> {
  const unit = args.options.get('--unit');
  if (typeof unit !== 'string' || unit.trim() === '') throw new CliError(gm.cliUnitNeeded);
  const pdfOption = args.options.get('--pdf');
  if (typeof pdfOption !== 'string') throw new CliError(gm.cliPdfNeeded);
  const pdfPath = resolve(pdfOption);
  if (!/\.pdf$/i.test(pdfPath)) throw new CliError(rm.cliPdfNotPdf(pdfOption));
  const workbook = await openWorkbook(resolve(args.file));
  const { addOn, ui } = loadAddOn(workbook);
  const result = step(gm.menuItem, () => addOn.exportUnitGuide(unit));
  ui.alerts.forEach((alert) => say(alert.prompt));
  const json = args.options.has('--json');
  if (!result.ok) {
    if (json) await printJson({ error: result.message });
    return 1;
  }
  const rendered = await sheetToPdf(workbook.sheet(result.sheet), { title: result.sheet });
  await writePdf(pdfPath, rendered.bytes);
  say(gm.cliSaved(pdfPath, rendered.pages));
  if (json) await printJson({ unit: result.unit, sheet: result.sheet, pdf: pdfPath, pages: rendered.pages });
  return 0;
}
