/**
 * Opens the built sidebar (dist/Sidebar.html) in Debian's Chromium with a `google.script.run` that
 * forwards each call to the built server bundle running on the stand-in workbook in Node, answering
 * asynchronously through the success or failure handler, as Google's does.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddOn } from '../../src/local/runtime';
import { DIST_DIR } from '../../src/local/runtime';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'screenshots');

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
      // google.script.run passes plain data only; a JSON round trip drops anything else.
      const value = (fn as (request: unknown) => unknown).call(this.addOn, request);
      return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** Runs in the page before its own script: the client-side `google.script.run`. */
export function installBridge(): void {
  type Handler = ((value: unknown) => void) | undefined;
  type Answer = { ok: true; value: unknown } | { ok: false; message: string };
  const w = window as unknown as {
    __tonghopServer(name: string, arg: unknown): Promise<Answer>;
    __tonghopTimings: { name: string; ms: number }[];
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
          return (arg: unknown) => {
            void w.__tonghopServer(prop, arg).then((answer) => {
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
  await page.exposeFunction('__tonghopServer', (name: string, arg: unknown) => bridge.handle(name, arg));
  // The bridge is sent to the page as source text; tsx (used by the benchmark) wraps functions in esbuild's
  // __name(), which the page lacks.
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  await page.addInitScript(installBridge);
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
