/**
 * Where HyperFormula's functions differ from Google Sheets' inside ARRAYFORMULA, the stand-in's own
 * versions, registered once, globally, before the stand-in builds any HyperFormula.
 *
 * ROW: Google's reference (https://support.google.com/docs/answer/3093316) says that when
 * cell_reference "is a range more than one cell wide and the formula is not used as an array formula,
 * only the numeric value of the first row in cell_reference is returned": inside ARRAYFORMULA,
 * ROW(A8:A1007) is the column {8;…;1007}, as in Excel's and LibreOffice's array formulas (ECMA-376
 * Part 4, ROW: "a vertical array of the corresponding rows"). HyperFormula 3.x gives the first row
 * in both cases.
 */
import {
  ArraySize,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type SimpleCellAddress,
} from 'hyperformula';

/** What of HyperFormula's AST node and interpreter state ROW reads (its types are not exported). */
interface RangeEnd {
  toSimpleCellAddress(base: SimpleCellAddress): SimpleCellAddress;
}
interface RowCall {
  args: ({ type: string; start?: RangeEnd; end?: RangeEnd } | undefined)[];
}
interface RowState {
  arraysFlag: boolean;
  formulaAddress: SimpleCellAddress;
}

/** The rows and columns of ROW's argument when it is a range read as an array, else null. */
function rangeInArrays(
  ast: RowCall,
  state: RowState
): { start: SimpleCellAddress; end: SimpleCellAddress } | null {
  const arg = ast.args[0];
  if (!state.arraysFlag || !arg || arg.type !== 'CELL_RANGE' || !arg.start || !arg.end) return null;
  return {
    start: arg.start.toSimpleCellAddress(state.formulaAddress),
    end: arg.end.toSimpleCellAddress(state.formulaAddress),
  };
}

class RowsInArrays extends FunctionPlugin {
  static implementedFunctions = {
    ROW: {
      method: 'row',
      sizeOfResultArrayMethod: 'rowArraySize',
      parameters: [{ argumentType: FunctionArgumentType.NOERROR, optionalArg: true }],
      isDependentOnSheetStructureChange: true,
      doesNotNeedArgumentsToBeComputed: true,
      vectorizationForbidden: true,
    },
  };

  row(ast: RowCall, state: RowState): unknown {
    const range = rangeInArrays(ast, state);
    if (range) {
      const rows: number[][] = [];
      const width = range.end.col - range.start.col + 1;
      for (let r = range.start.row; r <= range.end.row; r++) rows.push(new Array<number>(width).fill(r + 1));
      return SimpleRangeValue.onlyValues(rows);
    }
    // HyperFormula's own ROW (InformationPlugin.row). Its AST and state types are not exported: ours
    // are the shape it reads, handed back as they came.
    return this.runFunctionWithReferenceArgument(
      ast.args as never,
      state as never,
      this.metadata('ROW'),
      () => state.formulaAddress.row + 1,
      (reference) => reference.row + 1
    );
  }

  rowArraySize(ast: RowCall, state: RowState): ArraySize {
    const range = rangeInArrays(ast, state);
    if (!range) return ArraySize.scalar();
    return new ArraySize(range.end.col - range.start.col + 1, range.end.row - range.start.row + 1);
  }
}

let registered = false;

/** Registers the stand-in's functions with HyperFormula (once; before any instance is built). */
export function registerArrayFunctions(): void {
  if (registered) return;
  registered = true;
  HyperFormula.registerFunction('ROW', RowsInArrays);
}
