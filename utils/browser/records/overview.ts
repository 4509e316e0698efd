// What the popup and the options page show at a glance (issue 12 item 6): the policy in force and
// where it comes from, the records' source and age, the last verdicts, the open follow-ups and
// the clients to choose from. Read from storage each time (nothing cached in a page).
import type { FollowUp } from '../../core/records/follow-ups.ts';
import { copyAge } from '../../core/records/remote.ts';
import type { AuditStore } from '../storage/audit-store.ts';
import type { RecordsStore } from '../storage/records-store.ts';
import { readRecords } from '../storage/load.ts';
import { readPolicyState, summarise } from '../storage/effective-policy.ts';

export interface Overview {
  policy: { organisation: string; version: number; source: string; maxAgeHours: number | null } | null;
  /** The managed policy URL's last fetch was refused (the last good policy stays): one line, else null. */
  policyRefused: string | null;
  records: { clients: number; source: 'imported' | 'remote'; name: string; updatedAt: string; stale: boolean; error: string | null } | null;
  verdicts: { at: string; verdict: string; client: string | null; codes: string[] }[];
  followUps: FollowUp[];
  clients: { id: string; name: string }[];
}

export async function readOverview(store: RecordsStore, audit: AuditStore, now: Date): Promise<Overview> {
  const [policy, records, remoteStatus, latest, followUps] = await Promise.all([readPolicyState(), readRecords(store), store.getRemoteStatus(), audit.latest(200), store.followUps()]);
  const p = policy.effective.state === 'loaded' ? policy.effective.policy : null;
  const url = policy.managed.config.policyUrl;
  const refused = url !== undefined && policy.fetch && policy.fetch.url === url && !policy.fetch.ok ? (policy.fetch.error ?? null) : null;
  const maxAgeHours = p?.recordsSource?.maxAgeHours ?? null;
  let recordsView: Overview['records'] = null;
  if (records.state === 'loaded') {
    const s = records.summary;
    const source = s.source ?? 'imported';
    recordsView = {
      clients: s.clients,
      source,
      name: s.fileName,
      updatedAt: s.loadedAt,
      stale: maxAgeHours !== null && (source !== 'remote' || copyAge(s.loadedAt, now, maxAgeHours).tooOld),
      error: remoteStatus && !remoteStatus.ok ? (remoteStatus.error ?? null) : null,
    };
  }
  return {
    policy: p ? { organisation: p.organisation, version: p.version, source: summarise(policy).fileName, maxAgeHours } : null,
    policyRefused: refused,
    records: recordsView,
    verdicts: latest
      .filter((e) => e.type === 'verdict')
      .slice(0, 5)
      .map((e) => ({
        at: e.at,
        verdict: String(e.data.verdict ?? ''),
        client: typeof e.data.client === 'string' ? e.data.client : null,
        codes: Array.isArray(e.data.codes) ? e.data.codes.map(String) : [],
      })),
    followUps: followUps.filter((f) => f.doneAt === null),
    clients: records.state === 'loaded' ? records.value.clients.map((c) => ({ id: c.id, name: c.name ?? '' })) : [],
  };
}
