import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createRecordsStore } from '../../../../utils/browser/storage/records-store.ts';
import { recordsItem } from '../../../../utils/browser/storage/items.ts';
import { loadRecordsFile, readRecords, previewRecordsFile, prepareRecordsFile } from '../../../../utils/browser/storage/load.ts';
import { openDb, STORES, requestResult } from '../../../../utils/browser/storage/idb.ts';
import { LocalAdditionSchema } from '../../../../utils/core/records/local.ts';
import { FollowUpSchema } from '../../../../utils/core/records/follow-ups.ts';
import { APPROVED, RECORDS_RAW, hashOf } from '../../../helpers/engine.ts';

const fresh = () => ({ factory: new IDBFactory(), name: 'test' });
const oldStored = { data: RECORDS_RAW, fileName: 'records.json', sha256: 'ab'.repeat(32), loadedAt: '2026-11-01T10:00:00.000Z' };
const approval = (o: object = {}) =>
  LocalAdditionSchema.parse({ id: 'a-1', clientId: 'C-2001', recordedAt: '2026-11-20T10:00:00Z', type: 'approval', documentSha256: hashOf('v3'), approvedAt: '2026-11-20T09:00:00Z', method: 'conversation', ...o });

describe('records store: migration from local:records', () => {
  it('moves the records of storage.local into IndexedDB once, and removes the old item', async () => {
    await recordsItem.setValue(oldStored);
    const target = fresh();
    const store = createRecordsStore(target);
    expect(await store.migrate()).toBe(true);
    expect(await recordsItem.getValue()).toBeNull();
    expect(await store.getBase('imported')).toEqual(oldStored);
    // a second store (another context) finds nothing left to move
    expect(await createRecordsStore(target).migrate()).toBe(false);
    const eff = await store.effective(false);
    expect(eff.records!.clients.map((c) => c.id)).toEqual(['C-1042', 'C-2001']);
  });

  it('migrates on first read without an explicit call, and never replaces newer imported records', async () => {
    const target = fresh();
    const store = createRecordsStore(target);
    await store.setBase('imported', { ...oldStored, fileName: 'newer.json' });
    await recordsItem.setValue(oldStored);
    const other = createRecordsStore(target);
    expect((await other.getBase('imported'))!.fileName).toBe('newer.json');
    expect(await recordsItem.getValue()).toBeNull();
  });

  it('upgrades a version-1 database (audit and cache only) keeping its entries', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const req = factory.open('test', 1);
      req.addEventListener('upgradeneeded', () => req.result.createObjectStore('audit', { keyPath: 'seq' }).add({ seq: 1, at: 'x' }));
      req.addEventListener('success', () => (req.result.close(), resolve()));
      req.addEventListener('error', () => reject(req.error));
    });
    const db = await openDb({ factory, name: 'test' });
    // Only the steps after version 1 ran: their stores are added next to the existing audit store.
    expect([...db.objectStoreNames].toSorted()).toEqual(['audit', 'consentEvidence', 'derived', 'followUps', 'forward', 'recordsBase', 'recordsLocal']);
    expect(await requestResult(db.transaction(STORES.audit, 'readonly').objectStore(STORES.audit).count())).toBe(1);
  });
});

describe('records store: local additions, merged over the base, kept across base changes', () => {
  it('a new import or fetch replaces the base and leaves the additions alone', async () => {
    const store = createRecordsStore(fresh());
    await store.setBase('imported', oldStored);
    await store.addAddition(approval());
    let eff = await store.effective(false);
    expect(eff.records!.clients[1]!.approvals).toHaveLength(1);
    await store.setBase('imported', { ...oldStored, fileName: 'again.json' });
    await store.setBase('remote', { ...oldStored, fileName: 'https://crm.example.nl/records.json' });
    eff = await store.effective(true);
    expect(eff.base!.kind).toBe('remote');
    expect(eff.records!.clients[1]!.approvals.map((a) => a.method)).toEqual(['conversation']);
    expect(await store.removeAddition('a-1')).toMatchObject({ id: 'a-1' });
    expect((await store.effective(true)).records!.clients[1]!.approvals).toEqual([]);
  });

  it('refuses an addition of the wrong form and skips a hand-edited stored one', async () => {
    const target = fresh();
    const store = createRecordsStore(target);
    await expect(store.addAddition({ ...approval(), documentSha256: 'nope' } as never)).rejects.toThrow();
    const db = await openDb(target);
    const tx = db.transaction(STORES.recordsLocal, 'readwrite');
    tx.objectStore(STORES.recordsLocal).put({ id: 'bad', type: 'approval' });
    await new Promise((r) => (tx.oncomplete = r));
    expect(await store.additions()).toEqual([]);
  });

  it('says invalid (not loaded) for a stored base that no longer validates', async () => {
    const store = createRecordsStore(fresh());
    await store.setBase('imported', { ...oldStored, data: { version: 9 } });
    expect((await store.effective(false)).invalid).toMatch(/^records\.json: version/);
  });

  it('purges what is past retention and deletes one client on request', async () => {
    const store = createRecordsStore(fresh());
    const raw = structuredClone(RECORDS_RAW);
    raw.clients[0]!.approvals[0]!.approvedAt = '2023-01-01T00:00:00Z';
    await store.setBase('imported', { ...oldStored, data: { ...raw, extra: 'kept' } });
    await store.addAddition(approval({ id: 'old', approvedAt: '2023-05-01T00:00:00Z' }));
    await store.addAddition(approval({ id: 'new' }));
    await store.putFollowUp(FollowUpSchema.parse({ id: 'f1', clientId: 'C-1042', kind: 'inform-progress', createdAt: '2023-01-01T00:00:00Z', doneAt: '2023-01-02T00:00:00Z' }));
    await store.putFollowUp(FollowUpSchema.parse({ id: 'f2', clientId: 'C-2001', kind: 'inform-progress', createdAt: '2026-11-01T00:00:00Z' }));
    expect(await store.purge(new Date('2024-11-25T00:00:00Z'))).toEqual({ additions: 1, followUps: 1, approvals: 1, consents: 0 });
    expect((await store.additions()).map((a) => a.id)).toEqual(['new']);
    const imported = await store.getBase('imported');
    expect((imported!.data as { extra: string }).extra).toBe('kept');

    expect(await store.deleteClient('c2001')).toEqual({ additions: 1, followUps: 1, importedClients: 1 });
    const eff = await store.effective(false);
    expect(eff.records!.clients.map((c) => c.id)).toEqual(['C-1042']);
    expect(await store.followUps()).toEqual([]);
  });
});

