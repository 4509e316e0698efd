import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createDerivedDocuments } from '../../../../utils/browser/storage/derived-documents.ts';
import { openDb, requestResult } from '../../../../utils/browser/storage/idb.ts';

const h = (c: string) => c.repeat(64);

describe('derived documents (output → original)', () => {
  it('maps a copy to its original, follows copies of copies, and knows nothing of other documents', async () => {
    const target = { factory: new IDBFactory(), name: 'derived' };
    const d = createDerivedDocuments(target);
    await d.record(h('b'), h('a'));
    await d.record(h('c'), h('b')); // the copy flattened again (a forward of a forward)
    expect(await d.originalOf(h('b'))).toBe(h('a'));
    expect(await d.originalOf(h('c'))).toBe(h('a'));
    expect(await d.originalOf(h('a'))).toBeNull();
    expect(await d.originalOf(h('d'))).toBeNull();
    // Kept in IndexedDB: another context (a restarted worker) reads the same record.
    expect(await createDerivedDocuments(target).originalOf(h('c'))).toBe(h('a'));
  });

  it('ignores a document said to be its own copy and survives a cycle', async () => {
    const d = createDerivedDocuments({ factory: new IDBFactory(), name: 'cycle' });
    await d.record(h('a'), h('a'));
    expect(await d.originalOf(h('a'))).toBeNull();
    await d.record(h('b'), h('a'));
    await d.record(h('a'), h('b')); // would close a loop: a's original is a itself → not stored
    expect(await d.originalOf(h('b'))).toBe(h('a'));
    expect(await d.originalOf(h('a'))).toBeNull();
  });
});

describe('database version 4 (derived)', () => {
  it('upgrades a version-3 database (records stores) by adding derived only, keeping what was there', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const req = factory.open('v3', 3);
      req.addEventListener('upgradeneeded', () => {
        const db = req.result;
        for (const name of ['blobs', 'blobMeta', 'analyses', 'forward', 'recordsBase']) db.createObjectStore(name);
        db.createObjectStore('audit', { keyPath: 'seq' }).add({ seq: 1, at: 'x' });
        db.createObjectStore('recordsLocal', { keyPath: 'id' }).add({ id: 'kept' });
        db.createObjectStore('followUps', { keyPath: 'id' });
      });
      req.addEventListener('success', () => (req.result.close(), resolve()));
      req.addEventListener('error', () => reject(req.error));
    });
    const db = await openDb({ factory, name: 'v3' });
    // Version 4 adds derived; version 5 (consentEvidence) follows in the same upgrade.
    expect(db.version).toBe(5);
    expect([...db.objectStoreNames].toSorted()).toEqual(['analyses', 'audit', 'blobMeta', 'blobs', 'consentEvidence', 'derived', 'followUps', 'forward', 'recordsBase', 'recordsLocal']);
    expect(await requestResult(db.transaction('recordsLocal', 'readonly').objectStore('recordsLocal').count())).toBe(1);
    expect(await requestResult(db.transaction('audit', 'readonly').objectStore('audit').count())).toBe(1);
    const d = createDerivedDocuments({ factory, name: 'v3' });
    await d.record(h('b'), h('a'));
    expect(await d.originalOf(h('b'))).toBe(h('a'));
  });
});
