// Dates as staff pick them (<input type=date>, a day on the office's calendar, Europe/Amsterdam:
// utils/core/i18n/time.ts) and as records hold them (ISO).
import { staffDay, staffMoment } from '../../utils/core/i18n/time.ts';

/** YYYY-MM-DD of `d` on the office's calendar. */
export function dateInputValue(d: Date): string {
  return staffDay(d);
}

/**
 * The ISO time for a picked day: today is now (so the send check counts it at once: an approval
 * dated later than now does not count yet), an earlier day is its noon; a later day or nonsense is null.
 */
export function isoFromDateInput(value: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  if (value === dateInputValue(now)) return now.toISOString();
  const t = staffMoment(value, 12);
  if (!t || t.getTime() > now.getTime()) return null;
  return t.toISOString();
}