describe('loading records files into the store (contracts §6) and reading them back', () => {
  it('stores JSON and CSV files as the imported base; a bad file keeps the previous one', async () => {
    const r = await loadRecordsFile(JSON.stringify(RECORDS_RAW), 'records.json', new Date('2026-11-25T10:00:00Z'));
    expect(r).toMatchObject({ ok: true, summary: { clients: 2, source: 'imported' } });
    const csv = `client_id;name;approval_sha256;approval_at\nC-5;A. Bakker;${APPROVED};2026-11-02\n`;
    const c = await loadRecordsFile(csv, 'clients.csv');
    expect(c).toMatchObject({ ok: true, summary: { clients: 1, fileName: 'clients.csv' } });
    const bad = await loadRecordsFile('client_id,name\n\n,x\n', 'broken.csv');
    expect(bad).toMatchObject({ ok: false, error: 'broken.csv line 3, client_id: expected a client id like C-1042, got an empty field' });
    const read = await readRecords();
    expect(read.state === 'loaded' && read.summary.fileName).toBe('clients.csv');
  });

  it('previews an import against what is held, without storing it', async () => {
    await loadRecordsFile(JSON.stringify(RECORDS_RAW), 'records.json');
    const next = structuredClone(RECORDS_RAW);
    next.clients[0]!.name = 'J. de Vries-Bakker';
    next.clients.splice(1, 1);
    (next.clients as unknown[]).push({ id: 'C-3', name: 'Nieuw' });
    const p = await previewRecordsFile(JSON.stringify(next), 'next.json');
    expect(p).toMatchObject({ ok: true, preview: { clients: 2, added: ['C-3'], changed: ['C-1042'], removed: ['C-2001'] } });
    expect((await readRecords()).state === 'loaded').toBe(true);
    const read = await readRecords();
    expect(read.state === 'loaded' && read.value.clients.length).toBe(2);
  });

  it('lists every CSV row error when preparing', async () => {
    const p = await prepareRecordsFile('client_id,email\n,a@example.org\nC-2,geen-adres\n', 'x.csv');
    expect(p).toEqual({ ok: false, errors: ['x.csv line 2, client_id: expected a client id like C-1042, got an empty field', 'x.csv line 3, email: expected an e-mail address like name@example.nl, got "geen-adres"'] });
  });
});

describe('records store: the revision the worker keeps its copy of the records under', () => {
  it('changes with every write of what the engine reads, from any context, and with nothing else', async () => {
    const target = fresh();
    const store = createRecordsStore(target);
    const other = createRecordsStore(target); // the options page or the popup
    expect(await store.revision()).toBeNull();
    const seen = new Set<string | null>([null]);
    const changes = async (write: () => Promise<unknown>) => {
      await write();
      const r = await store.revision();
      const isNew = !seen.has(r);
      seen.add(r);
      return isNew;
    };
    expect(await changes(() => other.setBase('imported', oldStored))).toBe(true);
    expect(await changes(() => other.setBase('remote', oldStored))).toBe(true);
    expect(await changes(() => other.addAddition(approval()))).toBe(true);
    expect(await changes(() => other.removeAddition('a-1'))).toBe(true);
    expect(await changes(() => other.clearBase('remote'))).toBe(true);
    expect(await changes(() => other.addAddition(approval({ id: 'a-2' })))).toBe(true);
    expect(await changes(() => other.deleteClient('C-2001'))).toBe(true);
    // Follow-ups, offers, the fetch status: not what the engine reads.
    const before = await store.revision();
    await other.putPending({ checkId: 'c-1', client: 'C-1042', codes: [], exceptionGround: null, approvalRound: false, documents: [] }, new Date());
    await other.putOffer(3, { client: 'C-1042', documents: [] } as never, new Date());
    await other.setRemoteStatus({ url: 'https://x.example/r.json', at: '2026-12-01T00:00:00Z', ok: true, outcome: 'updated' });
    expect(await store.revision()).toBe(before);
  });

  it('is written in the transaction of the change: a failed write leaves data and revision as they were', async () => {
    const store = createRecordsStore(fresh());
    await store.setBase('imported', oldStored);
    const before = await store.revision();
    await expect(store.addAddition({ id: 'bad' } as never)).rejects.toThrow();
    expect(await store.revision()).toBe(before);
  });
});
