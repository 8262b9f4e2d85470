/**
 * Rules bound to cells, as the document keeps them: data validation (a value object: its getters are
 * all Apps Script has of it, so the Google layer hands it out as it is) and what a conditional format
 * holds (the Google layer's ConditionalFormatRule carries these fields).
 */
import type { Rect } from './a1';

type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

export type CriteriaName = 'NUMBER_BETWEEN' | 'CUSTOM_FORMULA' | 'VALUE_IN_LIST' | 'CHECKBOX';

export class StandInDataValidation {
  constructor(
    readonly criteria: CriteriaName,
    readonly values: readonly unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string | null
  ) {}
  getCriteriaType(): Criteria {
    return this.criteria as unknown as Criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.values.map((v) => (Array.isArray(v) ? [...v] : v));
  }
  getHelpText(): string | null {
    return this.helpText;
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
}

export type ConditionType =
  | 'NUMBER_LESS_THAN'
  | 'NUMBER_GREATER_THAN_OR_EQUAL_TO'
  | 'NUMBER_BETWEEN'
  | 'TEXT_STARTS_WITH'
  | 'TEXT_EQUAL_TO';

/** A conditional format: its condition, its colours and the blocks of cells it covers. */
export interface ConditionalFormat {
  readonly condition: ConditionType;
  readonly values: readonly (number | string)[];
  readonly background: string | null;
  readonly fontColor: string | null;
  readonly ranges: readonly { readonly rect: Rect }[];
}

/**
 * Whether a rule's condition holds for a cell value. Google's page does not say whether text conditions
 * ignore case: the stand-in takes the stricter reading (exact, case-sensitive), which tonghop's own
 * verdict texts meet either way.
 */
export function conditionHolds(rule: ConditionalFormat, value: unknown): boolean {
  const [a, b] = rule.values;
  switch (rule.condition) {
    case 'NUMBER_LESS_THAN':
      return typeof value === 'number' && value < Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return typeof value === 'number' && value >= Number(a);
    case 'NUMBER_BETWEEN':
      return typeof value === 'number' && value >= Number(a) && value <= Number(b);
    case 'TEXT_STARTS_WITH':
      return typeof value === 'string' && value.startsWith(String(a));
    case 'TEXT_EQUAL_TO':
      return typeof value === 'string' && value === String(a);
  }
}
