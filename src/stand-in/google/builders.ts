/** Data validation, conditional format and chart builders (free calls: only applying them is a write). */
import type {
  ChartType,
  ConditionalFormatRule,
  ConditionalFormatRuleBuilder,
  EmbeddedChartBuilder,
} from '../../contract/apps-script';
// What this file implements: production's view of Apps Script plus what tests read (inspection.ts).
import type {
  InspectedDataValidation as DataValidation,
  InspectedDataValidationBuilder as DataValidationBuilder,
  InspectedRange as Range,
} from './inspection';
import {
  StandInDataValidation,
  type ConditionalFormat,
  type ConditionType,
  type CriteriaName,
} from '../document/rules';
import type { StandInRange } from './range';

/**
 * `formulaParses` checks a custom rule's formula in the spreadsheet's locale. A rule whose formula does
 * not parse is refused when it is built: Google does not document what it does with one (the Sheets UI
 * says "Invalid formula"; a rule that always errs would reject every entry, or accept every one with
 * allowInvalid), so the stand-in fails loudly, the stricter reading.
 */
export class StandInDataValidationBuilder implements DataValidationBuilder {
  constructor(private readonly formulaParses: (formula: string) => boolean = () => true) {}
  private criteria: CriteriaName | null = null;
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText: string | null = null;

  requireNumberBetween(start: number, end: number): DataValidationBuilder {
    this.criteria = 'NUMBER_BETWEEN';
    this.values = [start, end];
    return this;
  }
  requireFormulaSatisfied(formula: string): DataValidationBuilder {
    this.criteria = 'CUSTOM_FORMULA';
    this.values = [formula];
    return this;
  }
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilder {
    if (!Array.isArray(values)) throw new Error('Invalid argument: values');
    this.criteria = 'VALUE_IN_LIST';
    this.values = [values.map(String), showDropdown !== false];
    return this;
  }
  /** A boolean cell shown as a checkbox: TRUE ticked, FALSE not (Google's page: requireCheckbox()). */
  requireCheckbox(): DataValidationBuilder {
    this.criteria = 'CHECKBOX';
    this.values = [];
    // Sheets refuses anything but TRUE or FALSE in a checkbox cell.
    this.allowInvalid = false;
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this.allowInvalid = Boolean(allowInvalidData);
    return this;
  }
  setHelpText(helpText: string): DataValidationBuilder {
    this.helpText = String(helpText);
    return this;
  }
  build(): DataValidation {
    if (!this.criteria) throw new Error('You must specify a criteria type for data validation rules.');
    if (this.criteria === 'CUSTOM_FORMULA' && !this.formulaParses(String(this.values[0]))) {
      throw new Error(`Invalid formula in the data validation rule: ${String(this.values[0])}`);
    }
    return new StandInDataValidation(this.criteria, this.values, this.allowInvalid, this.helpText);
  }
}

/** A range captured by a rule, keeping the Range the add-on passed so tests can read it. */
function captureRanges(ranges: unknown): StandInRange[] {
  if (!Array.isArray(ranges)) throw new Error('Invalid argument: ranges');
  return ranges.map((r) => r as StandInRange);
}

/** The document's conditional format (document/rules.ts) as Apps Script hands it out. */
export class StandInConditionalFormatRule implements ConditionalFormatRule, ConditionalFormat {
  constructor(
    readonly condition: ConditionType,
    readonly values: readonly (number | string)[],
    readonly background: string | null,
    readonly fontColor: string | null,
    readonly ranges: readonly StandInRange[]
  ) {}
  getRanges(): Range[] {
    return [...this.ranges];
  }
  /** A1 notations of the target ranges, 'Sheet!A1:B2'. */
  rangesA1(): string[] {
    return this.ranges.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`);
  }
}

export class StandInConditionalFormatRuleBuilder implements ConditionalFormatRuleBuilder {
  private condition: ConditionType | null = null;
  private values: (number | string)[] = [];
  private background: string | null = null;
  private fontColor: string | null = null;
  private ranges: StandInRange[] = [];

  whenNumberLessThan(number: number): ConditionalFormatRuleBuilder {
    this.condition = 'NUMBER_LESS_THAN';
    this.values = [number];
    return this;
  }
  whenNumberGreaterThanOrEqualTo(number: number): ConditionalFormatRuleBuilder {
    this.condition = 'NUMBER_GREATER_THAN_OR_EQUAL_TO';
    this.values = [number];
    return this;
  }
  whenNumberBetween(start: number, end: number): ConditionalFormatRuleBuilder {
    this.condition = 'NUMBER_BETWEEN';
    this.values = [start, end];
    return this;
  }
  whenTextStartsWith(text: string): ConditionalFormatRuleBuilder {
    this.condition = 'TEXT_STARTS_WITH';
    this.values = [String(text)];
    return this;
  }
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder {
    this.condition = 'TEXT_EQUAL_TO';
    this.values = [String(text)];
    return this;
  }
  setBackground(color: string | null): ConditionalFormatRuleBuilder {
    this.background = color;
    return this;
  }
  setFontColor(color: string | null): ConditionalFormatRuleBuilder {
    this.fontColor = color;
    return this;
  }
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder {
    this.ranges = captureRanges(ranges);
    return this;
  }
  build(): StandInConditionalFormatRule {
    if (!this.condition) throw new Error('Conditional format rule must have a condition.');
    if (!this.background && !this.fontColor) throw new Error('Conditional format rule must have a format.');
    return new StandInConditionalFormatRule(
      this.condition,
      this.values,
      this.background,
      this.fontColor,
      this.ranges
    );
  }
}

export const CHART_TYPES = {
  AREA: 'AREA',
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  HISTOGRAM: 'HISTOGRAM',
  LINE: 'LINE',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  TABLE: 'TABLE',
} as const;

let nextChartId = 1;

export class StandInChart {
  readonly id = `chart-${nextChartId++}`;
  constructor(
    readonly type: ChartType | null,
    readonly ranges: readonly Range[],
    readonly position: { row: number; column: number; offsetX: number; offsetY: number } | null,
    readonly options: Readonly<Record<string, unknown>>,
    readonly sheetId: number
  ) {}
  rangesA1(): string[] {
    return this.ranges.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`);
  }
}

export class StandInChartBuilder implements EmbeddedChartBuilder {
  private type: ChartType | null = null;
  private ranges: Range[] = [];
  private position: StandInChart['position'] = null;
  private options: Record<string, unknown> = {};

  constructor(private readonly sheetId: number) {}

  setChartType(type: ChartType): EmbeddedChartBuilder {
    this.type = type;
    return this;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    this.ranges.push(range);
    return this;
  }
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number
  ): EmbeddedChartBuilder {
    this.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.options[option] = value;
    return this;
  }
  build(): StandInChart {
    if (!this.type) throw new Error('Chart type must be set.');
    if (!this.position) throw new Error('Chart position must be set.');
    return new StandInChart(this.type, [...this.ranges], this.position, { ...this.options }, this.sheetId);
  }
}
