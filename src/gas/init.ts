/** Creates the set-up sheet of a new workbook (the CLI's `tonghop init`). */
import { loadWorkbookContext } from './workbook-context';
import { setupMessages } from '../core/messages/setup';
import { checkMessages } from '../core/messages/check';
import { array, enum as oneOf, object, optional, string } from 'zod/mini';

export interface InitResult {
  ok: boolean;
  message: string;
  created: boolean;
}

const unitRowsSchema = optional(array(array(string())));
const optionsSchema = optional(object({ organisation: optional(oneOf(['files', 'shared'])) }));

/**
 * `tonghop init`: the set-up sheet, filled with a units table when given, in the design chosen (`organisation`:
 * a file per unit by default, 'shared' for one file, `init --shared`); other tabs are left alone.
 * Like every entry point it can be called from the browser, so the table is only ever written into a
 * set-up sheet this very call created: an existing one is never overwritten.
 */
export function initConfig(unitRows?: unknown, options?: unknown): InitResult {
  const parsed = unitRowsSchema.safeParse(unitRows);
  const chosen = optionsSchema.safeParse(options);
  if (!parsed.success || !chosen.success)
    return { ok: false, message: checkMessages.badRequest, created: false };
  const workbook = loadWorkbookContext();
  if (workbook.setup) return { ok: true, message: setupMessages.configExists, created: false };
  workbook.createSetUp(parsed.data, chosen.data?.organisation);
  return { ok: true, message: setupMessages.configCreated, created: true };
}
