/** The uploaded bundle, run as Apps Script would: nothing but Apps Script's globals. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { createServices, Workbook } from '../../src/stand-in';
import { MENU_ITEMS } from '../../src/gas/menu';

const dist = join(__dirname, '..', '..', 'dist');

function loadBare() {
  const workbook = new Workbook({ owner: 'clerk@example.com' });
  const { ui, ...globals } = createServices(workbook, { htmlDir: dist });
  const context = vm.createContext({ ...globals });
  vm.runInContext(readFileSync(join(dist, 'Code.js'), 'utf8'), context);
  return { context: context as Record<string, unknown>, ui, workbook };
}

describe('dist/Code.js', () => {
  it('loads with no require, process or timers, and onOpen adds the Smart Hải Phòng menu', () => {
    const { context, ui } = loadBare();
    for (const name of ['require', 'process', 'setTimeout', 'module', 'Buffer']) {
      expect(vm.runInContext(`typeof ${name}`, vm.createContext(context))).toBe('undefined');
    }
    (context.onOpen as () => void)();
    expect(ui.menus).toHaveLength(1);
    const menu = ui.menus[0];
    expect(menu.caption).toBe('Smart Hải Phòng');
    const items = menu.items.filter((item) => 'functionName' in item) as {
      caption: string;
      functionName: string;
    }[];
    expect(items.map((item) => item.caption)).toEqual([
      'Thiết lập đơn vị',
      'Tổng hợp',
      'Kiểm tra dữ liệu',
      'Nhập từ tệp',
      'Theo dõi và nhắc đơn vị',
      'Xuất báo cáo đơn vị',
      'Lập báo cáo phường',
      'Hướng dẫn cho đơn vị (PDF)',
      'Tách thành tệp riêng',
      'Kết thúc đợt báo cáo',
      'Chuyển sang phiên bản mới',
      'Chẩn đoán lỗi (gửi người quản trị)',
      'Giới thiệu và trợ giúp',
    ]);
    for (const item of items) {
      expect(typeof context[item.functionName]).toBe('function');
      // A top-level declaration, as Apps Script requires, not a property set at run time.
      expect(readFileSync(join(dist, 'Code.js'), 'utf8')).toMatch(
        new RegExp(`^function ${item.functionName}\\(`, 'm')
      );
    }
    expect(items.map((i) => i.functionName)).toEqual(MENU_ITEMS.map((i) => i.functionName));
  });

  it('exposes exactly the names that src/gas/main.ts exports', () => {
    const code = readFileSync(join(dist, 'Code.js'), 'utf8');
    const declared = [...code.matchAll(/^function (\w+)\(\.\.\.args\)/gm)].map((m) => m[1]).sort();
    const exported = [
      ...readFileSync(join(__dirname, '../../src/gas/main.ts'), 'utf8').matchAll(/export \{([^}]+)\}/g),
    ]
      .flatMap((m) => m[1].split(','))
      .map((name) => name.trim())
      .filter(Boolean)
      .sort();
    expect(declared).toEqual(exported);
  });

  it('shows the sidebar from dist/Sidebar.html', () => {
    const { context, ui, workbook } = loadBare();
    (context.showCheckSidebar as () => void)();
    // Any menu item creates the set-up sheet when it is missing.
    expect(workbook.getSheetByName('Cấu hình')).not.toBeNull();
    expect(ui.sidebars).toHaveLength(1);
    expect(ui.sidebars[0].getTitle()).toBe('Kiểm tra dữ liệu');
    expect(ui.sidebars[0].getContent()).toContain('<script>');
  });
});

describe('the tests and a stale dist/', () => {
  // test/support/global-setup.js refuses to run any test on it; this checks that refusal on a copy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { staleDist } = require('../support/dist-fresh') as { staleDist: (root: string) => string | null };

  function tree(): string {
    const root = mkdtempSync(join(tmpdir(), 'tonghop-dist-'));
    for (const path of ['src/gas/main.ts', 'scripts/build.ts', 'appsscript.json']) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), '');
    }
    mkdirSync(join(root, 'dist'));
    for (const name of ['Code.js', 'cli.js', 'Sidebar.html', 'Progress.html'])
      writeFileSync(join(root, 'dist', name), '');
    const past = new Date(Date.now() - 60_000);
    for (const path of ['src/gas/main.ts', 'scripts/build.ts', 'appsscript.json'])
      utimesSync(join(root, path), past, past);
    return root;
  }

  it('passes a dist/ built after its sources, names the source edited since, and a missing bundle', () => {
    const root = tree();
    try {
      expect(staleDist(root)).toBeNull();
      writeFileSync(join(root, 'src', 'gas', 'main.ts'), 'export {};');
      expect(staleDist(root)).toMatch(/^dist\/ is older than src\/gas\/main\.ts: run `npm run build`/);
      rmSync(join(root, 'dist', 'cli.js'));
      expect(staleDist(root)).toMatch(/cli\.js is missing/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('holds for this checkout: the bundle the other tests drive is built from these sources', () => {
    expect(staleDist(join(__dirname, '..', '..'))).toBeNull();
  });
});
