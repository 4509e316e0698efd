// Loading policy.json / records.json (contracts §6): validate, then store only when valid, so a
// bad file never replaces a good one. Errors are one line naming the file, the field path and
// what was expected (utils/core/policy/errors.ts turns zod issues into those words).

import type { z } from 'zod';
import { PolicySchema, type Policy } from '../../core/policy/schema.ts';
import { RecordsSchema, type Records } from '../../core/records/schema.ts';
import { parseJsonWith, validateWith } from '../../core/policy/errors.ts';
import { sha256Hex } from '../../core/documents/hash.ts';
import { policyEditsItem, policyItem, type StoredFile } from './items.ts';
import type { PolicySource } from '../../core/policy/layers.ts';
import { modeOf, policyIsManaged, readManaged } from './managed.ts';
import { oneLine } from '../../core/errors.ts';
import { parseRecordsCsv, formatCsvError } from '../../core/records/csv.ts';
import { previewImport, type ImportPreview } from '../../core/records/preview.ts';
import { createRecordsStore, type BaseKind, type RecordsStore } from './records-store.ts';

/** Larger than any real policy or client list, small enough not to stall the options page. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface PolicySummary {
  organisation: string;
  regiokantoren: number;
  /** The file name; for a managed policy `managed storage: policy` or the policy URL. */
  fileName: string;
  sha256: string;
  loadedAt: string;
  /** Where the effective policy comes from, its version and how many local edits apply (effective-policy.ts). */
  source?: PolicySource;
  version?: number;
  localEdits?: number;
}

export interface RecordsSummary {
  clients: number;
  /** The file name, or the client system's URL for `remote`. */
  fileName: string;
  sha256: string;
  /** When the base was loaded (imported) or last fetched (remote). */
  loadedAt: string;
  /** Which base the records come from; absent in summaries made before issue 12 (imported). */
  source?: BaseKind;
  /** Approvals and consents recorded in this browser, merged over the base. */
  additions?: number;
}

export type LoadResult<S> = { ok: true; summary: S } | { ok: false; error: string };

/**
 * Loads a local policy file (contracts §6). Refused where the policy is the organisation's: when
 * managed storage provides it, and in staff mode. A new file replaces the local edits made on the
 * previous one (the send check uses what was loaded last).
 */
export async function loadPolicyFile(text: string, fileName: string, now: Date = new Date()): Promise<LoadResult<PolicySummary>> {
  const name = fileName || 'file';
  const managed = await readManaged();
  if (policyIsManaged(managed)) return { ok: false, error: `${name}: not loaded: the policy is managed by your organisation` };
  if (modeOf(managed.config) === 'staff') return { ok: false, error: `${name}: not loaded: this browser is in staff mode` };
  const stored = await validateAndStore<Policy>(text, fileName, now, PolicySchema, async (v) => {
    await policyItem.setValue(v);
    await policyEditsItem.setValue(null);
  });
  if (!stored.ok) return stored;
  return { ok: true, summary: summarisePolicy(stored.value, stored.file) };
}

/** The records store of this context (the default IndexedDB database). */
export function defaultRecordsStore(): RecordsStore {
  return createRecordsStore();
}

/**
 * Loads a records file (contracts §6): JSON (§3), or CSV in the documented form (by its name
 * ending in .csv). Stored at once as the imported base when valid; local additions stay.
 */
export async function loadRecordsFile(
  text: string,
  fileName: string,
  now: Date = new Date(),
  store: RecordsStore = defaultRecordsStore(),
): Promise<LoadResult<RecordsSummary>> {
  const prepared = await prepareRecordsFile(text, fileName, now);
  if (!prepared.ok) return { ok: false, error: prepared.errors[0]! };
  try {
    await store.setBase('imported', prepared.file);
  } catch (e) {
    return { ok: false, error: `${prepared.file.fileName}: could not be stored (${oneLine(e)})` };
  }
  return { ok: true, summary: { ...summariseRecords(prepared.records, prepared.file), source: 'imported' } };
}

export type PreparedRecords =
  | { ok: true; records: Records; file: StoredFile; rows: number }
  | { ok: false; /** One line each; the first is the one to fix first. */ errors: string[] };

