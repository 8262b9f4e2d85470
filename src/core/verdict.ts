/**
 * A row's verdict in a few words, as the core reads it: what the "Kiểm tra" column's formulas
 * (check-formulas.ts) are held to, from the very rules of Tổng hợp and the sidebar (`checkUnitRows`),
 * within one unit. Duplicates of other units are left to Tổng hợp, which sees every unit.
 *
 * Pure: the current year comes in, and nothing is logged (rows hold personal data).
 */
import { toRawRow } from './consolidate';
import { VERDICT_LABELS, verdictMessages as vm } from './messages/verdict';
import { checkUnitRows, MIN_BIRTH_YEAR, type CheckedRow, type RowProblem } from './rows';

function label(problem: RowProblem, row: CheckedRow, currentYear: number): string {
  const params: Record<string, number> = {
    min: MIN_BIRTH_YEAR,
    max: currentYear,
    row: row.duplicateOf?.sheetRow ?? 0,
  };
  return VERDICT_LABELS[problem.code].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole
  );
}

/** "" for a blank row (null), "Lỗi: …" when the row is not counted, "Cần kiểm tra: …", or "Hợp lệ". */
function rowVerdict(row: CheckedRow | null, currentYear: number): string {
  if (row === null) return '';
  const errors = row.problems.filter((p) => p.level === 'error');
  const shown = errors.length > 0 ? errors : row.problems.filter((p) => p.level === 'warning');
  if (shown.length === 0) return vm.valid;
  const prefix = errors.length > 0 ? vm.errorPrefix : vm.warningPrefix;
  return prefix + shown.map((p) => label(p, row, currentYear)).join(vm.separator);
}

/**
 * The verdict of every data row, in sheet order ('' for blank rows). `cells` are the data rows as read
 * (Stt, Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú; more columns are ignored), the
 * first of them on sheet row `firstSheetRow`.
 */
export function unitVerdicts(
  cells: readonly (readonly unknown[])[],
  firstSheetRow: number,
  currentYear: number
): string[] {
  const raws = cells.map((row, i) => toRawRow(row, firstSheetRow + i));
  // The unit's name and code only fill a blank "Cơ quan, đơn vị" and name duplicates: no verdict depends on them.
  const checked = checkUnitRows(raws, { unitName: '', unitCode: '', currentYear });
  const verdicts = Array<string>(cells.length).fill('');
  for (const row of checked) verdicts[row.sheetRow - firstSheetRow] = rowVerdict(row, currentYear);
  return verdicts;
}
