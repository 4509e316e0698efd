// Client records as CSV (the form a spreadsheet or a client system's export gives), both ways.
// The form is documented in ./README.md. Parsing is papaparse's (quotes, embedded newlines,
// `,` or `;` as Dutch spreadsheets write it, a BOM); this module only maps columns to contracts
// §3 and says per row what is wrong. All or nothing: one bad row and no records come out, with
// every error named (line and column).
import Papa from 'papaparse';
import type { $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { AddressSchema, RecipientEntrySchema } from '../policy/schema.ts';
import { formatIssue } from '../policy/errors.ts';
import { RecordsSchema, DateTimeSchema, Sha256Schema, type ClientRecord, type Records } from './schema.ts';
import { canonicalId } from './lookup.ts';

/** The columns, in the order an export writes them. `client_id` is the only one required. */
export const CSV_COLUMNS = [
  'client_id',
  'name',
  'email',
  'agreement_recipients',
  'health_written',
  'health_given_at',
  'health_withdrawn_at',
  'health_evidence_sha256',
  'health_scope',
  'profile_explicit',
  'profile_anonymised_only',
  'profile_given_at',
  'approval_sha256',
  'approval_at',
  'approval_method',
  'approval_recorded_by',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const APPROVAL_COLUMNS: readonly Column[] = CSV_COLUMNS.filter((c) => c.startsWith('approval_'));

export interface CsvRowError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  column?: string;
  message: string;
}

export type CsvResult = { ok: true; records: Records; rows: number } | { ok: false; errors: CsvRowError[] };

/** At most this many errors are collected: past it the file is clearly of another form. */
export const MAX_CSV_ERRORS = 200;

const TRUE_WORDS = new Set(['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x']);
const FALSE_WORDS = new Set(['nee', 'n', 'no', 'false', 'onwaar', '0']);

/** One line per error, as the options page and the CLI show them. */
export function formatCsvError(file: string, e: CsvRowError): string {
  return `${file} line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message}`;
}

export function parseRecordsCsv(text: string): CsvResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const errors: CsvRowError[] = [];
  const push = (e: CsvRowError) => {
    if (errors.length < MAX_CSV_ERRORS) errors.push(e);
  };
  // Row by row, counting lines from papaparse's cursor: a quoted field may hold newlines.
  const table: string[][] = [];
  const lines: number[] = [];
  let lineAt = 1;
  let offset = 0;
  Papa.parse<string[]>(source, {
    delimitersToGuess: [',', ';', '\t'],
    step: (result) => {
      const start = lineAt;
      lineAt += countNewlines(source.slice(offset, result.meta.cursor));
      offset = result.meta.cursor;
      if (result.data.every((c) => c.trim() === '')) return;
      for (const e of result.errors) {
        if (e.code === 'UndetectableDelimiter') continue; // one column: taken as comma-separated
        push({ line: start, message: e.message.replace(/\.$/, '') });
      }
      table.push(result.data);
      lines.push(start);
    },
  });
  if (table.length === 0) return { ok: false, errors: [{ line: 1, message: 'empty: expected a header line with client_id' }] };

  const header = table[0]!.map((h) => h.trim().toLowerCase());
  if (!header.includes('client_id')) {
    return { ok: false, errors: [{ line: 1, message: `header: expected a column client_id (columns: ${CSV_COLUMNS.join(', ')})` }] };
  }
  const dup = header.find((h, i) => h !== '' && header.indexOf(h) !== i);
  if (dup) return { ok: false, errors: [{ line: 1, column: dup, message: 'header: this column appears twice' }] };

  const clients: ClientRecord[] = [];
  const byId = new Map<string, { client: ClientRecord; line: number; given: Map<string, string> }>();
  for (let r = 1; r < table.length; r++) {
    const row = table[r]!;
    const line = lines[r]!;
    if (row.length > header.length && row.slice(header.length).some((c) => c.trim() !== '')) {
      push({ line, message: `${row.length} fields where the header has ${header.length}` });
      continue;
    }
    const cell = new Map<string, string>();
    header.forEach((h, i) => {
      if (h) cell.set(h, (row[i] ?? '').trim());
    });
    const rowErrors: CsvRowError[] = [];
    const bad = (column: string, message: string) => rowErrors.push({ line, column, message });

    const id = cell.get('client_id') ?? '';
    if (!id) {
      bad('client_id', 'expected a client id like C-1042, got an empty field');
      rowErrors.forEach(push);
      continue;
    }
    const key = canonicalId(id);
    const seen = byId.get(key);
    const fields = clientFields(cell, bad);
    const approval = approvalFrom(cell, bad);
    if (rowErrors.length) {
      rowErrors.forEach(push);
      continue;
    }
    if (!seen) {
      const client: ClientRecord = { id, approvals: [], ...fields.value };
      clients.push(client);
      byId.set(key, { client, line, given: fields.given });
      if (approval) client.approvals.push(approval);
      continue;
    }
    // A later row of the same client: its client fields must be empty or the same.
    for (const [column, value] of fields.given) {
      const before = seen.given.get(column);
      if (before === undefined) {
        push({ line, column, message: `client fields of ${id} belong on its first line (line ${seen.line}); later lines carry approvals only` });
      } else if (before !== value) {
        push({ line, column, message: `"${value.slice(0, 60)}" differs from line ${seen.line} for ${id} ("${before.slice(0, 60)}"); leave it empty on later lines` });
      }
    }
    if (approval) seen.client.approvals.push(approval);
  }
  if (errors.length) return { ok: false, errors };

  // The whole file once more through the contract's schema (ids unique, every field in form).
  const whole = safeParse(RecordsSchema, { version: 1, clients }, { reportInput: true });
  if (!whole.success) {
    const issue = whole.error.issues[0]!;
    const index = typeof issue.path[1] === 'number' ? issue.path[1] : -1;
    const line = index >= 0 ? (byId.get(canonicalId(clients[index]!.id))?.line ?? 1) : 1;
    return { ok: false, errors: [{ line, message: formatIssue('records', issue).replace(/^records: /, '') }] };
  }
  return { ok: true, records: whole.data, rows: table.length - 1 };
}

