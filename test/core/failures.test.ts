/** Google's error texts, explained: each kind of failure a person can meet, and one nobody foresaw. */
import { explainFailure, failureCause, failureMessages as fm } from '../../src/core/messages/failures';

describe('failureCause', () => {
  it.each([
    ['Exceeded maximum execution time', 'timeout'],
    ['Exception: Service Spreadsheets timed out while accessing document with id 1AbC.', 'slow'],
    ['Exception: Service invoked too many times for one day: urlfetch.', 'quota'],
    ['We’re sorry, a server error occurred. Please wait a bit and try again.', 'slow'],
    ['Exception: You do not have permission to call SpreadsheetApp.getUi', 'permission'],
    ['Authorization is required to perform that action.', 'permission'],
    ['Exception: You are trying to edit a protected cell or object.', 'permission'],
    ['NetworkError: Connection failure due to HTTP 0', 'network'],
    ['google.script.run is not available', 'outside'],
    ['TypeError: Cannot read properties of undefined (reading "getRange")', 'unknown'],
  ])('%s → %s', (text, cause) => {
    expect(failureCause(text)).toBe(cause);
  });

  it('explains every kind in Vietnamese, never in Google’s words', () => {
    expect(explainFailure('Exceeded maximum execution time')).toBe(fm.cause.timeout);
    for (const sentence of Object.values(fm.cause)) {
      expect(sentence).not.toMatch(
        /exceeded|execution|timed out|service|quota|permission|network|error|exception/i
      );
    }
  });
});
