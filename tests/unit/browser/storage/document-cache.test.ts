import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createDocumentCache, DEFAULT_BOUNDS } from '../../../../utils/browser/storage/document-cache.ts';
import type { AnalysedAttachment } from '../../../../utils/core/documents/types.ts';

const analysis = (sha256: string): AnalysedAttachment => ({ name: 'a.pdf', size: 1, sha256, type: 'pdf', readable: true, problem: null, text: '' });
const sha = (n: number) => n.toString(16).padStart(64, '0');

/** One request on the cache's own stores, bypassing the cache: what is really stored. */
function rawStore(factory: IDBFactory, fn: (blobs: IDBObjectStore, meta: IDBObjectStore) => IDBRequest): Promise<unknown> {
  return new Promise((ok, fail) => {
    const open = factory.open('t');
    open.addEventListener('error', () => fail(open.error));
    open.addEventListener('success', () => {
      const tx = open.result.transaction(['blobs', 'blobMeta'], 'readwrite');
      const request = fn(tx.objectStore('blobs'), tx.objectStore('blobMeta'));
      tx.addEventListener('complete', () => {
        open.result.close();
        ok(request.result);
      });
      tx.addEventListener('error', () => fail(tx.error));
    });
  });
}

describe('document cache', () => {
  it('stores bytes and analyses by hash; another settings key is a miss', async () => {
    const cache = createDocumentCache({ factory: new IDBFactory(), name: 't' });
    await cache.putBlob('orig', sha(1), new Uint8Array([1, 2]));
    expect(await cache.getBlob('orig', sha(1))).toEqual(new Uint8Array([1, 2]));
    expect(await cache.hasBlob('orig', sha(1))).toBe(true);
    expect(await cache.getBlob('out', sha(1))).toBeNull();
    await cache.putAnalysis({ sha256: sha(1), settingsKey: 'k1', analysis: analysis(sha(1)), fix: { action: 'none', ok: true } });
    expect((await cache.getAnalysis(sha(1), 'k1'))?.analysis.sha256).toBe(sha(1));
    expect(await cache.getAnalysis(sha(1), 'k2')).toBeNull();
  });

  it('keeps bytes as a Blob and gives back a whole array of their own; bytes stored as an array before still read', async () => {
    const factory = new IDBFactory();
    const cache = createDocumentCache({ factory, name: 't' });
    const bytes = new Uint8Array([7, 8, 9, 10]);
    await cache.putBlob('out', sha(2), bytes.subarray(1, 3));
    expect(await rawStore(factory, (blobs) => blobs.get(`out:${sha(2)}`))).toBeInstanceOf(Blob);
    const read = await cache.getBlob('out', sha(2));
    expect(read).toEqual(new Uint8Array([8, 9]));
    // Its own buffer, whole: the offscreen document may release it once read.
    expect(read!.byteOffset).toBe(0);
    expect(read!.buffer.byteLength).toBe(2);
    expect(read!.buffer).not.toBe(bytes.buffer);

    // An entry written by the version before (the array itself).
    await rawStore(factory, (blobs, meta) => {
      meta.put({ size: 3, storedAt: Date.now() }, `orig:${sha(3)}`);
      return blobs.put(new Uint8Array([1, 2, 3]), `orig:${sha(3)}`);
    });
    expect(await cache.getBlob('orig', sha(3))).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('forgets entries after the maximum age', async () => {
    let now = 1_000_000;
    const cache = createDocumentCache({ factory: new IDBFactory(), name: 't' }, DEFAULT_BOUNDS, () => now);
    await cache.putBlob('orig', sha(1), new Uint8Array([1]));
    await cache.putAnalysis({ sha256: sha(1), settingsKey: 'k', analysis: analysis(sha(1)), fix: { action: 'none', ok: true } });
    now += DEFAULT_BOUNDS.maxAgeMs + 1;
    expect(await cache.getBlob('orig', sha(1))).toBeNull();
    expect(await cache.getAnalysis(sha(1), 'k')).toBeNull();
  });

  it('drops the oldest past the count and size bounds', async () => {
    let now = 0;
    const bounds = { maxAgeMs: 1e9, maxBlobs: 3, maxBlobBytes: 10, maxAnalyses: 2 };
    const cache = createDocumentCache({ factory: new IDBFactory(), name: 't' }, bounds, () => ++now);
    for (let i = 1; i <= 4; i++) await cache.putBlob('orig', sha(i), new Uint8Array([i]));
    expect(await cache.hasBlob('orig', sha(1))).toBe(false);
    expect(await cache.hasBlob('orig', sha(4))).toBe(true);
    await cache.putBlob('out', sha(5), new Uint8Array(9)); // 1 + 1 + 1 + 9 > 10: two must go
    expect(await cache.hasBlob('orig', sha(2))).toBe(false);
    expect(await cache.hasBlob('orig', sha(3))).toBe(false);
    expect(await cache.hasBlob('orig', sha(4))).toBe(true);
    for (let i = 1; i <= 3; i++) await cache.putAnalysis({ sha256: sha(i), settingsKey: 'k', analysis: analysis(sha(i)), fix: { action: 'none', ok: true } });
    expect(await cache.getAnalysis(sha(1), 'k')).toBeNull();
    expect(await cache.getAnalysis(sha(3), 'k')).not.toBeNull();
  });
});
