// Policy keepConsentEvidence (issue 12 item 4): the signed consent file itself kept in the records
// store (IndexedDB, database version 5), not only its hash — and only then; retention, the
// removal of the consent, an art. 13 deletion and the inzage export all include it.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createRecordsStore } from '../../../../utils/browser/storage/records-store.ts';
import { createAuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import { openDb, requestResult, STORES } from '../../../../utils/browser/storage/idb.ts';
import { deleteClientData, fileHash, inzageExport, recordHealthConsent, removeAddition, withdrawHealthConsent, type ActionDeps } from '../../../../utils/browser/records/actions.ts';
import { base64ToBytes } from '../../../../utils/core/messaging/base64.ts';
import { RECORDS_RAW } from '../../../helpers/engine.ts';

const SIGNED = new TextEncoder().encode('%PDF-1.7\nToestemming medische gegevens, ondertekend door A. Bakker, 20 november 2026\n%%EOF\n');
const file = (bytes: Uint8Array = SIGNED) => new File([new Uint8Array(bytes)], 'toestemming-bakker.pdf', { type: 'application/pdf' });

async function setup(keep: boolean, now = new Date('2026-11-25T12:00:00Z')) {
  const target = { factory: new IDBFactory(), name: 'test' };
  const store = createRecordsStore(target);
  const audit = createAuditStore(target);
  await store.setBase('imported', { data: RECORDS_RAW, fileName: 'records.json', sha256: 'ab'.repeat(32), loadedAt: '2026-11-01T10:00:00.000Z' });
  let n = 0;
  let clock = now;
  const deps: ActionDeps = { store, audit, now: () => clock, newId: () => `id-${++n}`, keepConsentEvidence: async () => keep };
  return { target, store, audit, deps, setNow: (d: Date) => (clock = d) };
}

async function consent(deps: ActionDeps, o: { givenAt?: string; bytes?: Uint8Array } = {}) {
  const f = file(o.bytes);
  return recordHealthConsent(deps, { clientId: 'C-2001', evidenceSha256: await fileHash(f), evidenceName: f.name, evidenceFile: f, givenAt: o.givenAt ?? '2026-11-20T12:00:00.000Z', scope: 'medische gegevens bedrijfsarts' });
}

describe('database version 5 (consentEvidence)', () => {
  it('upgrades a version-4 database by adding consentEvidence only, keeping the consents recorded before', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const req = factory.open('v4', 4);
      req.addEventListener('upgradeneeded', () => {
        for (const s of ['audit']) req.result.createObjectStore(s, { keyPath: 'seq' });
        for (const s of ['blobs', 'blobMeta', 'analyses', 'forward', 'recordsBase', 'derived']) req.result.createObjectStore(s);
        req.result.createObjectStore('followUps', { keyPath: 'id' });
        req.result.createObjectStore('recordsLocal', { keyPath: 'id' }).add({ id: 'c-1', type: 'health-consent', clientId: 'C-2001', recordedAt: '2026-11-20T10:00:00Z', givenAt: '2026-11-20T09:00:00Z', evidenceSha256: 'ab'.repeat(32), scope: 'bedrijfsarts' });
      });
      req.addEventListener('success', () => (req.result.close(), resolve()));
      req.addEventListener('error', () => reject(req.error));
    });
    const db = await openDb({ factory, name: 'v4' });
    expect(db.version).toBe(5);
    expect([...db.objectStoreNames]).toContain('consentEvidence');
    const store = createRecordsStore({ factory, name: 'v4' });
    expect((await store.additions()).map((a) => a.id)).toEqual(['c-1']);
    expect(await store.evidence()).toEqual([]);
  });
});

