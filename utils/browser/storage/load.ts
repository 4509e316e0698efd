// Loading policy.json / records.json (contracts §6): validate, then store only when valid, so a
// bad file never replaces a good one. Errors are one line naming the file, the field path and
// what was expected (utils/core/policy/errors.ts turns zod issues into those words).

import type { z } from 'zod';
import { PolicySchema, type Policy } from '../../core/policy/schema.ts';
import { RecordsSchema, type Records } from '../../core/records/schema.ts';
import { parseJsonWith, validateWith } from '../../core/policy/errors.ts';
import { sha256Hex } from '../../core/documents/hash.ts';
import { policyItem, recordsItem, type StoredFile } from './items.ts';
import { oneLine } from '../../core/errors.ts';

/** Larger than any real policy or client list, small enough not to stall the options page. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface PolicySummary {
  organisation: string;
  regiokantoren: number;
  fileName: string;
  sha256: string;
  loadedAt: string;
}

export interface RecordsSummary {
  clients: number;
  fileName: string;
  sha256: string;
  loadedAt: string;
}

export type LoadResult<S> = { ok: true; summary: S } | { ok: false; error: string };

export async function loadPolicyFile(text: string, fileName: string, now: Date = new Date()): Promise<LoadResult<PolicySummary>> {
  const stored = await validateAndStore<Policy>(text, fileName, now, PolicySchema, (v) => policyItem.setValue(v));
  if (!stored.ok) return stored;
  return { ok: true, summary: summarisePolicy(stored.value, stored.file) };
}

export async function loadRecordsFile(text: string, fileName: string, now: Date = new Date()): Promise<LoadResult<RecordsSummary>> {
  const stored = await validateAndStore<Records>(text, fileName, now, RecordsSchema, (v) => recordsItem.setValue(v));
  if (!stored.ok) return stored;
  return { ok: true, summary: summariseRecords(stored.value, stored.file) };
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

export function readPolicy(): Promise<Loaded<Policy, PolicySummary>> {
  return readBack(policyItem, PolicySchema, summarisePolicy);
}

export function readRecords(): Promise<Loaded<Records, RecordsSummary>> {
  return readBack(recordsItem, RecordsSchema, summariseRecords);
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
