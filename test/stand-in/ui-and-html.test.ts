/**
 * Ui and HtmlOutput: what the add-on shows the person at the screen (menus, alerts, prompts, sidebars,
 * dialogs), recorded by the stand-in, with the answers a test scripts for the person.
 */
import { createServices, StandInHtmlOutput, Workbook } from '../../src/stand-in';
import { refusal } from './people';

describe('prompts', () => {
  it('answer with what the person typed and pressed, in order, then as if the dialog was closed', () => {
    const { ui } = createServices(new Workbook());
    ui.promptAnswers.push({ text: 'Đợt 5/2026', button: 'OK' }, { text: 'bỏ', button: 'CANCEL' });
    const first = ui.prompt('Kết thúc đợt', 'Tên đợt mới:', ui.ButtonSet.OK_CANCEL);
    expect([first.getResponseText(), first.getSelectedButton()]).toEqual(['Đợt 5/2026', ui.Button.OK]);
    const second = ui.prompt('Kết thúc đợt', 'Tên đợt mới:', ui.ButtonSet.OK_CANCEL);
    expect(second.getSelectedButton()).toBe(ui.Button.CANCEL);
    const third = ui.prompt('Kết thúc đợt', 'Tên đợt mới:', ui.ButtonSet.OK_CANCEL);
    expect([third.getResponseText(), third.getSelectedButton()]).toEqual(['', ui.Button.CLOSE]);
    expect(ui.prompts.map((p) => p.title)).toEqual(['Kết thúc đợt', 'Kết thúc đợt', 'Kết thúc đợt']);
  });

  it('each execution has its own screen record', () => {
    const workbook = new Workbook();
    const one = createServices(workbook);
    const two = createServices(workbook);
    one.ui.alert('Xong', 'Đã tổng hợp 12 đơn vị.', one.ui.ButtonSet.OK);
    expect(one.ui.alerts).toHaveLength(1);
    expect(two.ui.alerts).toEqual([]);
  });
});

describe('HTML outputs', () => {
  it('append HTML at the end, and keep their title and size', () => {
    const { HtmlService } = createServices(new Workbook());
    const page = HtmlService.createHtmlOutput('<p>Đang tổng hợp</p>').setTitle('Tổng hợp');
    page.append('<p>12/40</p>').setWidth(400).setHeight(180);
    expect(page.getContent()).toBe('<p>Đang tổng hợp</p><p>12/40</p>');
    expect(page.getTitle()).toBe('Tổng hợp');
    expect([(page as StandInHtmlOutput).width, (page as StandInHtmlOutput).height]).toEqual([400, 180]);
  });

  it('a page missing from the project is named in the error', () => {
    const { HtmlService } = createServices(new Workbook(), { htmlDir: __dirname });
    expect(refusal(() => HtmlService.createHtmlOutputFromFile('KhongCo'))).toBe(
      'No HTML file named KhongCo was found.'
    );
  });

  it('a modal dialog shows an HtmlOutput and nothing else, with its title', () => {
    const { ui, HtmlService } = createServices(new Workbook());
    expect(refusal(() => ui.showModalDialog('<p>x</p>' as never, 'Nhập'))).toBe(
      'Invalid argument: userInterface'
    );
    ui.showModalDialog(HtmlService.createHtmlOutput('<form></form>'), 'Nhập danh sách');
    expect(ui.dialogs.map((d) => [d.title, d.output.getContent()])).toEqual([
      ['Nhập danh sách', '<form></form>'],
    ]);
  });
});
