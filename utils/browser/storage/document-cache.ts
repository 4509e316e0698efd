// Attachment bytes, fixed PDFs and analysis results, by SHA-256, in IndexedDB: the service worker
// may be stopped between attach time and send time, so nothing lives only in memory. Used by the
// background (originals, analyses) and the offscreen document (fixed PDFs).
//
// This is report content on disk, so it is kept short and small: entries expire after a few
// hours and the oldest go first past a count or size bound. An evicted entry only means the
// send check says "attachment not checked yet" (fail closed) or re-analyses from the bytes.

import type { AnalysedAttachment } from '../../core/documents/types.ts';
import type { FixSummary } from '../../core/messaging/protocol.ts';
import { STORES, defaultDbTarget, openDb, requestResult, transactionDone, type DbTarget } from './idb.ts';

export interface CacheBounds {
  maxAgeMs: number;
  maxBlobs: number;
  maxBlobBytes: number;
  maxAnalyses: number;
}

export const DEFAULT_BOUNDS: CacheBounds = {
  maxAgeMs: 8 * 60 * 60 * 1000, // a working day
  maxBlobs: 80, // originals + fixed PDFs
  maxBlobBytes: 400 * 1024 * 1024,
  maxAnalyses: 300,
};

export interface CachedAnalysis {
  sha256: string;
  /** The analysis settings it was made with (size limit, PDF protection); another key is a miss. */
  settingsKey: string;
  analysis: AnalysedAttachment;
  fix: FixSummary;
  storedAt: number;
}

interface BlobMeta {
  size: number;
  storedAt: number;
}

export type BlobKind = 'orig' | 'out';

export interface DocumentCache {
  putBlob(kind: BlobKind, sha256: string, bytes: Uint8Array): Promise<void>;
  getBlob(kind: BlobKind, sha256: string): Promise<Uint8Array | null>;
  /** True when a fresh blob is stored (reads only its size and time, not the bytes). */
  hasBlob(kind: BlobKind, sha256: string): Promise<boolean>;
  putAnalysis(entry: Omit<CachedAnalysis, 'storedAt'>): Promise<void>;
  /** The analysis made with `settingsKey`, if any and not expired. */
  getAnalysis(sha256: string, settingsKey: string): Promise<CachedAnalysis | null>;
  /** Drops expired entries and the oldest past the bounds. */
  prune(): Promise<void>;
}

/**
 * Bytes are stored as a Blob (entries written as a Uint8Array before are still read). Memory
 * (issue 11): IndexedDB keeps a Blob as a file of its own and hands it back as a handle read
 * into one array; an array value is serialized into a buffer beside it on write and, as far as
 * the figures show, read back through one before it becomes the array. In Chromium the read of a
 * 23 MB original and the write of a 23 MB output from an extension page peaked at +79 MB as
 * arrays, +56 MB as Blobs (bench/offscreen-memory.bench.ts, the cache alone).
 */
function asStored(bytes: Uint8Array): Blob | Uint8Array {
  return typeof Blob === 'function' ? new Blob([bytes as Uint8Array<ArrayBuffer>]) : bytes;
}

export function createDocumentCache(
  target: DbTarget = defaultDbTarget(),
  bounds: CacheBounds = DEFAULT_BOUNDS,
  clock: () => number = Date.now,
): DocumentCache {
  const fresh = (storedAt: number) => clock() - storedAt <= bounds.maxAgeMs;

  async function prune(): Promise<void> {
    const db = await openDb(target);
    const now = clock();
    // Blobs: expired first, then oldest until both bounds hold.
    {
      const tx = db.transaction([STORES.blobs, STORES.blobMeta], 'readwrite');
      const done = transactionDone(tx);
      const metaStore = tx.objectStore(STORES.blobMeta);
      const keys = (await requestResult(metaStore.getAllKeys())) as string[];
      const metas = (await requestResult(metaStore.getAll())) as BlobMeta[];
      const items = keys.map((key, i) => ({ key, ...metas[i]! })).toSorted((a, b) => a.storedAt - b.storedAt);
      let total = items.reduce((sum, it) => sum + it.size, 0);
      let count = items.length;
      for (const it of items) {
        const expired = now - it.storedAt > bounds.maxAgeMs;
        if (!expired && count <= bounds.maxBlobs && total <= bounds.maxBlobBytes) break;
        tx.objectStore(STORES.blobs).delete(it.key);
        metaStore.delete(it.key);
        total -= it.size;
        count--;
      }
      await done;
    }
    {
      const tx = db.transaction(STORES.analyses, 'readwrite');
      const done = transactionDone(tx);
      const store = tx.objectStore(STORES.analyses);
      const all = ((await requestResult(store.getAll())) as CachedAnalysis[]).toSorted((a, b) => a.storedAt - b.storedAt);
      let count = all.length;
      for (const entry of all) {
        if (now - entry.storedAt <= bounds.maxAgeMs && count <= bounds.maxAnalyses) break;
        store.delete(entry.sha256);
        count--;
      }
      await done;
    }
  }

  return {
    async putBlob(kind, sha256, bytes) {
      const db = await openDb(target);
      const tx = db.transaction([STORES.blobs, STORES.blobMeta], 'readwrite');
      const done = transactionDone(tx);
      const key = `${kind}:${sha256}`;
      tx.objectStore(STORES.blobs).put(asStored(bytes), key);
      tx.objectStore(STORES.blobMeta).put({ size: bytes.byteLength, storedAt: clock() } satisfies BlobMeta, key);
      await done;
      await prune();
    },
    async getBlob(kind, sha256) {
      const db = await openDb(target);
      const key = `${kind}:${sha256}`;
      const tx = db.transaction([STORES.blobs, STORES.blobMeta], 'readonly');
      const meta = (await requestResult(tx.objectStore(STORES.blobMeta).get(key))) as BlobMeta | undefined;
      const stored = (await requestResult(tx.objectStore(STORES.blobs).get(key))) as Blob | Uint8Array | undefined;
      if (!meta || !stored || !fresh(meta.storedAt)) return null;
      // Read after the transaction: a stored Blob stays readable once it has been handed out.
      if (stored instanceof Blob) return new Uint8Array(await stored.arrayBuffer());
      return stored instanceof Uint8Array ? stored : new Uint8Array(stored as ArrayBufferLike);
    },
    async hasBlob(kind, sha256) {
      const db = await openDb(target);
      const tx = db.transaction(STORES.blobMeta, 'readonly');
      const meta = (await requestResult(tx.objectStore(STORES.blobMeta).get(`${kind}:${sha256}`))) as BlobMeta | undefined;
      return !!meta && fresh(meta.storedAt);
    },
    async putAnalysis(entry) {
      const db = await openDb(target);
      const tx = db.transaction(STORES.analyses, 'readwrite');
      const done = transactionDone(tx);
      tx.objectStore(STORES.analyses).put({ ...entry, storedAt: clock() } satisfies CachedAnalysis, entry.sha256);
      await done;
      await prune();
    },
    async getAnalysis(sha256, settingsKey) {
      const db = await openDb(target);
      const tx = db.transaction(STORES.analyses, 'readonly');
      const entry = (await requestResult(tx.objectStore(STORES.analyses).get(sha256))) as CachedAnalysis | undefined;
      if (!entry || entry.settingsKey !== settingsKey || !fresh(entry.storedAt)) return null;
      return entry;
    },
    prune,
  };
}
