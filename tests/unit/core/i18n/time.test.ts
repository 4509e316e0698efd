import { describe, expect, it } from 'vitest';
import { formatStaffTime, staffDay, staffMoment, STAFF_TIME_ZONE } from '../../../../utils/core/i18n/time.ts';
import { dateInputValue, isoFromDateInput } from '../../../../components/records/dates.ts';

// The tests run in whatever zone the machine has; these moments are chosen so that a local-time
// formatter would show another day or hour than the office's clock in most zones.
describe('one time-zone rule for staff: Europe/Amsterdam', () => {
  it('formats in the office zone, winter (UTC+1) and summer (UTC+2), in Dutch and English', () => {
    expect(STAFF_TIME_ZONE).toBe('Europe/Amsterdam');
    expect(formatStaffTime('nl', '2026-12-01T23:30:00Z', 'minute')).toBe('2 dec 2026, 00:30');
    expect(formatStaffTime('en', '2026-12-01T23:30:00Z', 'minute')).toBe('2 Dec 2026, 00:30');
    expect(formatStaffTime('nl', '2026-07-01T22:15:09Z', 'second')).toBe('2 jul 2026, 00:15:09');
    expect(formatStaffTime('nl', '2026-11-30T23:10:00Z', 'day-long')).toBe('1 december 2026');
    expect(formatStaffTime('en', '2026-11-30T23:10:00Z', 'day')).toBe('1 Dec 2026');
  });

  it('shows an unreadable time as given instead of throwing', () => {
    expect(formatStaffTime('nl', 'gisteren', 'minute')).toBe('gisteren');
  });

  it('the office calendar day of a moment, across midnight UTC', () => {
    expect(staffDay(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
    expect(staffDay(new Date('2026-12-01T22:59:59Z'))).toBe('2026-12-01');
    expect(staffDay(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('the moment the office clock shows a day and time, on both sides of a DST change', () => {
    expect(staffMoment('2026-12-01')!.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(staffMoment('2026-12-01', 23, 59, 59, 999)!.toISOString()).toBe('2026-12-01T22:59:59.999Z');
    expect(staffMoment('2026-07-01', 12)!.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    // 29 March 2026: clocks go from 02:00 to 03:00; midnight and noon are unambiguous.
    expect(staffMoment('2026-03-29')!.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(staffMoment('2026-03-29', 12)!.toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(staffMoment('2026-10-25', 23, 59, 59, 999)!.toISOString()).toBe('2026-10-25T22:59:59.999Z');
    expect(staffMoment('2026-02-30')).toBeNull();
    expect(staffMoment('1-12-2026')).toBeNull();
  });

  it('date fields: today is the office day, a picked earlier day is its noon in Amsterdam, a later day is refused', () => {
    const now = new Date('2026-12-01T23:30:00Z'); // 2 December, 00:30 in Amsterdam
    expect(dateInputValue(now)).toBe('2026-12-02');
    expect(isoFromDateInput('2026-12-02', now)).toBe(now.toISOString());
    expect(isoFromDateInput('2026-12-01', now)).toBe('2026-12-01T11:00:00.000Z');
    expect(isoFromDateInput('2026-12-03', now)).toBeNull();
    expect(isoFromDateInput('morgen', now)).toBeNull();
  });
});
