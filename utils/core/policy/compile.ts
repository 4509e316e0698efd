// What the engine derives once per policy and once per client record, not on every evaluation.
// The extension evaluates the same policy object many times (every send, every dialog change),
// so this is memoised by object identity (WeakMap: no leak when a new policy replaces the old
// one). Inside the engine the policy is trusted (validated at the edge).
//
// Whitelists and reporting agreements are compiled by the recipients module (compileWhitelist):
// one matcher, the same semantics as matchesAny (contracts §2), asked with addresses the engine
// has normalised once.
import { compileWhitelist, normaliseAddress, type Whitelist } from '../recipients/index.ts';
import type { Policy, Regiokantoor } from './schema.ts';
import type { ClientRecord } from '../records/schema.ts';

export interface CompiledRegio {
  regio: Regiokantoor;
  mailbox: string;
  /** `mailbox` as a one-element set (the common one-regiokantoor case needs no new Set). */
  mailboxSet: ReadonlySet<string>;
  whitelist: Whitelist;
}

export interface CompiledPolicy {
  regios: readonly CompiledRegio[];
  /** Normalised staff or mailbox address → the regiokantoren listing it (policy order). */
  bySender: ReadonlyMap<string, readonly CompiledRegio[]>;
  allMailboxes: ReadonlySet<string>;
  /** Union of all whitelists: used when the sender belongs to no regiokantoor. */
  allWhitelist: Whitelist;
  maxAttachmentBytes: number;
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
    const r: CompiledRegio = { regio, mailbox, mailboxSet: new Set([mailbox]), whitelist: compileWhitelist(regio.allowedRecipients) };
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
    allWhitelist: compileWhitelist(allEntries),
    // MB as in the contract means MiB (what file managers show as MB).
    maxAttachmentBytes: (policy.maxAttachmentMB ?? 25) * 1024 * 1024,
  };
  policies.set(policy, compiled);
  return compiled;
}

export interface CompiledClient {
  record: ClientRecord;
  email: string | null;
  agreement: Whitelist | null;
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
    agreement: record.reportingAgreement ? compileWhitelist(record.reportingAgreement.recipients) : null,
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

/** Keep memo maps keyed by strings from growing without bound (simple: clear when full). */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max = 2048): V {
  if (map.size >= max) map.clear();
  map.set(key, value);
  return value;
}
