// The extension's own record of which PDF it made from which original (output SHA-256 →
// original SHA-256), in IndexedDB so that it outlives the service worker, a reload and the
// document cache. A report sent before leaves as its flattened copy; forwarding that copy later
// must be judged by the approval of the original the client approved, not as an unknown
// document. Only hashes the extension produced itself are mapped: a PDF made elsewhere is judged
// on its own hash. Hashes only, no content; entries are small and kept.
import { STORES, defaultDbTarget, openDb, requestResult, transactionDone, type DbTarget } from './idb.ts';

interface DerivedEntry {
  original: string;
  at: number;
}

/** Guards against a cycle in a damaged store. */
const MAX_CHAIN = 16;

export interface DerivedDocuments {
  /** `output` was made by the extension from `source` (itself possibly a copy: the chain is followed). */
  record(output: string, source: string): Promise<void>;
  /** The original an output of the extension was made from; null for a document it did not make. */
  originalOf(sha256: string): Promise<string | null>;
}

export function createDerivedDocuments(target: DbTarget = defaultDbTarget(), clock: () => number = Date.now): DerivedDocuments {
  async function get(sha256: string): Promise<DerivedEntry | undefined> {
    const db = await openDb(target);
    return (await requestResult(db.transaction(STORES.derived, 'readonly').objectStore(STORES.derived).get(sha256))) as DerivedEntry | undefined;
  }

  async function originalOf(sha256: string): Promise<string | null> {
    let current = sha256;
    let found: string | null = null;
    for (let i = 0; i < MAX_CHAIN; i++) {
      const entry = await get(current);
      if (!entry || entry.original === current) break;
      found = entry.original;
      current = entry.original;
    }
    return found;
  }

  return {
    async record(output, source) {
      if (output === source) return;
      const original = (await originalOf(source)) ?? source;
      if (original === output) return;
      const db = await openDb(target);
      const tx = db.transaction(STORES.derived, 'readwrite');
      const done = transactionDone(tx);
      tx.objectStore(STORES.derived).put({ original, at: clock() } satisfies DerivedEntry, output);
      await done;
    },
    originalOf,
  };
}
