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

function readRun<T>(key: string): Run<T> | null {
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

/** Ends the run: its position, and every value kept beside it under `<key>.`, are deleted. */
export function endRun(key: string, kept: readonly string[] = []): void {
  const properties = store();
  for (const k of kept) properties.deleteProperty(k);
  properties.deleteProperty(key);
}

/** Values kept beside a run (one per unit, say), each far below 9 kB, all read back in one call. */
export function keepBeside(key: string, name: string, value: unknown): void {
  store().setProperty(`${key}.${name}`, JSON.stringify(value));
}

export function readBeside(key: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(store().getProperties())) {
    if (!k.startsWith(`${key}.`)) continue;
    try {
      out.set(k.slice(key.length + 1), JSON.parse(v) as unknown);
    } catch {
      // A value that is not ours is left alone.
    }
  }
  return out;
}
