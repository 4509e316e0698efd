// Finding the client a message is about (contracts §4): by the explicit `client` id, else by a
// reference like `C-1042` in the subject or an attachment name.
import type { ClientRecord, Records } from './schema.ts';

/** Client references as staff write them: C-1042, c-1042, C1042 are one reference. */
const REFERENCE = /(?<![A-Za-z0-9])C-?(\d{1,9})(?![0-9])/gi;

export type ClientLookup =
  | { kind: 'found'; client: ClientRecord; via: 'id' | 'reference' }
  | { kind: 'unknown'; reason: 'not-in-records' | 'no-reference' | 'several-references'; references: string[] };

// Index per records object (identity): a records file is loaded once and looked up many times.
const indexes = new WeakMap<Records, Map<string, ClientRecord>>();

function index(records: Records): Map<string, ClientRecord> {
  let map = indexes.get(records);
  if (!map) {
    map = new Map();
    for (const c of records.clients) map.set(canonicalId(c.id), c);
    indexes.set(records, map);
  }
  return map;
}

/** Ids compare case-insensitively and with or without the dash after the C (`c1042` = `C-1042`). */
export function canonicalId(id: string): string {
  const t = id.trim().toUpperCase();
  const m = /^C-?(\d+)$/.exec(t);
  return m ? `C-${m[1]}` : t;
}

export function clientById(records: Records, id: string): ClientRecord | undefined {
  return index(records).get(canonicalId(id));
}

// References per text: the same subject and attachment names are looked at on every
// evaluation while the user is in the dialog. Bounded; cleared wholesale when full.
const referenceCache = new Map<string, readonly string[]>();

function referencesIn(text: string): readonly string[] {
  let refs = referenceCache.get(text);
  if (!refs) {
    const found: string[] = [];
    for (const m of text.matchAll(REFERENCE)) {
      const ref = `C-${m[1]}`;
      if (!found.includes(ref)) found.push(ref);
    }
    refs = found;
    if (referenceCache.size >= 4096) referenceCache.clear();
    referenceCache.set(text, refs);
  }
  return refs;
}

/** Distinct client references (canonical form, first-seen order) in the given texts. */
export function findClientReferences(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    for (const ref of referencesIn(text)) if (!out.includes(ref)) out.push(ref);
  }
  return out;
}

/**
 * The client of a message. An explicit id wins (the user chose it in the dialog); it must exist.
 * Without one, exactly one distinct reference across subject and attachment names must be
 * found and exist in the records; none or several → unknown (fail closed, no guessing).
 */
export function lookupClient(
  records: Records,
  message: { client?: string | null; subject: string; attachmentNames: readonly string[] },
): ClientLookup {
  if (message.client != null && message.client.trim() !== '') {
    const client = clientById(records, message.client);
    return client
      ? { kind: 'found', client, via: 'id' }
      : { kind: 'unknown', reason: 'not-in-records', references: [canonicalId(message.client)] };
  }
  const refs = findClientReferences([message.subject, ...message.attachmentNames]);
  if (refs.length === 0) return { kind: 'unknown', reason: 'no-reference', references: [] };
  if (refs.length > 1) return { kind: 'unknown', reason: 'several-references', references: refs };
  const client = clientById(records, refs[0]!);
  return client
    ? { kind: 'found', client, via: 'reference' }
    : { kind: 'unknown', reason: 'not-in-records', references: refs };
}
