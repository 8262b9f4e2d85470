/** How Chẩn đoán classifies what Google lists as a protection's editors, and how it shows a report. */
import {
  classifyProtection,
  diagnosticsTable,
  escapeHtml,
  separatorVerdict,
  type DiagnosticsReport,
} from '../../src/core/diagnostics';
import { diagnosticsMessages as dm } from '../../src/core/messages/diagnostics';

const OWNER = 'chu.tep@example.com';
const COLLEAGUE = 'dong.nghiep@example.com';
const STAFF = 'can.bo@example.com';

describe('classifyProtection', () => {
  it('a fresh protection that mirrors a shared file blocks nobody; after the change only owner and runner stay', () => {
    expect(
      classifyProtection({
        owner: OWNER,
        spreadsheetEditors: [OWNER, COLLEAGUE, STAFF],
        fresh: [STAFF, OWNER.toUpperCase(), COLLEAGUE],
        afterChange: [OWNER],
      })
    ).toEqual({
      freshBlocksNobody: true,
      freshEditors: 'spreadsheet-editors',
      afterChangeEditors: 'owner-and-runner',
      spreadsheetEditorCount: 3,
      freshEditorCount: 3,
      afterChangeEditorCount: 1,
      runnerIsOwner: true,
    });
  });

  it('a fresh protection already limited to the owner and the runner blocks the others', () => {
    const report = classifyProtection({
      owner: OWNER,
      spreadsheetEditors: [OWNER, COLLEAGUE, STAFF],
      fresh: [OWNER, COLLEAGUE],
      afterChange: [COLLEAGUE, OWNER],
    });
    expect(report).toMatchObject({
      freshBlocksNobody: false,
      freshEditors: 'owner-and-runner',
      afterChangeEditors: 'owner-and-runner',
      runnerIsOwner: false,
    });
  });

  it('cannot tell the readings apart in a file nobody else can edit', () => {
    expect(
      classifyProtection({ owner: OWNER, spreadsheetEditors: [OWNER], fresh: [OWNER], afterChange: [OWNER] })
    ).toMatchObject({
      freshBlocksNobody: true,
      freshEditors: 'indistinguishable',
      afterChangeEditors: 'indistinguishable',
    });
  });

  it('calls anything else "other", such as a change that removed nobody', () => {
    expect(
      classifyProtection({
        owner: OWNER,
        spreadsheetEditors: [OWNER, COLLEAGUE, STAFF],
        fresh: [OWNER, STAFF],
        afterChange: [OWNER, COLLEAGUE, STAFF],
      })
    ).toMatchObject({
      freshEditors: 'other',
      afterChangeEditors: 'spreadsheet-editors',
      freshBlocksNobody: false,
    });
  });
});

describe('the report as shown', () => {
  it('reads a separator as working only when the formula gave its result', () => {
    expect(separatorVerdict('ok')).toBe('ok');
    expect(separatorVerdict('#ERROR!')).toBe('error');
    expect(separatorVerdict('=IF(1>0,"ok","no")')).toBe('error');
    expect(separatorVerdict('')).toBe('error');
  });

  it('says which probes did not run, and escapes HTML', () => {
    const report: DiagnosticsReport = {
      schema: 1,
      source: 'test',
      recordedAt: '2026-12-01T00:00:00.000Z',
      locale: 'vi_VN',
      spreadsheetTimeZone: 'Asia/Ho_Chi_Minh',
      scriptTimeZone: 'Asia/Ho_Chi_Minh',
      separators: null,
      protection: null,
      metadataFindsRenamedSheet: null,
      documentLock: false,
      timingsMs: { insertSheet: 1234 },
      failures: { scratchSheet: 'quota' },
    };
    const rows = new Map(diagnosticsTable(report));
    expect(rows.get(dm.rows.comma)).toBe(dm.notRun);
    expect(rows.get(dm.rows.metadata)).toBe(dm.notRun);
    expect(rows.get(dm.rows.documentLock)).toBe(dm.doesNotWork);
    expect(rows.get(dm.rows.insertSheet)).toBe('1,2 giây');
    // Google's text of a failure is for the administrator: in the copy-and-send block, not the table.
    expect(rows.get(dm.rows.scratchSheet)).toBe(dm.failed);
    expect([...rows.values()].join(' ')).not.toContain('quota');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
