/**
 * What crosses between the "Theo dõi đơn vị" sidebar (and `tonghop remind`, `tonghop review`) and the
 * server: plain data only. The server validates every request with these schemas.
 */
import { literal, object, optional, string, union } from 'zod/mini';
import type { RemindReason, UnitStatus } from './follow-up';

export const reviewRequestSchema = object({
  unit: string(),
  action: union([literal('accept'), literal('return')]),
  /** Trả lại: what the unit must fix (shown in its header). */
  note: optional(string()),
});

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
}
