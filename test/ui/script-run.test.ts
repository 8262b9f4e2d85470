/**
 * The harness's `google.script.run` refuses what Google's does (guides/html/reference/run): a Date, a
 * function or another non-plain value as an argument or a return value makes the request fail, and the
 * failure handler gets an Error. Run `npm run build` first.
 */
import vm from 'node:vm';
import type { Browser } from 'playwright-core';
import { demoUnits } from '../../src/cli/demo-data';
import type { AddOn } from '../../src/cli/runtime';
import { workbookWithUnits } from '../support/add-on';
import { illegalValuePath, launchChromium, openSidebar, type Sidebar } from './harness';

/** A call from the page, as the sidebar would make it; resolves with what reached which handler. */
async function callFromPage(sidebar: Sidebar, name: string, argSource: string) {
  return sidebar.page.evaluate(
    ({ name, argSource }) =>
      new Promise<{ handler: string; isError?: boolean; message?: string; value?: unknown }>((resolve) => {
        const run = (window as unknown as { google: { script: { run: Record<string, unknown> } } }).google
          .script.run as unknown as {
          withSuccessHandler(h: (v: unknown) => void): {
            withFailureHandler(h: (e: unknown) => void): Record<string, (...a: unknown[]) => void>;
          };
        };
        const arg = (0, eval)(`(${argSource})`) as unknown;
        const calls = run
          .withSuccessHandler((value) => resolve({ handler: 'success', value }))
          .withFailureHandler((error) =>
            resolve({
              handler: 'failure',
              isError: error instanceof Error,
              message: (error as Error).message,
            })
          );
        calls[name](arg);
      }),
    { name, argSource }
  );
}

let browser: Browser;
let sidebar: Sidebar | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterEach(async () => {
  await sidebar?.close();
  sidebar = undefined;
});

afterAll(async () => {
  await browser.close();
});

function openWithServerExtras() {
  const loaded = workbookWithUnits(demoUnits(1));
  // Server functions in the bundle's own realm, as top-level functions of Code.js would be.
  vm.runInContext(
    `function dateOfToday() { return new Date(); }
     function rowsWithDate() { return { rows: [[1, 'An', new Date(0)]] }; }
     function withCallback() { return { ok: true, then: function () {} }; }
     function plainRows() { return { rows: [[1, 'An', null, undefined]], note: undefined }; }
     function echo(arg) { return { got: arg }; }`,
    loaded.addOn as unknown as vm.Context
  );
  return loaded.addOn as AddOn;
}

describe('google.script.run in the test harness', () => {
  it('fails a call whose argument holds a Date or a function, without running the server function', async () => {
    sidebar = await openSidebar(browser, openWithServerExtras());
    const before = sidebar.bridge.calls.length;

    for (const argSource of [
      'new Date()',
      '{ when: new Date(2026, 4, 31) }',
      '[1, [2, new Date()]]',
      '() => 1',
      '{ onDone: function () {} }',
      'new Map([[1, 2]])',
      'document.body',
    ]) {
      const answer = await callFromPage(sidebar, 'echo', argSource);
      expect({ argSource, ...answer }).toMatchObject({
        argSource,
        handler: 'failure',
        isError: true,
        message: expect.stringMatching(/^Failed due to illegal value in property: /),
      });
    }
    expect(sidebar.bridge.calls.slice(before).map((c) => c.name)).toEqual([]);
  });

  it('fails a call whose return value holds a Date or a function', async () => {
    sidebar = await openSidebar(browser, openWithServerExtras());
    expect(await callFromPage(sidebar, 'dateOfToday', 'null')).toMatchObject({
      handler: 'failure',
      isError: true,
      message: 'Failed due to illegal value in property: 0',
    });
    expect(await callFromPage(sidebar, 'rowsWithDate', 'null')).toMatchObject({
      handler: 'failure',
      message: 'Failed due to illegal value in property: rows.0.2',
    });
    expect(await callFromPage(sidebar, 'withCallback', 'null')).toMatchObject({
      handler: 'failure',
      message: 'Failed due to illegal value in property: then',
    });
  });

  it('passes plain data both ways, as a copy, undefined in arrays becoming null', async () => {
    sidebar = await openSidebar(browser, openWithServerExtras());
    expect(await callFromPage(sidebar, 'plainRows', 'null')).toEqual({
      handler: 'success',
      value: { rows: [[1, 'An', null, null]] },
    });
    expect(
      await callFromPage(sidebar, 'echo', "{ unit: 'DU', rows: [[1, 'Nguyễn Văn An', true, null]] }")
    ).toEqual({
      handler: 'success',
      value: { got: { unit: 'DU', rows: [[1, 'Nguyễn Văn An', true, null]] } },
    });
    expect(sidebar.pageErrors).toEqual([]);
  });
});

describe('illegalValuePath', () => {
  it('names the first value google.script.run refuses, in any realm', () => {
    const other = vm.runInNewContext(
      '({ plain: { a: [1, "x", null] }, date: new Date(), list: [new Date()] })'
    ) as {
      plain: unknown;
      date: unknown;
      list: unknown;
    };
    expect(illegalValuePath(other.plain)).toBeNull();
    expect(illegalValuePath(other.date)).toBe('');
    expect(illegalValuePath({ list: other.list })).toBe('list.0');
    expect(illegalValuePath(Object.create(null))).toBeNull();
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    expect(illegalValuePath(circular)).toBe('self');
    const shared = { x: 1 };
    expect(illegalValuePath({ a: shared, b: shared })).toBeNull();
    expect(illegalValuePath(Symbol('s'))).toBe('');
    expect(illegalValuePath(BigInt(1))).toBe('');
    class Row {
      n = 1;
    }
    expect(illegalValuePath([new Row()])).toBe('0');
  });
});
