// One time-zone rule for every time staff see (issue 12): the office's clock, Europe/Amsterdam,
// whatever zone the browser or the machine is set to — the send dialog, the popup, the options
// page and the days staff pick in a date field all mean the same moment. Formats are cached per
// language and style (the options page formats a time for every audit line it shows).
import type { Lang } from './lang.ts';

export const STAFF_TIME_ZONE = 'Europe/Amsterdam';

export type TimeStyle =
  /** 1 dec 2026 */
  | 'day'
  /** 1 december 2026 */
  | 'day-long'
  /** 1 dec 2026, 18:05 */
  | 'minute'
  /** 1 dec 2026, 18:05:09 */
  | 'second'
  /** 1 december 2026 om 18:05 */
  | 'minute-long';

const STYLES: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  day: { dateStyle: 'medium' },
  'day-long': { day: 'numeric', month: 'long', year: 'numeric' },
  minute: { dateStyle: 'medium', timeStyle: 'short' },
  second: { dateStyle: 'medium', timeStyle: 'medium' },
  'minute-long': { dateStyle: 'long', timeStyle: 'short' },
};

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(lang: Lang, style: TimeStyle): Intl.DateTimeFormat {
  const key = `${lang}/${style}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { ...STYLES[style], timeZone: STAFF_TIME_ZONE })));
  return f;
}

/** A stored time (ISO) as staff read it, on the office's clock; an unreadable time is shown as given. */
export function formatStaffTime(lang: Lang, when: string | Date, style: TimeStyle): string {
  const d = typeof when === 'string' ? new Date(when) : when;
  if (Number.isNaN(d.getTime())) return String(when);
  return formatFor(lang, style).format(d);
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: STAFF_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The office's wall clock at `d`: [year, month, day, hour, minute, second]. */
function wallClock(d: Date): [number, number, number, number, number, number] {
  const p: Record<string, number> = {};
  for (const { type, value } of parts.formatToParts(d)) if (type !== 'literal') p[type] = Number(value);
  return [p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The office zone's offset at a moment (ms): its wall clock read as UTC, minus the moment. */
function offset(t: number): number {
  const [y, m, d, h, mi, s] = wallClock(new Date(t));
  return Date.UTC(y, m - 1, d, h, mi, s) - Math.floor(t / 1000) * 1000;
}

/** YYYY-MM-DD of `d` on the office's calendar (what a date field shows as today). */
export function staffDay(d: Date): string {
  const [y, m, day] = wallClock(d);
  return `${y}-${pad(m)}-${pad(day)}`;
}

/**
 * The moment the office's clock shows `day` (YYYY-MM-DD) at the given time; null for anything
 * that is not a calendar day.
 */
export function staffMoment(day: string, hour = 0, minute = 0, second = 0, ms = 0): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const asUtc = Date.UTC(y, mo - 1, d, hour, minute, second, ms);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  let t = asUtc - offset(asUtc);
  const again = offset(t);
  if (asUtc - again !== t) t = asUtc - again;
  return new Date(t);
}
