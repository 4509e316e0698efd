// What staff do from the popup and the options page (utils/browser/records/actions.ts), against
// the real stores on an in-memory IndexedDB: each change stored, audited once, the chain intact,
// and the engine's view of the records changed accordingly.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createRecordsStore } from '../../../../utils/browser/storage/records-store.ts';
import { createAuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import {
  deleteClientData,
  fileHash,
  inzageExport,
  noteOralReport,
  recordApproval,
  recordHealthConsent,
  removeAddition,
  tickFollowUp,
  withdrawHealthConsent,
  type ActionDeps,
} from '../../../../utils/browser/records/actions.ts';
import { FollowUpSchema } from '../../../../utils/core/records/follow-ups.ts';
import { canonicalJson } from '../../../../utils/core/audit/canonical.ts';
import { RECORDS_RAW, hashOf } from '../../../helpers/engine.ts';

const NOW = new Date('2026-11-25T12:00:00Z');

async function setup() {
  const target = { factory: new IDBFactory(), name: 'test' };
  const store = createRecordsStore(target);
  const audit = createAuditStore(target);
  await store.setBase('imported', { data: RECORDS_RAW, fileName: 'records.json', sha256: 'ab'.repeat(32), loadedAt: '2026-11-01T10:00:00.000Z' });
  let n = 0;
  const deps: ActionDeps = { store, audit, now: () => NOW, newId: () => `id-${++n}`, by: 'a.jansen@focus-nederland.nl' };
  return { store, audit, deps };
}

const awaiting = (o: Record<string, unknown> = {}) =>
  FollowUpSchema.parse({ id: 'f-1', clientId: 'C-2001', kind: 'await-approval', createdAt: '2026-11-20T10:00:00Z', documents: [{ sha256: hashOf('v3'), name: 'rapport-v3.pdf' }], ...o });

describe('records actions', () => {
  it('fileHash is the SHA-256 of the bytes as dropped', async () => {
    expect(await fileHash(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('recording an approval stores it, makes the engine see it, closes the matching await-approval task and audits both', async () => {
    const { store, audit, deps } = await setup();
    await store.putFollowUp(awaiting());
    await store.putFollowUp(awaiting({ id: 'f-other', documents: [{ sha256: hashOf('other'), name: 'ander.pdf' }] }));
    const a = await recordApproval(deps, { clientId: 'c2001', documentSha256: hashOf('v3'), documentName: 'rapport-v3.pdf', method: 'email', approvedAt: '2026-11-24T09:00:00.000Z' });
    expect(a).toMatchObject({ type: 'approval', clientId: 'C-2001', recordedBy: 'a.jansen@focus-nederland.nl' });
    const eff = await store.effective(false);
    expect(eff.records!.clients.find((c) => c.id === 'C-2001')!.approvals.map((x) => x.documentSha256)).toEqual([hashOf('v3')]);
    const open = (await store.followUps()).filter((f) => f.doneAt === null).map((f) => f.id);
    expect(open).toEqual(['f-other']);
    const entries = await audit.all();
    expect(entries.map((e) => e.data.action)).toEqual(['approval-recorded', 'follow-up-done']);
    expect(entries[0]!.data).toMatchObject({ client: 'C-2001', documentSha256: hashOf('v3'), method: 'email' });
    // No file names in the audit log.
    expect(canonicalJson(entries)).not.toContain('rapport-v3.pdf');
    expect((await audit.verify()).ok).toBe(true);
  });

  it('health consent with evidence, then withdrawal: the merged record follows, each audited without the file name', async () => {
    const { store, audit, deps } = await setup();
    await recordHealthConsent(deps, { clientId: 'C-2001', evidenceSha256: hashOf('scan'), evidenceName: 'toestemming-visser.pdf', givenAt: '2026-11-10T12:00:00.000Z', scope: 'medische gegevens bedrijfsarts' });
    let c = (await store.effective(false)).records!.clients.find((x) => x.id === 'C-2001')!;
    expect(c.healthConsent).toMatchObject({ written: true, withdrawnAt: null, evidenceSha256: hashOf('scan'), scope: 'medische gegevens bedrijfsarts' });
    await withdrawHealthConsent(deps, { clientId: 'C-2001', withdrawnAt: '2026-11-24T12:00:00.000Z' });
    c = (await store.effective(false)).records!.clients.find((x) => x.id === 'C-2001')!;
    expect(c.healthConsent).toMatchObject({ withdrawnAt: '2026-11-24T12:00:00.000Z' });
    const entries = await audit.all();
    expect(entries.map((e) => e.data.action)).toEqual(['health-consent-recorded', 'health-consent-withdrawn']);
    expect(entries[0]!.data.evidenceSha256).toBe(hashOf('scan'));
    expect(canonicalJson(entries)).not.toContain('toestemming-visser');
  });

  it('ticking off: done once, with who and when; a second tick or an unknown id changes nothing', async () => {
    const { store, audit, deps } = await setup();
    await store.putFollowUp(FollowUpSchema.parse({ id: 'f-2', clientId: 'C-1042', kind: 'inform-progress', createdAt: '2026-11-20T10:00:00Z' }));
    const done = await tickFollowUp(deps, 'f-2', '  telefonisch gemeld  ');
    expect(done).toMatchObject({ doneAt: NOW.toISOString(), doneBy: 'a.jansen@focus-nederland.nl', note: 'telefonisch gemeld' });
    expect(await tickFollowUp(deps, 'f-2')).toBeNull();
    expect(await tickFollowUp(deps, 'nope')).toBeNull();
    const entries = await audit.all();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toMatchObject({ action: 'follow-up-done', followUp: 'f-2', kind: 'inform-progress', client: 'C-1042' });
    // The note is the dossier's, not the audit log's.
    expect(canonicalJson(entries)).not.toContain('telefonisch');
  });

  it('an oral report is noted done at once and audited', async () => {
    const { store, audit, deps } = await setup();
    const f = await noteOralReport(deps, { clientId: 'C-1042', note: 'Werkgever gebeld over planning' });
    expect(f).toMatchObject({ kind: 'oral-report', clientId: 'C-1042', doneAt: NOW.toISOString(), note: 'Werkgever gebeld over planning' });
    expect((await store.followUps()).map((x) => x.id)).toEqual([f.id]);
    expect((await audit.all()).map((e) => e.data.action)).toEqual(['oral-report-noted']);
  });

  it('removing an addition recorded by mistake is audited; an unknown id is not', async () => {
    const { store, audit, deps } = await setup();
    const a = await recordApproval(deps, { clientId: 'C-2001', documentSha256: hashOf('v3'), method: 'signed', approvedAt: '2026-11-24T09:00:00.000Z' });
    expect(await removeAddition(deps, a.id)).toBe(true);
    expect(await removeAddition(deps, a.id)).toBe(false);
    expect(await store.additions()).toEqual([]);
    expect((await audit.all()).map((e) => e.data.action)).toEqual(['approval-recorded', 'addition-removed']);
  });

  it('inzage: everything about one client (record, additions, follow-ups, audit lines), and the export itself audited', async () => {
    const { store, deps } = await setup();
    await recordApproval(deps, { clientId: 'C-2001', documentSha256: hashOf('v3'), method: 'email', approvedAt: '2026-11-24T09:00:00.000Z' });
    await recordApproval(deps, { clientId: 'C-1042', documentSha256: hashOf('x'), method: 'email', approvedAt: '2026-11-24T09:00:00.000Z' });
    await noteOralReport(deps, { clientId: 'C-2001', note: 'gebeld' });
    const out = await inzageExport(deps, 'c-2001');
    expect(out.client).toBe('C-2001');
    expect(out.record?.name).toBe('M. Visser');
    expect(out.localAdditions.map((a) => a.clientId)).toEqual(['C-2001']);
    expect(out.followUps.map((f) => f.kind)).toEqual(['oral-report']);
    expect(out.audit.map((e) => e.data.action)).toEqual(['approval-recorded', 'oral-report-noted']);
    const last = (await deps.audit.latest(1))[0]!;
    expect(last.data).toMatchObject({ action: 'inzage-exported', client: 'C-2001', auditEntries: 2 });
    void store;
  });

  it('deletion on request removes what is held about the client and leaves one audit entry with counts only', async () => {
    const { store, audit, deps } = await setup();
    await recordApproval(deps, { clientId: 'C-2001', documentSha256: hashOf('v3'), method: 'email', approvedAt: '2026-11-24T09:00:00.000Z' });
    await noteOralReport(deps, { clientId: 'C-2001', note: 'gebeld' });
    await recordApproval(deps, { clientId: 'C-1042', documentSha256: hashOf('x'), method: 'email', approvedAt: '2026-11-24T09:00:00.000Z' });
    const counts = await deleteClientData(deps, 'C-2001');
    expect(counts).toEqual({ additions: 1, followUps: 1, importedClients: 1 });
    const eff = await store.effective(false);
    expect(eff.records!.clients.map((c) => c.id)).toEqual(['C-1042']);
    expect((await store.additions()).map((a) => a.clientId)).toEqual(['C-1042']);
    expect(await store.followUps()).toEqual([]);
    const entry = (await audit.latest(1))[0]!;
    expect(entry.type).toBe('client-deleted');
    const text = canonicalJson(entry.data);
    expect(text).not.toMatch(/2001|Visser|example\.net/i);
    expect(entry.data).toEqual({ additions: 1, followUps: 1, importedClients: 1, by: 'a.jansen@focus-nederland.nl' });
    expect((await audit.verify()).ok).toBe(true);
  });
});
