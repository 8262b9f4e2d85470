/**
 * The people of the product, as the stand-in's tests act them: the clerk who owns the office's spreadsheet,
 * an office colleague it is shared with for editing, a ward leader who may only view it, and someone it
 * is not shared with at all. Everything here comes through the stand-in's public surface.
 */
import { createServices, Workbook, type WorkbookOptions } from '../../src/stand-in';

export const OWNER = 'van.thu@phuong.example';
export const EDITOR = 'ke.toan@phuong.example';
export const VIEWER = 'chu.tich@phuong.example';
export const STRANGER = 'nguoi.la@example.com';

/** The office's spreadsheet, owned by the clerk, shared with the colleague (edit) and the leader (view). */
export function office(opts: WorkbookOptions = {}) {
  const workbook = new Workbook({ owner: OWNER, name: 'Phường - Tổng hợp', ...opts });
  workbook.share(EDITOR);
  workbook.file.share('reader', VIEWER);
  const services = createServices(workbook);
  const sheet = workbook.getSheets()[0];
  /** Runs `action` as `who`, then hands the spreadsheet back to the owner. */
  const as = <T>(who: string, action: () => T): T => {
    workbook.actAs(who);
    try {
      return action();
    } finally {
      workbook.actAs(OWNER);
    }
  };
  return { workbook, services, sheet, as, ...services };
}

/** The message `action` throws, or null when it does not throw. */
export function refusal(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
