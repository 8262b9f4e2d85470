/** Creates the set-up sheet of a new workbook (the CLI's `tonghop init`). */
import { loadWorkbookContext } from './workbook-context';
import { setupMessages } from '../core/messages/setup';
import { checkMessages } from '../core/messages/check';
import { array, optional, string } from 'zod/mini';

export interface InitResult {
  ok: boolean;
  message: string;
  created: boolean;
}

const unitRowsSchema = optional(array(array(string())));

/**
 * `tonghop init`: the set-up sheet, filled with a units table when given; other tabs are left alone.
 * Like every entry point it can be called from the browser, so the table is only ever written into a
 * set-up sheet this very call created: an existing one is never overwritten.
 */
export function initConfig(unitRows?: unknown): InitResult {
  const parsed = unitRowsSchema.safeParse(unitRows);
  if (!parsed.success) return { ok: false, message: checkMessages.badRequest, created: false };
  const workbook = loadWorkbookContext();
  if (workbook.setup) return { ok: true, message: setupMessages.configExists, created: false };
  workbook.createSetUp(parsed.data);
  return { ok: true, message: setupMessages.configCreated, created: true };
}
