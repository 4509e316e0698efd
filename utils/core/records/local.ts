// What staff record in the browser (approvals, written health consent and its withdrawal,
// profile consent), kept apart from the records that come from a file or the client system, and
// merged over them when the policy engine needs the records. A fetch or an import replaces the
// base; it never touches these. Pure: the browser store (utils/browser/storage/records-store.ts)
// keeps them, the CLI can read them from an export.
//
// Decisions:
// - Each addition is one immutable entry with an id; correcting one is withdrawing it (consent)
//   or deleting it (an approval recorded by mistake), both audited by the store.
// - Approvals are a union: base and local, the same document and time once.
// - Consent is the latest fact wins, in the order the facts happened (givenAt for a consent,
//   withdrawnAt for a withdrawal), base and local alike; on a tie a withdrawal wins (fail closed).
//   So a consent recorded locally after the client system's withdrawal counts, and a withdrawal
//   the client system reports later than a local consent counts too.
// - An addition for a client the base does not know stays stored (the client may appear with the
//   next fetch) and is listed as unmatched; it creates no client: the engine cannot check a mail
//   against a client it has no address or agreement for.
import { z } from 'zod';
import { APPROVAL_METHODS, DateTimeSchema, Sha256Schema, type ClientRecord, type HealthConsent, type Records } from './schema.ts';
import { canonicalId } from './lookup.ts';

const base = {
  id: z.string().min(1).max(100),
  clientId: z.string().trim().min(1).max(100),
  /** When it was recorded (not when the client approved or consented). */
  recordedAt: DateTimeSchema,
  /** The staff member's address, as the webmail or the options page knew it. */
  recordedBy: z.string().max(320).optional(),
};

export const LocalApprovalSchema = z.object({
  ...base,
  type: z.literal('approval'),
  documentSha256: Sha256Schema,
  approvedAt: DateTimeSchema,
  method: z.enum(APPROVAL_METHODS),
  /** The file name as staff saw it, to tell versions apart in the dialog and the popup. */
  documentName: z.string().max(300).optional(),
});

export const LocalHealthConsentSchema = z.object({
  ...base,
  type: z.literal('health-consent'),
  givenAt: DateTimeSchema,
  /** SHA-256 of the signed consent as dropped (the file itself is not kept unless the policy says so). */
  evidenceSha256: Sha256Schema,
  evidenceName: z.string().max(300).optional(),
  scope: z.string().trim().min(1).max(500),
});

export const LocalHealthWithdrawalSchema = z.object({
  ...base,
  type: z.literal('health-consent-withdrawn'),
  withdrawnAt: DateTimeSchema,
});

export const LocalProfileConsentSchema = z.object({
  ...base,
  type: z.literal('profile-consent'),
  givenAt: DateTimeSchema,
  explicit: z.boolean(),
  anonymisedOnly: z.boolean(),
});

export const LocalAdditionSchema = z.discriminatedUnion('type', [
  LocalApprovalSchema,
  LocalHealthConsentSchema,
  LocalHealthWithdrawalSchema,
  LocalProfileConsentSchema,
]);

export type LocalAddition = z.output<typeof LocalAdditionSchema>;
export type LocalApproval = z.output<typeof LocalApprovalSchema>;
export type LocalAdditionType = LocalAddition['type'];

export interface Merged {
  records: Records;
  /** Additions whose client is not in the base (kept, not applied). */
  unmatched: LocalAddition[];
}

type Fact = { at: number; kind: 'grant'; consent: HealthConsent } | { at: number; kind: 'withdraw'; withdrawnAt: string };

/** The base records with the local additions applied (see the decisions above). Never mutates its inputs. */
export function mergeRecords(baseRecords: Records, additions: readonly LocalAddition[]): Merged {
  const byClient = new Map<string, LocalAddition[]>();
  for (const a of additions) {
    const key = canonicalId(a.clientId);
    let list = byClient.get(key);
    if (!list) byClient.set(key, (list = []));
    list.push(a);
  }
  const known = new Set<string>();
  const clients = baseRecords.clients.map((client) => {
    const key = canonicalId(client.id);
    known.add(key);
    const mine = byClient.get(key);
    return mine ? applyTo(client, mine) : client;
  });
  const unmatched = additions.filter((a) => !known.has(canonicalId(a.clientId)));
  return { records: { ...baseRecords, clients }, unmatched };
}

function applyTo(client: ClientRecord, additions: readonly LocalAddition[]): ClientRecord {
  const out: ClientRecord = { ...client, approvals: [...client.approvals] };
  const seen = new Set(out.approvals.map((a) => `${a.documentSha256} ${Date.parse(a.approvedAt)}`));
  const facts: Fact[] = [];
  const hc = client.healthConsent;
  if (hc) {
    if (hc.written) facts.push({ at: Date.parse(hc.givenAt), kind: 'grant', consent: { ...hc, withdrawnAt: null } });
    if (hc.withdrawnAt) facts.push({ at: Date.parse(hc.withdrawnAt), kind: 'withdraw', withdrawnAt: hc.withdrawnAt });
  }
  let profile = client.profileConsent ?? null;
  let profileAt = profile?.givenAt ? Date.parse(profile.givenAt) : Number.NEGATIVE_INFINITY;

  for (const a of additions.toSorted((x, y) => Date.parse(x.recordedAt) - Date.parse(y.recordedAt))) {
    switch (a.type) {
      case 'approval': {
        const key = `${a.documentSha256} ${Date.parse(a.approvedAt)}`;
        if (seen.has(key)) break;
        seen.add(key);
        const approval: ClientRecord['approvals'][number] = { documentSha256: a.documentSha256, approvedAt: a.approvedAt, method: a.method };
        if (a.recordedBy) approval.recordedBy = a.recordedBy;
        if (a.documentName) approval.documentName = a.documentName;
        out.approvals.push(approval);
        break;
      }
      case 'health-consent':
        facts.push({
          at: Date.parse(a.givenAt),
          kind: 'grant',
          consent: { written: true, givenAt: a.givenAt, withdrawnAt: null, evidenceSha256: a.evidenceSha256, scope: a.scope },
        });
        break;
      case 'health-consent-withdrawn':
        facts.push({ at: Date.parse(a.withdrawnAt), kind: 'withdraw', withdrawnAt: a.withdrawnAt });
        break;
      case 'profile-consent': {
        const at = Date.parse(a.givenAt);
        if (at >= profileAt) {
          profile = { explicit: a.explicit, anonymisedOnly: a.anonymisedOnly, givenAt: a.givenAt };
          profileAt = at;
        }
        break;
      }
    }
  }
  if (facts.length > 0) {
    // Stable sort by time; on a tie the withdrawal goes last, so it wins.
    facts.sort((x, y) => x.at - y.at || (x.kind === y.kind ? 0 : x.kind === 'withdraw' ? 1 : -1));
    let current = null as HealthConsent | null;
    for (const f of facts) {
      if (f.kind === 'grant') current = { ...f.consent };
      else if (current) current = { ...current, withdrawnAt: f.withdrawnAt };
    }
    out.healthConsent = current;
  }
  if (profile !== (client.profileConsent ?? null)) out.profileConsent = profile;
  return out;
}

/** The approvals of a client (merged) for one document hash, newest first. */
export function approvalsFor(client: ClientRecord, sha256: string): ClientRecord['approvals'] {
  return client.approvals.filter((a) => a.documentSha256 === sha256).toSorted((a, b) => Date.parse(b.approvedAt) - Date.parse(a.approvedAt));
}
