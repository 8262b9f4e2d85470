/**
 * Opens the built sidebar (dist/Sidebar.html) in Debian's Chromium with a `google.script.run` that
 * forwards each call to the built server bundle running on the stand-in workbook in Node, answering
 * asynchronously through the success or failure handler, as Google's does.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddOn } from '../../src/cli/runtime';
import { DIST_DIR } from '../../src/cli/runtime';

const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Where `value` holds something google.script.run refuses, as a property path ('' for the value itself), or
 * null when it is plain data. Google's reference (guides/html/reference/run): parameters and return values
 * may be primitives, null, and objects and arrays of them; "requests fail if you attempt to pass a Date,
 * Function, DOM element besides a form, or other prohibited type, including prohibited types inside objects
 * or arrays", and circular references fail too. Where it is silent (a Map, a class instance, a symbol, a
 * BigInt), this takes the stricter reading: only plain objects pass. A form as the only argument is legal on
 * Google but not modelled here; the sidebar sends none.
 *
 * Self-contained (it is also sent to the page as source text) and realm-agnostic: a value made in the
 * bundle's node:vm context has that realm's Object.prototype.
 */
export function illegalValuePath(value: unknown): string | null {
  const seen: object[] = [];
  const walk = (v: unknown, path: string): string | null => {
    if (v === null || v === undefined) return null;
    const type = typeof v;
    if (type === 'string' || type === 'number' || type === 'boolean') return null;
    if (type !== 'object') return path;
    const obj = v as object;
    if (seen.includes(obj)) return path;
    if (!Array.isArray(obj)) {
      const proto = Object.getPrototypeOf(obj) as object | null;
      if (proto !== null && Object.getPrototypeOf(proto) !== null) return path;
      if (Object.prototype.toString.call(obj) !== '[object Object]') return path;
    }
    seen.push(obj);
    for (const key of Object.keys(obj)) {
      const found = walk((obj as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`);
      if (found !== null) return found;
    }
    seen.pop();
    return null;
  };
  return walk(value, '');
}

/** The error a refused value gives, worded as Apps Script's is reported to be. */
function illegalValueMessage(path: string): string {
  return `Failed due to illegal value in property: ${path === '' ? '0' : path}`;
}

export interface ServerCall {
  name: string;
  arg: unknown;
}

/** The Node side of the bridge: the calls seen, and knobs to hold or fail the next ones. */
export class Bridge {
  readonly calls: ServerCall[] = [];
  /** The next call throws this (as an Apps Script exception would), then calls work again. */
  failNext: string | null = null;
  /** Passed to checkData, to draw more problems than the server's default cap. */
  maxProblems: number | undefined;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  constructor(private readonly addOn: AddOn) {}

  /** Holds every call until `release()`, to look at the page while it waits. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async handle(
    name: string,
    arg: unknown
  ): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
    this.calls.push({ name, arg });
    if (this.gate) await this.gate;
    // The page refuses these before sending (installBridge); this catches what its serialiser let through.
    const badArg = illegalValuePath(arg);
    if (badArg !== null) return { ok: false, message: illegalValueMessage(badArg) };
    if (this.failNext !== null) {
      const message = this.failNext;
      this.failNext = null;
      return { ok: false, message };
    }
    try {
      // Any top-level function of the bundle can be called by name, as on Google's servers.
      const fn = (this.addOn as unknown as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return { ok: false, message: `Script function not found: ${name}` };
      const request =
        name === 'checkData' && this.maxProblems !== undefined
          ? { ...(arg as object), maxProblems: this.maxProblems }
          : arg;
      const value = (fn as (request: unknown) => unknown).call(this.addOn, request);
      // A Date or a function in the return value makes the request fail, as Google's reference says
      // (reports also tell of a null reaching the success handler; failing is the louder reading).
      const badValue = illegalValuePath(value);
      if (badValue !== null) return { ok: false, message: illegalValueMessage(badValue) };
      // Plain data crosses as a copy; undefined inside arrays becomes null.
      return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** Runs in the page before its own script: the client-side `google.script.run`. */
function installBridge(): void {
  type Handler = ((value: unknown) => void) | undefined;
  type Answer = { ok: true; value: unknown } | { ok: false; message: string };
  const w = window as unknown as {
    __tonghopServer(name: string, arg: unknown): Promise<Answer>;
    __tonghopTimings: { name: string; ms: number }[];
    __illegalValuePath(value: unknown): string | null;
    __illegalValueMessage(path: string): string;
    google: unknown;
  };
  w.__tonghopTimings = [];
  function runner(success: Handler, failure: Handler): unknown {
    return new Proxy(
      {},
      {
        get(_target, prop) {
          if (prop === 'withSuccessHandler') return (handler: Handler) => runner(handler, failure);
          if (prop === 'withFailureHandler') return (handler: Handler) => runner(success, handler);
          if (typeof prop !== 'string') return undefined;
          return (...args: unknown[]) => {
            // Google refuses a Date, a function, a DOM element… anywhere in the arguments: the request
            // fails asynchronously, the failure handler gets an Error, and no server function runs.
            const bad = w.__illegalValuePath(args);
            const arg = args[0];
            const sent: Promise<Answer> =
              bad === null
                ? w.__tonghopServer(prop, arg)
                : Promise.resolve({ ok: false, message: w.__illegalValueMessage(bad) });
            void sent.then((answer) => {
              const delivered = performance.now();
              if (answer.ok) success?.(answer.value);
              else failure?.(new Error(answer.message));
              // Time to the next frame after the reply: the handler's DOM work, style, layout and paint.
              requestAnimationFrame(() =>
                setTimeout(() => w.__tonghopTimings.push({ name: prop, ms: performance.now() - delivered }))
              );
            });
          };
        },
      }
    );
  }
  w.google = { script: { run: runner(undefined, undefined) } };
}

export interface Sidebar {
  page: Page;
  bridge: Bridge;
  dialogs: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Gives the page a `google.script.run` that forwards to `bridge`, with Google's refusal of values that are
 * not plain data; the init scripts run on every navigation, as Google serves each HtmlOutput.
 */
export async function connectBridge(page: Page, bridge: Bridge): Promise<void> {
  await page.exposeFunction('__tonghopServer', (name: string, arg: unknown) => bridge.handle(name, arg));
  // The bridge is sent to the page as source text; tsx (used by the benchmark) wraps functions in esbuild's
  // __name(), which the page lacks.
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  await page.addInitScript({
    content: `window.__illegalValuePath = ${illegalValuePath.toString()};
window.__illegalValueMessage = ${illegalValueMessage.toString()};`,
  });
  await page.addInitScript(installBridge);
}

export async function openSidebar(browser: Browser, addOn: AddOn): Promise<Sidebar> {
  const context = await browser.newContext({ viewport: { width: 300, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const bridge = new Bridge(addOn);
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await connectBridge(page, bridge);
  await page.goto(`file://${join(DIST_DIR, 'Sidebar.html')}`);
  await idle(page);
  return { page, bridge, dialogs, pageErrors, close: () => context.close() };
}

/** Waits until no server call is running (the sidebar clears aria-busy when a reply is drawn). */
export async function idle(page: Page): Promise<void> {
  await page.waitForSelector('#results[aria-busy="false"]', { state: 'attached' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  await page.mouse.move(0, 0); // no hover colour left on the last button clicked
  await page.screenshot({ path });
  return path;
}
