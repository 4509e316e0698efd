// The webmail origins as the options page shows and edits them: each with where it comes from
// (managed, added on this PC, or the loopback default), and adding or removing this PC's own.
// What is guarded is read in one place, utils/browser/webmail/origins.ts.
import { DEFAULT_WEBMAIL_ORIGINS, originPattern, patternOrigin } from '../../core/managed/origins.ts';
import { modeOf, readManaged } from './managed.ts';
import { webmailOriginsItem } from './items.ts';

export interface OriginRow {
  origin: string;
  pattern: string;
  source: 'managed' | 'local' | 'default';
}

/** Every guarded origin with where it comes from (managed first), for the options page. */
export async function readWebmailOrigins(): Promise<OriginRow[]> {
  const [managed, local] = await Promise.all([readManaged(), webmailOriginsItem.getValue()]);
  const rows: OriginRow[] = [];
  const seen = new Set<string>();
  const add = (origin: string, source: OriginRow['source']) => {
    const pattern = originPattern(origin);
    if (!pattern || seen.has(pattern)) return;
    seen.add(pattern);
    rows.push({ origin: patternOrigin(pattern), pattern, source });
  };
  for (const o of managed.config.webmailOrigins ?? []) add(o, 'managed');
  for (const o of local) add(o, 'local');
  if (rows.length === 0) for (const o of DEFAULT_WEBMAIL_ORIGINS) add(o, 'default');
  return rows;
}

export type OriginChange = { ok: true; pattern: string } | { ok: false; error: 'invalid' | 'staff-mode' };

/** Adds an origin on this PC (admin mode only: more origins only ever guard more, but staff edit nothing). */
export async function addLocalOrigin(origin: string): Promise<OriginChange> {
  const pattern = originPattern(origin);
  if (!pattern) return { ok: false, error: 'invalid' };
  if (modeOf((await readManaged()).config) === 'staff') return { ok: false, error: 'staff-mode' };
  const local = await webmailOriginsItem.getValue();
  if (!local.some((o) => originPattern(o) === pattern)) await webmailOriginsItem.setValue([...local, patternOrigin(pattern)]);
  return { ok: true, pattern };
}

/** Removes an origin this PC added (managed ones stay: they are not this PC's to remove). */
export async function removeLocalOrigin(origin: string): Promise<OriginChange> {
  const pattern = originPattern(origin);
  if (!pattern) return { ok: false, error: 'invalid' };
  if (modeOf((await readManaged()).config) === 'staff') return { ok: false, error: 'staff-mode' };
  const local = await webmailOriginsItem.getValue();
  await webmailOriginsItem.setValue(local.filter((o) => originPattern(o) !== pattern));
  return { ok: true, pattern };
}
