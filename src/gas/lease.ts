/**
 * A run held across executions. LockService holds only within one execution, so a run of Tổng hợp or
 * Thiết lập đơn vị is held by a lease in the document properties, taken and renewed under the document
 * lock, with an expiry: the same person resumes at once, another is told how far the run is, and a
 * lease abandoned past its expiry can be taken over (the run's position is in the document, so it goes on).
 *
 * The owner is Session.getTemporaryActiveUserKey(): unique to the user, reveals nobody, needs no scope.
 */
import { services } from './apps-script';
import { LEASE_MS } from '../core/steps';

export interface Run<T> {
  owner: string;
  /** Epoch ms after which anyone may take the run over. */
  expires: number;
  /** Executions this run has taken so far. */
  step: number;
  startedAt: number;
  data: T;
}

export type Taken<T> = { run: Run<T>; fresh: boolean } | { busy: Run<T> };

function store() {
  const properties = services().PropertiesService.getDocumentProperties();
  if (!properties) throw new Error('No document properties');
  return properties;
}

/** Document properties have no delete in the contract: an empty value is no run. */
export function readRun<T>(key: string): Run<T> | null {
  const text = store().getProperty(key);
  if (!text) return null;
  try {
    return JSON.parse(text) as Run<T>;
  } catch {
    return null;
  }
}

/** Takes the run at `key` for the active user (call under the document lock). */
export function takeRun<T>(key: string, now: number, start: () => T): Taken<T> {
  const me = services().Session.getTemporaryActiveUserKey();
  const existing = readRun<T>(key);
  if (existing && existing.owner !== me && existing.expires > now) return { busy: existing };
  const run: Run<T> = existing
    ? { ...existing, owner: me, expires: now + LEASE_MS, step: existing.step + 1 }
    : { owner: me, expires: now + LEASE_MS, step: 1, startedAt: now, data: start() };
  saveRun(key, run, now);
  return { run, fresh: !existing };
}

/** Saves the run's position and renews its lease; a value stays far below the 9 kB a property holds. */
export function saveRun<T>(key: string, run: Run<T>, now: number): void {
  run.expires = now + LEASE_MS;
  store().setProperty(key, JSON.stringify(run));
}

export function endRun(key: string): void {
  store().setProperty(key, '');
}
