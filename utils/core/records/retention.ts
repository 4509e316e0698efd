// Retention (art. 14): records are kept at most the policy's `retentionMonths` (default 24).
// What "older than" means per kind, decided here once for the store and its tests:
// - an approval: approved before the cutoff;
// - a health consent: withdrawn before the cutoff (the consent and its withdrawal go together);
//   a consent still in force is kept however old it is: it is what the send check relies on,
//   and dropping it would block mail the client agreed to;
// - a profile consent: given before the cutoff and replaced by a later one;
// - a follow-up: done before the cutoff (an open task stays until it is done);
// - audit entries: written before the cutoff (utils/core/audit/chain.ts keeps the log verifiable).
// Records from the client system are that system's to keep; ReportGuard's copy is replaced on
// every fetch, and the local additions on top of it follow the rules above.
import type { ClientRecord, Records } from './schema.ts';
import type { LocalAddition } from './local.ts';
import type { FollowUp } from './follow-ups.ts';
import { canonicalId } from './lookup.ts';

export const DEFAULT_RETENTION_MONTHS = 24;

/** `now` minus `months` calendar months (UTC); the day is clamped to the target month's last. */
export function retentionCutoff(now: Date, months: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return target;
}

const before = (iso: string | null | undefined, cutoffMs: number) => iso != null && Date.parse(iso) < cutoffMs;

/** The ids of local additions past retention. */
export function expiredAdditions(additions: readonly LocalAddition[], cutoff: Date): Set<string> {
  const c = cutoff.getTime();
  const out = new Set<string>();
  const byClient = new Map<string, LocalAddition[]>();
  for (const a of additions) {
    const k = canonicalId(a.clientId);
    byClient.set(k, [...(byClient.get(k) ?? []), a]);
  }
  for (const list of byClient.values()) {
    const withdrawals = list.filter((a) => a.type === 'health-consent-withdrawn');
    const profiles = list.filter((a) => a.type === 'profile-consent');
    for (const a of list) {
      switch (a.type) {
        case 'approval':
          if (before(a.approvedAt, c)) out.add(a.id);
          break;
        case 'health-consent': {
          const given = Date.parse(a.givenAt);
          const ended = withdrawals.find((w) => w.type === 'health-consent-withdrawn' && Date.parse(w.withdrawnAt) >= given && before(w.withdrawnAt, c));
          if (ended) {
            out.add(a.id);
            out.add(ended.id);
          }
          break;
        }
        case 'health-consent-withdrawn':
          // A withdrawal with no consent of ours before it (it ended the client system's consent).
          if (before(a.withdrawnAt, c) && !list.some((x) => x.type === 'health-consent' && Date.parse(x.givenAt) <= Date.parse(a.withdrawnAt))) out.add(a.id);
          break;
        case 'profile-consent':
          if (before(a.givenAt, c) && profiles.some((p) => p !== a && p.type === 'profile-consent' && Date.parse(p.givenAt) > Date.parse(a.givenAt))) out.add(a.id);
          break;
      }
    }
  }
  return out;
}

export function expiredFollowUps(followUps: readonly FollowUp[], cutoff: Date): Set<string> {
  const c = cutoff.getTime();
  return new Set(followUps.filter((f) => before(f.doneAt, c)).map((f) => f.id));
}

/** Imported records without what is past retention, and how much went. */
export function purgeRecords(records: Records, cutoff: Date): { records: Records; approvals: number; consents: number } {
  const c = cutoff.getTime();
  let approvals = 0;
  let consents = 0;
  const clients = records.clients.map((client): ClientRecord => {
    const kept = client.approvals.filter((a) => !before(a.approvedAt, c));
    approvals += client.approvals.length - kept.length;
    let next: ClientRecord = kept.length === client.approvals.length ? client : { ...client, approvals: kept };
    if (client.healthConsent && before(client.healthConsent.withdrawnAt, c)) {
      consents++;
      next = { ...next, healthConsent: null };
    }
    return next;
  });
  return { records: approvals || consents ? { ...records, clients } : records, approvals, consents };
}
