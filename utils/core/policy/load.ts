// The edge where policy and records enter: text (a chosen file, managed storage, a fetched URL)
// or already-parsed data (storage) in, a validated value or ONE readable error line out.
// The options page (contracts §6), the background and the CLI all go through these.
import { parseJsonWith, validateWith, type ParseResult } from './errors.ts';
import { PolicySchema, type Policy } from './schema.ts';
import { RecordsSchema, type Records } from '../records/schema.ts';

export type { ParseResult };

export function loadPolicy(text: string, file = 'policy.json'): ParseResult<Policy> {
  return parseJsonWith(file, text, PolicySchema);
}

export function loadRecords(text: string, file = 'records.json'): ParseResult<Records> {
  return parseJsonWith(file, text, RecordsSchema);
}

/** For values read back from storage: validated again, since storage is not trusted blindly. */
export function validatePolicy(data: unknown, file = 'policy.json'): ParseResult<Policy> {
  return validateWith(file, data, PolicySchema);
}

export function validateRecords(data: unknown, file = 'records.json'): ParseResult<Records> {
  return validateWith(file, data, RecordsSchema);
}