describe('consent evidence: the file itself when the policy keeps it', () => {
  it('keepConsentEvidence on: the file is stored byte for byte under its consent, and the audit says so without its name', async () => {
    const { store, audit, deps } = await setup(true);
    const a = await consent(deps);
    const kept = await store.evidence('c2001');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ additionId: a.id, clientId: 'C-2001', sha256: await fileHash(file()), name: 'toestemming-bakker.pdf', type: 'application/pdf', size: SIGNED.length });
    expect([...kept[0]!.bytes]).toEqual([...SIGNED]);
    const entry = (await audit.all()).at(-1)!;
    expect(entry.data).toMatchObject({ action: 'health-consent-recorded', evidenceKept: true });
    expect(JSON.stringify(entry)).not.toContain('toestemming-bakker.pdf');
  });

  it('keepConsentEvidence off (the default): only the hash is kept, no file', async () => {
    const { store, audit, deps } = await setup(false);
    await consent(deps);
    expect(await store.evidence()).toEqual([]);
    expect((await audit.all()).at(-1)!.data).not.toHaveProperty('evidenceKept');
    expect((await store.additions())[0]).toMatchObject({ type: 'health-consent', evidenceSha256: await fileHash(file()) });
  });

  it('a file that is not the one hashed is refused and nothing is recorded', async () => {
    const { store, audit, deps } = await setup(true);
    const other = new TextEncoder().encode('%PDF-1.7\nEen ander formulier\n%%EOF\n');
    await expect(recordHealthConsent(deps, { clientId: 'C-2001', evidenceSha256: await fileHash(file()), evidenceName: 'x.pdf', evidenceFile: file(other), givenAt: '2026-11-20T12:00:00.000Z', scope: 'bedrijfsarts' })).rejects.toThrow(
      'the consent file changed after it was chosen: choose it again',
    );
    await expect(recordHealthConsent(deps, { clientId: 'C-2001', evidenceSha256: await fileHash(file()), givenAt: '2026-11-20T12:00:00.000Z', scope: 'bedrijfsarts' })).rejects.toThrow(/choose the file/);
    expect(await store.additions()).toEqual([]);
    expect(await store.evidence()).toEqual([]);
    expect(await audit.all()).toEqual([]);
  });

  it('the store refuses a file without its consent', async () => {
    const { store } = await setup(true);
    await expect(store.putEvidence({ additionId: 'nope', clientId: 'C-2001', sha256: 'ab'.repeat(32), name: 'x.pdf', type: 'application/pdf', size: 1, storedAt: '2026-11-25T12:00:00.000Z', bytes: new Uint8Array([1]) })).rejects.toThrow(/needs its recorded consent/);
  });

  it('removing the consent (recorded by mistake) removes its file', async () => {
    const { store, deps } = await setup(true);
    const a = await consent(deps);
    expect(await removeAddition(deps, a.id)).toBe(true);
    expect(await store.evidence()).toEqual([]);
  });

  it('retention: the file goes with its consent once the withdrawal is past the term; a consent in force keeps its file', async () => {
    const { store, deps } = await setup(true, new Date('2023-01-10T12:00:00Z'));
    const old = await consent(deps, { givenAt: '2023-01-05T12:00:00.000Z' });
    await withdrawHealthConsent(deps, { clientId: 'C-2001', withdrawnAt: '2023-02-01T12:00:00.000Z' });
    const inForce = await consent(deps, { givenAt: '2023-03-01T12:00:00.000Z', bytes: new TextEncoder().encode('%PDF-1.7\nNieuwe toestemming\n%%EOF\n') });
    const counts = await store.purge(new Date('2024-11-25T00:00:00Z'));
    expect(counts).toMatchObject({ additions: 2, evidenceFiles: 1 });
    expect((await store.evidence()).map((e) => e.additionId)).toEqual([inForce.id]);
    expect((await store.additions()).map((a) => a.id)).not.toContain(old.id);
  });

  it('retention also removes a file whose consent is gone', async () => {
    const { target, store, deps } = await setup(true);
    const a = await consent(deps);
    const db = await openDb(target);
    await requestResult(db.transaction(STORES.recordsLocal, 'readwrite').objectStore(STORES.recordsLocal).delete(a.id));
    expect(await store.purge(new Date('2024-11-25T00:00:00Z'))).toMatchObject({ evidenceFiles: 1 });
    expect(await store.evidence()).toEqual([]);
  });

  it('inzage: the export carries the file (base64, with hash, name and type); an art. 13 deletion removes it, counted without names', async () => {
    const { store, audit, deps } = await setup(true);
    await consent(deps);
    const out = await inzageExport(deps, 'C-2001');
    expect(out.consentEvidence).toHaveLength(1);
    const e = out.consentEvidence[0]!;
    expect(e).toMatchObject({ clientId: 'C-2001', name: 'toestemming-bakker.pdf', type: 'application/pdf', size: SIGNED.length, sha256: await fileHash(file()) });
    expect([...base64ToBytes(e.base64)]).toEqual([...SIGNED]);
    expect((await inzageExport(deps, 'C-1042')).consentEvidence).toEqual([]);

    const counts = await deleteClientData(deps, 'C-2001');
    expect(counts).toMatchObject({ additions: 1, evidenceFiles: 1 });
    expect(await store.evidence()).toEqual([]);
    const last = (await audit.all()).at(-1)!;
    expect(last.type).toBe('client-deleted');
    expect(JSON.stringify(last.data)).not.toMatch(/C-2001|toestemming/);
  });
});
