/**
 * Lock, Properties, Session and Utilities: the document lock two people's runs share, the document
 * properties and Google's limits on them, the acting user's temporary key, and dates in a time zone.
 */
import { createServices, Workbook } from '../../src/stand-in';
import { EDITOR, office, OWNER, refusal } from './people';

describe('the document lock', () => {
  it('the clerk’s run holds it and the colleague’s run is refused until it is released', () => {
    const { workbook, as } = office();
    const clerkRun = createServices(workbook).LockService.getDocumentLock()!;
    const colleagueRun = as(EDITOR, () => createServices(workbook).LockService.getDocumentLock()!);
    expect(clerkRun.tryLock(30_000)).toBe(true);
    expect(as(EDITOR, () => colleagueRun.tryLock(30_000))).toBe(false);
    expect(colleagueRun.hasLock()).toBe(false);
    // Releasing a lock one does not hold frees nothing.
    colleagueRun.releaseLock();
    expect(clerkRun.hasLock()).toBe(true);
    clerkRun.releaseLock();
    expect(as(EDITOR, () => colleagueRun.tryLock(1))).toBe(true);
  });
});

describe('document properties', () => {
  const store = () => createServices(new Workbook()).PropertiesService.getDocumentProperties()!;

  it('refuse a value over 9 kB, counted in UTF-8 bytes (Vietnamese letters take three)', () => {
    const props = store();
    props.setProperty('ascii', 'x'.repeat(9 * 1024));
    // 3,100 letters, 9,300 bytes.
    expect(refusal(() => props.setProperty('vi', 'ễ'.repeat(3100)))).toBe('Argument too large: value');
    expect(props.getProperty('vi')).toBeNull();
  });

  it('refuse a store over 500 kB, in Google’s words', () => {
    const props = store();
    for (let i = 0; i < 56; i++) props.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(refusal(() => props.setProperty('k56', 'x'.repeat(9000)))).toBe(
      'You have exceeded the property storage quota.'
    );
    // Replacing a value counts it once.
    expect(refusal(() => props.setProperty('k0', 'y'.repeat(9000)))).toBeNull();
  });

  it('setProperties writes all of them or none', () => {
    const props = store();
    props.setProperty('dot', 'Đợt 4');
    expect(refusal(() => props.setProperties({ dot: 'Đợt 5', big: 'x'.repeat(10_000) }))).toBe(
      'Argument too large: value'
    );
    expect(props.getProperties()).toEqual({ dot: 'Đợt 4' });
    props.setProperties({ dot: 'Đợt 5', han: '15/5/2026' }).deleteProperty('han');
    expect(props.getProperties()).toEqual({ dot: 'Đợt 5' });
  });
});

describe('the session and dates', () => {
  it('the temporary key is stable for a person, differs between people, and reveals no address', () => {
    const { workbook, Session, as } = office();
    const clerk = Session.getTemporaryActiveUserKey();
    expect(Session.getTemporaryActiveUserKey()).toBe(clerk);
    expect(as(OWNER.toUpperCase(), () => Session.getTemporaryActiveUserKey())).toBe(clerk);
    const colleague = as(EDITOR, () => Session.getTemporaryActiveUserKey());
    expect(colleague).not.toBe(clerk);
    expect(`${clerk} ${colleague}`).not.toMatch(/@|van\.thu|ke\.toan/);
    expect(workbook.actingUser).toBe(OWNER);
  });

  it('formatDate takes a date only, and formats in the zone it is given', () => {
    const { Utilities } = office();
    expect(refusal(() => Utilities.formatDate('2026-05-04' as never, 'Asia/Ho_Chi_Minh', 'dd/MM/yyyy'))).toBe(
      'Invalid argument: date'
    );
    const midnightHcm = new Date('2026-05-03T17:00:00Z');
    expect(Utilities.formatDate(midnightHcm, 'Asia/Ho_Chi_Minh', 'dd/MM/yyyy')).toBe('04/05/2026');
    expect(Utilities.formatDate(midnightHcm, 'UTC', 'dd/MM/yyyy')).toBe('03/05/2026');
  });
});
