/**
 * Conditional formats between the stand-in and .xlsx, both ways, for the rules tonghop writes: the
 * summary's coverage colours (number rules) and the unit sheets' "Kiểm tra" colours (text rules). Read
 * back, they survive a command that loads and saves the file (`tonghop run` would otherwise strip the
 * unit sheets' colours until the next `tonghop setup`). Any other rule is dropped, with a note.
 */
import type ExcelJS from 'exceljs';
import { parseA1, rectA1, type Rect } from '../document/a1';
import type { ConditionType } from '../document/rules';
import type { DocumentSheet } from '../document/sheet';

/** A rule as read from the file, applied once the sheet exists. */
export interface ConditionalFormatSpec {
  ref: string;
  condition: ConditionType;
  values: (number | string)[];
  background: string | null;
  fontColor: string | null;
}

const toArgb = (color: string): string | undefined => {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  return m ? `FF${m[1].toUpperCase()}` : undefined;
};
const fromArgb = (color: Partial<ExcelJS.Color> | undefined): string | null => {
  const argb = color?.argb;
  return argb && /^[0-9A-F]{8}$/i.test(argb) ? `#${argb.slice(2).toLowerCase()}` : null;
};
const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;
const unquoted = (formula: string): string | null => {
  const m = /^"((?:[^"]|"")*)"$/.exec(formula.trim());
  return m ? m[1].replace(/""/g, '"') : null;
};

const NUMBER_OPERATORS: Partial<Record<ConditionType, string>> = {
  NUMBER_LESS_THAN: 'lessThan',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual',
  NUMBER_BETWEEN: 'between',
};

/** Sheets' rules as Excel rules, in the same order (Excel stops at the first match too). */
export function writeConditionalFormats(ws: ExcelJS.Worksheet, sheet: DocumentSheet): void {
  sheet.conditionalFormatRules.forEach((rule, index) => {
    const fill = rule.background ? toArgb(rule.background) : undefined;
    const font = rule.fontColor ? toArgb(rule.fontColor) : undefined;
    const style = {
      ...(fill ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: fill } } } : {}),
      ...(font ? { font: { color: { argb: font } } } : {}),
    };
    const ref = rule.ranges.map((range) => rectA1(range.rect)).join(' ');
    const text = String(rule.values[0] ?? '');
    let excelRule: Record<string, unknown>;
    if (rule.condition === 'TEXT_STARTS_WITH') {
      // As a formula rule: ExcelJS writes Excel's own "begins with" rule without its text attribute.
      const topLeft = ref.split(/[: ]/)[0];
      excelRule = { type: 'expression', formulae: [`LEFT(${topLeft},LEN(${quoted(text)}))=${quoted(text)}`] };
    } else if (rule.condition === 'TEXT_EQUAL_TO') {
      excelRule = { type: 'cellIs', operator: 'equal', formulae: [quoted(text)] };
    } else {
      excelRule = {
        type: 'cellIs',
        operator: NUMBER_OPERATORS[rule.condition],
        formulae: rule.values.map(String),
      };
    }
    ws.addConditionalFormatting({
      ref,
      rules: [{ ...excelRule, priority: index + 1, style } as unknown as ExcelJS.ConditionalFormattingRule],
    });
  });
}

interface ExcelRule {
  type?: string;
  operator?: string;
  formulae?: unknown[];
  priority?: number;
  style?: {
    fill?: { bgColor?: Partial<ExcelJS.Color>; fgColor?: Partial<ExcelJS.Color> };
    font?: { color?: Partial<ExcelJS.Color> };
  };
}

function toSpec(ref: string, rule: ExcelRule): ConditionalFormatSpec | null {
  const formulae = (rule.formulae ?? []).map(String);
  const background = fromArgb(rule.style?.fill?.bgColor ?? rule.style?.fill?.fgColor);
  const fontColor = fromArgb(rule.style?.font?.color);
  if (!background && !fontColor) return null;
  const base = { ref, background, fontColor };
  if (rule.type === 'expression' && formulae.length === 1) {
    const m = /^LEFT\(\$?[A-Z]+\$?\d+,LEN\(("(?:[^"]|"")*")\)\)=("(?:[^"]|"")*")$/.exec(formulae[0]);
    const text = m && m[1] === m[2] ? unquoted(m[1]) : null;
    return text === null ? null : { ...base, condition: 'TEXT_STARTS_WITH', values: [text] };
  }
  if (rule.type !== 'cellIs') return null;
  if (rule.operator === 'equal' && formulae.length === 1) {
    const text = unquoted(formulae[0]);
    return text === null ? null : { ...base, condition: 'TEXT_EQUAL_TO', values: [text] };
  }
  const condition = (Object.keys(NUMBER_OPERATORS) as ConditionType[]).find(
    (key) => NUMBER_OPERATORS[key] === rule.operator
  );
  const values = formulae.map(Number);
  if (!condition || values.length === 0 || values.some((v) => !Number.isFinite(v))) return null;
  return { ...base, condition, values };
}

/** The rules of a worksheet that the stand-in can hold, in priority order; the rest are noted as dropped. */
export function readConditionalFormats(ws: ExcelJS.Worksheet, notes: Set<string>): ConditionalFormatSpec[] {
  const formats =
    (ws as unknown as { conditionalFormattings?: { ref: string; rules: ExcelRule[] }[] })
      .conditionalFormattings ?? [];
  const specs: { spec: ConditionalFormatSpec; priority: number }[] = [];
  for (const format of formats) {
    for (const rule of format.rules ?? []) {
      const spec = toSpec(format.ref, rule);
      if (spec) specs.push({ spec, priority: rule.priority ?? Number.MAX_SAFE_INTEGER });
      else
        notes.add('Conditional formatting in the file that Google Sheets rules cannot express was dropped.');
    }
  }
  return specs.sort((a, b) => a.priority - b.priority).map((s) => s.spec);
}

/** A block of the sheet by A1, failing as Sheet.getRange does on one it cannot hold. */
function blockOf(sheet: DocumentSheet, a1: string): Rect {
  const rect = a1.includes('!') ? null : parseA1(a1, sheet.maxRows, sheet.maxColumns);
  if (!rect) throw new Error('Range not found');
  if (rect.r1 < 1 || rect.c1 < 1 || rect.r2 > sheet.maxRows || rect.c2 > sheet.maxColumns) {
    throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return rect;
}

/** Gives a loaded sheet the rules read from its worksheet. */
export function applyConditionalFormats(sheet: DocumentSheet, specs: readonly ConditionalFormatSpec[]): void {
  sheet.conditionalFormatRules = specs.map((spec) =>
    sheet.conditionalFormat(
      spec.condition,
      spec.values,
      spec.background,
      spec.fontColor,
      spec.ref.split(' ').map((a1) => blockOf(sheet, a1))
    )
  );
}
