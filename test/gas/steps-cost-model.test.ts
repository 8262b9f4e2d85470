/**
 * The stand-in's cost model against what "Chẩn đoán" measured on real spreadsheets
 * (test/fixtures/google-observed/*.json, `timingsMs`): the model must be no faster than Google was.
 * Files without timings are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callCost, GOOGLE_COSTS, type CostModel } from '../../src/stand-in';

const DIR = join(__dirname, '..', 'fixtures', 'google-observed');

type Timings = Partial<
  Record<
    'setValues10k' | 'getValues10k' | 'setValues100k' | 'getValues100k' | 'insertSheet' | 'protect',
    number
  >
>;

/** The model's time for each observed measure, in ms. */
function modelled(model: CostModel): Required<Timings> {
  const write = (cells: number) => callCost(model, 'Range.setValues', { read: 0, written: cells });
  const read = (cells: number) => callCost(model, 'Range.getValues', { read: cells, written: 0 });
  return {
    setValues10k: write(10_000),
    getValues10k: read(10_000),
    setValues100k: write(100_000),
    getValues100k: read(100_000),
    insertSheet: callCost(model, 'Spreadsheet.insertSheet', { read: 0, written: 0 }),
    protect: callCost(model, 'Sheet.protect', { read: 0, written: 0 }),
  };
}

/** The measures where the model is faster than observed. */
function fasterThanObserved(model: CostModel, observed: Timings): string[] {
  const ours = modelled(model);
  return (Object.keys(observed) as (keyof Timings)[]).filter(
    (key) => typeof observed[key] === 'number' && key in ours && ours[key] < (observed[key] as number)
  );
}

const fixtures = existsSync(DIR) ? readdirSync(DIR).filter((name) => name.endsWith('.json')) : [];
const timed = fixtures
  .map((name) => ({
    name,
    data: JSON.parse(readFileSync(join(DIR, name), 'utf8')) as { timingsMs?: Timings },
  }))
  .filter((f) => f.data.timingsMs !== undefined);

describe('cost model', () => {
  it('flags a model faster than an observation (the check itself can fail)', () => {
    expect(fasterThanObserved(GOOGLE_COSTS, { setValues10k: 1e9, protect: 0 })).toEqual(['setValues10k']);
  });

  (timed.length > 0 ? it.each(timed.map((f) => [f.name, f.data.timingsMs!])) : it.skip.each([['none', {}]]))(
    'is no faster than Google was in %s',
    (_name, timings) => {
      expect(fasterThanObserved(GOOGLE_COSTS, timings as Timings)).toEqual([]);
    }
  );
});
