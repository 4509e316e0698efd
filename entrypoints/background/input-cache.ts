// The policy and the records the send check reads, kept in this worker's memory between
// requests instead of being read from storage and validated again at every Send.
// - The policy (storage.local and managed storage, layered by ../../utils/browser/storage/
//   effective-policy.ts) is dropped on every storage.onChanged of those areas (any key: a new
//   file, edits, a signed policy, the managed configuration); the next read is fresh.
// - The records (IndexedDB, written by the options page and the popup as well as here, where no
//   change event reaches this worker) are kept under the records store's revision, which every
//   write of what the engine reads changes in its own transaction: each read asks the revision
//   (one small IndexedDB get) and uses the copy only while it is the same.
// Nothing survives the worker: after a restart the first read is fresh. A read that failed is not
// kept, and a drop while a read is on its way keeps that read out of the cache. What is kept is
// frozen, so a consumer that tried to change it would fail (and its check block) instead of
// changing what the next check sees.
import type { Loaded, PolicySummary, RecordsSummary } from '../../utils/browser/storage/load.ts';
import type { Policy } from '../../utils/core/policy/schema.ts';
import type { Records } from '../../utils/core/records/schema.ts';

export interface InputCacheDeps {
  readPolicy(): Promise<Loaded<Policy, PolicySummary>>;
  readRecords(): Promise<Loaded<Records, RecordsSummary>>;
  recordsRevision(): Promise<string | null>;
}

export interface InputCache {
  readPolicy(): Promise<Loaded<Policy, PolicySummary>>;
  readRecords(): Promise<Loaded<Records, RecordsSummary>>;
  /** The stored policy may have changed (storage.onChanged): the next read is fresh. */
  dropPolicy(): void;
}

export function createInputCache(deps: InputCacheDeps): InputCache {
  let policy: Promise<Loaded<Policy, PolicySummary>> | null = null;
  let records: { revision: string | null; value: Promise<Loaded<Records, RecordsSummary>> } | null = null;
  return {
    readPolicy() {
      if (policy) return policy;
      const p = deps.readPolicy().then(deepFreeze);
      policy = p;
      p.catch(() => {
        if (policy === p) policy = null;
      });
      return p;
    },
    async readRecords() {
      const revision = await deps.recordsRevision();
      if (records && records.revision === revision) return records.value;
      const entry = { revision, value: deps.readRecords().then(deepFreeze) };
      records = entry;
      entry.value.catch(() => {
        if (records === entry) records = null;
      });
      return entry.value;
    },
    dropPolicy() {
      policy = null;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The storage change events of the extension (`browser.storage.onChanged`). */
export interface StorageChanges {
  addListener(cb: (changes: Record<string, unknown>, area: string) => void): void;
}

/**
 * The cache of this worker, its policy dropped on every change of storage.local, sync or managed
 * (storage.session holds only the network guard's releases). Call at start, before any read.
 */
export function watchedInputCache(deps: InputCacheDeps, changes: StorageChanges): InputCache {
  const cache = createInputCache(deps);
  changes.addListener((_changes, area) => {
    if (area !== 'session') cache.dropPolicy();
  });
  return cache;
}