function clientFields(cell: Map<string, string>, bad: (column: string, message: string) => void): { value: Partial<ClientRecord>; given: Map<string, string> } {
  const value: Partial<ClientRecord> & Record<string, unknown> = {};
  const given = new Map<string, string>();
  for (const [column, v] of cell) {
    if (v === '' || column === 'client_id' || APPROVAL_COLUMNS.includes(column as Column)) continue;
    given.set(column, v);
  }
  const get = (c: Column) => given.get(c);
  if (get('name') !== undefined) value.name = get('name');
  if (get('email') !== undefined) value.email = check(AddressSchema, get('email')!, 'email', bad);
  if (get('agreement_recipients') !== undefined) {
    const entries = get('agreement_recipients')!.split(/[\s;,]+/).filter(Boolean);
    for (const e of entries) check(RecipientEntrySchema, e, 'agreement_recipients', bad);
    value.reportingAgreement = { recipients: entries };
  }
  const healthGiven = ['health_written', 'health_given_at', 'health_withdrawn_at', 'health_evidence_sha256', 'health_scope'].some((c) => given.has(c));
  if (healthGiven) {
    const written = get('health_written') === undefined ? true : yesNo(get('health_written')!, 'health_written', bad);
    const givenAt = get('health_given_at');
    if (givenAt === undefined) bad('health_given_at', 'expected the date the consent was given (health consent columns are filled)');
    const consent: NonNullable<ClientRecord['healthConsent']> = {
      written: written ?? false,
      givenAt: givenAt === undefined ? '' : dateTime(givenAt, 'health_given_at', bad),
      withdrawnAt: get('health_withdrawn_at') === undefined ? null : dateTime(get('health_withdrawn_at')!, 'health_withdrawn_at', bad),
    };
    if (get('health_evidence_sha256') !== undefined) consent.evidenceSha256 = check(Sha256Schema, get('health_evidence_sha256')!.toLowerCase(), 'health_evidence_sha256', bad);
    if (get('health_scope') !== undefined) consent.scope = get('health_scope');
    value.healthConsent = consent;
  }
  const profileGiven = ['profile_explicit', 'profile_anonymised_only', 'profile_given_at'].some((c) => given.has(c));
  if (profileGiven) {
    const explicit = get('profile_explicit') === undefined ? undefined : yesNo(get('profile_explicit')!, 'profile_explicit', bad);
    if (explicit === undefined && get('profile_explicit') === undefined) bad('profile_explicit', 'expected ja or nee (profile consent columns are filled)');
    const p: NonNullable<ClientRecord['profileConsent']> = { explicit: explicit ?? false };
    if (get('profile_anonymised_only') !== undefined) p.anonymisedOnly = yesNo(get('profile_anonymised_only')!, 'profile_anonymised_only', bad) ?? false;
    if (get('profile_given_at') !== undefined) p.givenAt = dateTime(get('profile_given_at')!, 'profile_given_at', bad);
    value.profileConsent = p;
  }
  // Columns we don't know are kept on the client as text (contracts: unknown fields are kept).
  for (const [column, v] of given) if (!CSV_COLUMNS.includes(column as Column)) value[column] = v;
  return { value, given };
}

