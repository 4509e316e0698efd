// The privacy officer's view of the audit log (issue 12 item 7): entries of one client and/or a
// period, and the log as CSV for a spreadsheet. JSON Lines (jsonl.ts) stays the verifiable form;
// the CSV is for reading (it carries each entry's hash, so a line can be found in the JSONL).
import Papa from 'papaparse';
import { canonicalJson } from './canonical.ts';
import type { AuditEntry } from './types.ts';

export interface AuditFilter {
  /** A client id (C-1042, c1042: the same); entries naming it in `client` or `clientId`. */
  client?: string | null;
  /** Inclusive ISO bounds on `at`. */
  from?: string | null;
  to?: string | null;
}

/** C-1042, c1042 and C1042 are one client (as in records/lookup.ts). */
function canonical(id: string): string {
  const t = id.trim().toUpperCase();
  const m = /^C-?(\d+)$/.exec(t);
  return m ? `C-${m[1]}` : t;
}

/** The client an entry is about, when it names one. */
export function clientOf(entry: AuditEntry): string | null {
  const d = entry.data as { client?: unknown; clientId?: unknown };
  const id = typeof d.client === 'string' ? d.client : typeof d.clientId === 'string' ? d.clientId : null;
  return id ? canonical(id) : null;
}

export function filterEntries(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const client = filter.client?.trim() ? canonical(filter.client) : null;
  const from = filter.from ? Date.parse(filter.from) : Number.NEGATIVE_INFINITY;
  const to = filter.to ? Date.parse(filter.to) : Number.POSITIVE_INFINITY;
  return entries.filter((e) => {
    const at = Date.parse(e.at);
    if (!(at >= from && at <= to)) return false;
    return client === null || clientOf(e) === client;
  });
}

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'type', 'client', 'verdict', 'codes', 'data', 'hash', 'prevHash'] as const;

export function toCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => {
    const d = e.data as { verdict?: unknown; codes?: unknown };
    return [
      String(e.seq),
      e.at,
      e.type,
      clientOf(e) ?? '',
      typeof d.verdict === 'string' ? d.verdict : '',
      Array.isArray(d.codes) ? d.codes.join(' ') : '',
      canonicalJson(e.data),
      e.hash,
      e.prevHash,
    ];
  });
  // escapeFormulae: a value starting with = + - @ can't become a formula in a spreadsheet.
  return Papa.unparse({ fields: [...AUDIT_CSV_COLUMNS], data: rows }, { newline: '\n', escapeFormulae: true }) + '\n';
}