/** Parses and validates a records file (JSON or CSV) without storing it; every CSV row error named. */
export async function prepareRecordsFile(text: string, fileName: string, now: Date = new Date()): Promise<PreparedRecords> {
  const name = fileName || 'file';
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, errors: [`${name}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`] };
  let records: Records;
  let data: unknown;
  let rows: number;
  if (/\.csv$/i.test(name)) {
    const csv = parseRecordsCsv(text);
    if (!csv.ok) return { ok: false, errors: csv.errors.map((e) => formatCsvError(name, e)) };
    records = csv.records;
    data = JSON.parse(JSON.stringify(csv.records));
    rows = csv.rows;
  } else {
    const parsed = parseJsonWith(name, text, RecordsSchema);
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    records = parsed.value;
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    rows = records.clients.length;
  }
  return { ok: true, records, rows, file: { data, fileName: name, sha256: await sha256Hex(bytes), loadedAt: now.toISOString() } };
}

/** What importing the file would change, against the imported records held now. */
export async function previewRecordsFile(
  text: string,
  fileName: string,
  store: RecordsStore = defaultRecordsStore(),
): Promise<{ ok: true; preview: ImportPreview } | { ok: false; errors: string[] }> {
  const prepared = await prepareRecordsFile(text, fileName);
  if (!prepared.ok) return prepared;
  const current = await store.getBase('imported');
  const currentRecords = current ? RecordsSchema.safeParse(current.data) : null;
  return { ok: true, preview: previewImport(currentRecords?.success ? currentRecords.data : null, prepared.records) };
}

async function validateAndStore<T>(
  text: string,
  fileName: string,
  now: Date,
  schema: typeof PolicySchema | typeof RecordsSchema,
  store: (value: StoredFile) => Promise<void>,
): Promise<{ ok: true; value: T; file: StoredFile } | { ok: false; error: string }> {
  const name = fileName || 'file';
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, error: `${name}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  const parsed = parseJsonWith(name, text, schema);
  if (!parsed.ok) return parsed;
  const file: StoredFile = {
    data: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
    fileName: name,
    sha256: await sha256Hex(bytes),
    loadedAt: now.toISOString(),
  };
  try {
    await store(file);
  } catch (e) {
    return { ok: false, error: `${name}: could not be stored (${oneLine(e)})` };
  }
  return { ok: true, value: parsed.value as T, file };
}

// ---------------------------------------------------------------- reading back

export type Loaded<T, S> = { state: 'none' } | { state: 'invalid'; error: string } | { state: 'loaded'; value: T; summary: S };

/** The local policy file as stored (the effective policy, managed and edits included: effective-policy.ts). */
export function readPolicyFile(): Promise<Loaded<Policy, PolicySummary>> {
  return readBack(policyItem, PolicySchema, summarisePolicy);
}

/**
 * The records the send check uses: the client system's last good copy when there is one, else
 * the imported file, with the local additions merged over it. Validated on every read.
 */
export async function readRecords(store: RecordsStore = defaultRecordsStore()): Promise<Loaded<Records, RecordsSummary>> {
  const remote = await store.getBase('remote');
  const eff = await store.effective(remote !== null);
  if (eff.invalid) return { state: 'invalid', error: eff.invalid };
  if (!eff.records || !eff.base) return { state: 'none' };
  return {
    state: 'loaded',
    value: eff.records,
    summary: { ...summariseRecords(eff.records, eff.base.copy), source: eff.base.kind, additions: eff.additions },
  };
}

/** What storage holds, validated again (never trusted as stored) and summarised. */
async function readBack<T, S>(
  item: { getValue(): Promise<StoredFile | null> },
  schema: z.ZodType<T>,
  summarise: (value: T, file: StoredFile) => S,
): Promise<Loaded<T, S>> {
  const file = await item.getValue();
  if (!file) return { state: 'none' };
  const r = validateWith(file.fileName, file.data, schema);
  if (!r.ok) return { state: 'invalid', error: r.error };
  return { state: 'loaded', value: r.value, summary: summarise(r.value, file) };
}

function summarisePolicy(policy: Policy, file: StoredFile): PolicySummary {
  return {
    organisation: policy.organisation,
    regiokantoren: policy.regiokantoren.length,
    fileName: file.fileName,
    sha256: file.sha256,
    loadedAt: file.loadedAt,
  };
}

function summariseRecords(records: Records, file: StoredFile): RecordsSummary {
  return { clients: records.clients.length, fileName: file.fileName, sha256: file.sha256, loadedAt: file.loadedAt };
}