function approvalFrom(cell: Map<string, string>, bad: (column: string, message: string) => void): ClientRecord['approvals'][number] | null {
  const sha = cell.get('approval_sha256') ?? '';
  const at = cell.get('approval_at') ?? '';
  const method = cell.get('approval_method') ?? '';
  const by = cell.get('approval_recorded_by') ?? '';
  if (!sha && !at && !method && !by) return null;
  if (!sha) bad('approval_sha256', 'expected the SHA-256 of the approved document (the other approval columns are filled)');
  if (!at) bad('approval_at', 'expected the date of the approval (approval_sha256 is filled)');
  const approval: ClientRecord['approvals'][number] = {
    documentSha256: sha ? check(Sha256Schema, sha.toLowerCase(), 'approval_sha256', bad) : '',
    approvedAt: at ? dateTime(at, 'approval_at', bad) : '',
  };
  if (method) approval.method = method;
  if (by) approval.recordedBy = by;
  return approval;
}

function check<T>(schema: $ZodType<T>, value: string, column: string, bad: (column: string, message: string) => void): T {
  const r = safeParse(schema, value, { reportInput: true });
  if (r.success) return r.data;
  bad(column, formatIssue('x', r.error.issues[0]!).replace(/^x: \(top level\): /, ''));
  return value as T;
}

/** ISO date-time, or a plain date (YYYY-MM-DD, taken as midnight UTC). */
function dateTime(value: string, column: string, bad: (column: string, message: string) => void): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return `${value}T00:00:00Z`;
  const r = safeParse(DateTimeSchema, value);
  if (r.success) return value;
  bad(column, `expected a date like 2026-11-02 or 2026-11-02T10:00:00Z, got "${value.slice(0, 60)}"`);
  return value;
}

function yesNo(value: string, column: string, bad: (column: string, message: string) => void): boolean | undefined {
  const v = value.toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  bad(column, `expected ja or nee, got "${value.slice(0, 60)}"`);
  return undefined;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 10) n++;
    else if (s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** The records as CSV in the documented form: one line per approval, client fields on its first line. */
export function recordsToCsv(records: Records): string {
  const rows: string[][] = [];
  for (const c of records.clients) {
    const clientCells: Record<string, string> = {
      client_id: c.id,
      name: c.name ?? '',
      email: c.email ?? '',
      agreement_recipients: c.reportingAgreement?.recipients.join(' ') ?? '',
      health_written: c.healthConsent ? (c.healthConsent.written ? 'ja' : 'nee') : '',
      health_given_at: c.healthConsent?.givenAt ?? '',
      health_withdrawn_at: c.healthConsent?.withdrawnAt ?? '',
      health_evidence_sha256: c.healthConsent?.evidenceSha256 ?? '',
      health_scope: c.healthConsent?.scope ?? '',
      profile_explicit: c.profileConsent ? (c.profileConsent.explicit ? 'ja' : 'nee') : '',
      profile_anonymised_only: c.profileConsent?.anonymisedOnly === undefined ? '' : c.profileConsent.anonymisedOnly ? 'ja' : 'nee',
      profile_given_at: c.profileConsent?.givenAt ?? '',
    };
    const approvals = c.approvals.length ? c.approvals : [null];
    approvals.forEach((a, i) => {
      const cells = i === 0 ? clientCells : { client_id: c.id };
      rows.push(
        CSV_COLUMNS.map((col) => {
          if (col === 'approval_sha256') return a?.documentSha256 ?? '';
          if (col === 'approval_at') return a?.approvedAt ?? '';
          if (col === 'approval_method') return a?.method ?? '';
          if (col === 'approval_recorded_by') return a?.recordedBy ?? '';
          return (cells as Record<string, string>)[col] ?? '';
        }),
      );
    });
  }
  return Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\n' }) + '\n';
}

