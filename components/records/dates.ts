// Dates as staff pick them (<input type=date>, local calendar day) and as records hold them (ISO).

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of `d` in the browser's time zone. */
export function dateInputValue(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The ISO time for a picked day: today is now (so the send check counts it at once: an approval
 * dated later than now does not count yet), an earlier day is its noon; a later day or nonsense is null.
 */
export function isoFromDateInput(value: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  if (value === dateInputValue(now)) return now.toISOString();
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(y, m - 1, d, 12, 0, 0);
  if (Number.isNaN(t.getTime()) || t.getTime() > now.getTime()) return null;
  return t.toISOString();
}
