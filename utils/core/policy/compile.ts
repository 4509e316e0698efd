// Per-policy and per-client data the engine needs on every evaluation, computed once.
// The extension evaluates the same policy object many times (every send, every dialog change),
// so everything derived from it is memoised by object identity (WeakMap: no leak when a new
// policy replaces the old one). Inside the engine the policy is trusted (validated at the edge).
import { compileEntry, normaliseAddress, type ProtectedMatcher } from '../recipients/index.ts';
import type { Policy, Regiokantoor } from './schema.ts';
import type { ClientRecord } from '../records/schema.ts';
import type { AnalysedAttachment } from '../documents/types.ts';

/**
 * A whitelist as sets, for O(1) matching of an already-normalised address. Same semantics as
 * utils/core/recipients matchesEntry (contracts §2): `user@domain` exact address, `domain` that domain
 * only, `*.domain` strict subdomains only. Entries are parsed by the recipients module's own
 * compileEntry, so IDNA/case/trailing-dot handling is shared, not re-implemented; what this adds
 * is matching an address that the engine has already normalised once (no re-normalising per
 * whitelist). A unit test checks it agrees with matchesAny.
 */
export interface CompiledList {
  addresses: ReadonlySet<string>;
  domains: ReadonlySet<string>;
  /** `.domain` for every `*.domain` entry. */
  suffixes: readonly string[];
  /** The entries as written, for lookalike checks and messages. */
  entries: readonly string[];
}

export function compileList(entries: readonly string[]): CompiledList {
  const addresses = new Set<string>();
  const domains = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of entries) {
    const c = compileEntry(entry);
    if (c === null) continue; // the schema rejects these; never matches
    if (c.kind === 'address' && c.address !== null) addresses.add(c.address);
    else if (c.kind === 'domain') domains.add(c.domain);
    else if (c.kind === 'subdomains') suffixes.push('.' + c.domain);
  }
  return { addresses, domains, suffixes, entries };
}

export function listMatches(list: CompiledList, address: string, domain: string): boolean {
  if (list.addresses.has(address) || list.domains.has(domain)) return true;
  for (const s of list.suffixes) if (domain.endsWith(s)) return true;
  return false;
}

export interface CompiledRegio {
  regio: Regiokantoor;
  mailbox: string;
  /** `mailbox` as a one-element set (the common one-regiokantoor case needs no new Set). */
  mailboxSet: ReadonlySet<string>;
  whitelist: CompiledList;
}

export interface CompiledPolicy {
  regios: readonly CompiledRegio[];
  /** Normalised staff or mailbox address → the regiokantoren listing it (policy order). */
  bySender: ReadonlyMap<string, readonly CompiledRegio[]>;
  allMailboxes: ReadonlySet<string>;
  /** Union of all whitelists: used when the sender belongs to no regiokantoor. */
  allWhitelist: CompiledList;
  healthAdjust: { add: string[]; remove: string[] };
  maxAttachmentBytes: number;
  /** Health terms found per analysed attachment (the adjust list is per policy). */
  attachmentTerms: WeakMap<AnalysedAttachment, readonly string[]>;
  /** Health terms found per body text; small and bounded (see boundedSet). */
  bodyTerms: Map<string, readonly string[]>;
  /**
   * Lookalike matcher and per-domain results per protected set (the applicable regiokantoren +
   * the client's address), keyed by regiokantoor ids and client address.
   */
  protectedSets: Map<string, { matcher: ProtectedMatcher; hits: Map<string, { resembles: string; reason: string } | null> }>;
}

const policies = new WeakMap<Policy, CompiledPolicy>();

export function compilePolicy(policy: Policy): CompiledPolicy {
  const cached = policies.get(policy);
  if (cached) return cached;
  const regios: CompiledRegio[] = [];
  const bySender = new Map<string, CompiledRegio[]>();
  const allMailboxes = new Set<string>();
  const allEntries: string[] = [];
  const add = (addr: string, r: CompiledRegio) => {
    const list = bySender.get(addr);
    if (!list) bySender.set(addr, [r]);
    else if (!list.includes(r)) list.push(r);
  };
  for (const regio of policy.regiokantoren) {
    const mailbox = normaliseAddress(regio.mailbox)?.address ?? regio.mailbox.toLowerCase();
    const r: CompiledRegio = { regio, mailbox, mailboxSet: new Set([mailbox]), whitelist: compileList(regio.allowedRecipients) };
    regios.push(r);
    allMailboxes.add(mailbox);
    allEntries.push(...regio.allowedRecipients);
    add(mailbox, r);
    for (const s of regio.staff) {
      const n = normaliseAddress(s);
      if (n) add(n.address, r);
    }
  }
  const compiled: CompiledPolicy = {
    regios,
    bySender,
    allMailboxes,
    allWhitelist: compileList(allEntries),
    healthAdjust: { add: [...(policy.healthTerms?.add ?? [])], remove: [...(policy.healthTerms?.remove ?? [])] },
    // MB as in the contract means MiB (what file managers show as MB).
    maxAttachmentBytes: (policy.maxAttachmentMB ?? 25) * 1024 * 1024,
    attachmentTerms: new WeakMap(),
    bodyTerms: new Map(),
    protectedSets: new Map(),
  };
  policies.set(policy, compiled);
  return compiled;
}

/** Keep memo maps keyed by strings from growing without bound (simple: clear when full). */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max = 2048): V {
  if (map.size >= max) map.clear();
  map.set(key, value);
  return value;
}

export interface CompiledClient {
  record: ClientRecord;
  email: string | null;
  agreement: CompiledList | null;
  /** documentSha256 → earliest approvedAt (ms). */
  approvals: ReadonlyMap<string, number>;
  consent: { written: boolean; givenAt: number; withdrawnAt: number | null } | null;
}

const clients = new WeakMap<ClientRecord, CompiledClient>();

export function compileClient(record: ClientRecord): CompiledClient {
  const cached = clients.get(record);
  if (cached) return cached;
  const approvals = new Map<string, number>();
  for (const a of record.approvals ?? []) {
    const at = Date.parse(a.approvedAt);
    const prev = approvals.get(a.documentSha256);
    if (prev === undefined || at < prev) approvals.set(a.documentSha256, at);
  }
  const hc = record.healthConsent;
  const compiled: CompiledClient = {
    record,
    email: record.email ? (normaliseAddress(record.email)?.address ?? null) : null,
    agreement: record.reportingAgreement ? compileList(record.reportingAgreement.recipients) : null,
    approvals,
    consent: hc
      ? {
          written: hc.written === true,
          givenAt: Date.parse(hc.givenAt),
          withdrawnAt: hc.withdrawnAt ? Date.parse(hc.withdrawnAt) : null,
        }
      : null,
  };
  clients.set(record, compiled);
  return compiled;
}
