/**
 * What crosses between the "Theo dõi đơn vị" sidebar (and `tonghop remind`, `tonghop review`) and the
 * server: plain data only. The server validates every request with these schemas.
 */
import { literal, number, object, optional, string, union } from 'zod/mini';
import type { RemindReason, UnitStatus } from './follow-up';

export const reviewRequestSchema = object({
  unit: string(),
  action: union([literal('accept'), literal('return')]),
  /** Trả lại: what the unit must fix (shown in its header). */
  note: optional(string()),
});

/** Issue 25: the office accepts a unit's "Không trùng" row as a person of its own. */
export const namesakeRequestSchema = object({ unit: string(), row: number() });

/** A "Không trùng" row another unit listed first, as the last Tổng hợp found it (row numbers only). */
export interface PendingNamesake {
  code: string;
  name: string;
  row: number;
  otherCode: string;
  otherName: string;
  otherRow: number;
}

export interface ReviewResponse {
  ok: boolean;
  message: string;
  detail?: string;
}

export interface UnitFollowUp {
  code: string;
  name: string;
  status: UnitStatus;
  /** The status as the summary writes it (with the changed rows). */
  statusText: string;
  /** The day the status last changed (dd/MM/yyyy), '' when unknown. */
  since: string;
}

export interface Reminder {
  code: string;
  name: string;
  reasons: RemindReason[];
  /** The reasons in Vietnamese, joined. */
  reasonText: string;
  /** Ready to paste into Zalo: the unit's own figures, never a resident's name. */
  message: string;
  /** https://zalo.me/<phone>, '' when the unit has no phone in Cấu hình. */
  zalo: string;
  phone: string;
}

export interface FollowUpResponse {
  ok: boolean;
  message: string;
  /** When the figures were counted (dd/MM/yyyy HH:mm), '' when Tổng hợp never ran. */
  figuresAt: string;
  /** Whether the viewer may Duyệt / Trả lại. */
  isOffice: boolean;
  units: UnitFollowUp[];
  reminders: Reminder[];
  /** "Không trùng" rows awaiting the office's word (the office only; empty for anyone else). */
  namesakes: PendingNamesake[];
}
