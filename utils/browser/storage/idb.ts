// The extension's one IndexedDB database, shared by the service worker, the offscreen document
// and the options page (all run on the extension's origin). IndexedDB rather than storage.*:
// it holds bytes natively (attachments, converted PDFs), has no 10 MB session quota, and its
// `add` refuses a duplicate key, which keeps the audit log append-only across contexts.
//
// Every function takes the IDBFactory so tests can hand in fake-indexeddb.
//
// Why our own thin layer and not the `idb` wrapper: the wrapper's value is promises over
// requests and a typed upgrade callback; the three functions below give the stores the same,
// the stores already rely on them, and IndexedDB's rule that a transaction closes at the first
// await of anything else holds with the wrapper just the same. Versions and their migrations
// are one switch in `upgrade` below.

export const DB_NAME = 'reportguard';
// 1: audit, blobs, blobMeta, analyses. 2: forward (central audit: source id and cursor).
// 3: the records store (recordsBase, recordsLocal, followUps).
// 4: derived (which PDF the extension made from which original).
// 5: consentEvidence (the signed consent file itself, when the policy keeps it).
export const DB_VERSION = 5;

export const STORES = {
  /** Audit entries, keyPath `seq`. Append-only: `add` only, never `put` or `delete`. */
  audit: 'audit',
  /** Attachment bytes and fixed PDFs, key `orig:<sha256>` / `out:<sha256>`. Bounded cache. */
  blobs: 'blobs',
  /** Size and time of each blob, same keys: pruning reads these instead of the bytes. */
  blobMeta: 'blobMeta',
  /** Analysis results, key `<sha256>`. Bounded cache. */
  analyses: 'analyses',
  /**
   * Central audit (audit-forward.ts): `source` (this log's id) and `cursor` (collector, last
   * entry it took, retry state). The queue itself is the audit store after the cursor.
   */
  forward: 'forward',
  /** Records from a file or the client system, key `imported` / `remote`, plus `remote-status`. */
  recordsBase: 'recordsBase',
  /** What staff recorded in the browser (utils/core/records/local.ts), keyPath `id`. */
  recordsLocal: 'recordsLocal',
  /** "Inform the client (orally)" tasks and noted oral reports, keyPath `id`. */
  followUps: 'followUps',
  /** Which PDF the extension made from which original, key `<output sha256>`. Hashes only; kept. */
  derived: 'derived',
  /**
   * The signed health-consent file itself, keyPath `additionId` (the consent it proves), only
   * when the policy's keepConsentEvidence is on. Goes with its consent: retention, deletion.
   */
  consentEvidence: 'consentEvidence',
} as const;

/** Creates what each version adds; runs every step from the stored version up. */
function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    if (!db.objectStoreNames.contains(STORES.audit)) db.createObjectStore(STORES.audit, { keyPath: 'seq' });
    if (!db.objectStoreNames.contains(STORES.blobs)) db.createObjectStore(STORES.blobs);
    if (!db.objectStoreNames.contains(STORES.blobMeta)) db.createObjectStore(STORES.blobMeta);
    if (!db.objectStoreNames.contains(STORES.analyses)) db.createObjectStore(STORES.analyses);
  }
  if (oldVersion < 2) {
    if (!db.objectStoreNames.contains(STORES.forward)) db.createObjectStore(STORES.forward);
  }
  if (oldVersion < 3) {
    // The records that lived in storage.local (`local:records`) move in on first use
    // (records-store.ts migrate()): storage.* can't be read inside an upgrade transaction.
    if (!db.objectStoreNames.contains(STORES.recordsBase)) db.createObjectStore(STORES.recordsBase);
    if (!db.objectStoreNames.contains(STORES.recordsLocal)) db.createObjectStore(STORES.recordsLocal, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(STORES.followUps)) db.createObjectStore(STORES.followUps, { keyPath: 'id' });
  }
  if (oldVersion < 4) {
    if (!db.objectStoreNames.contains(STORES.derived)) db.createObjectStore(STORES.derived);
  }
  if (oldVersion < 5) {
    if (!db.objectStoreNames.contains(STORES.consentEvidence)) db.createObjectStore(STORES.consentEvidence, { keyPath: 'additionId' });
  }
}

export interface DbTarget {
  factory: IDBFactory;
  name: string;
}

export function defaultDbTarget(): DbTarget {
  return { factory: globalThis.indexedDB, name: DB_NAME };
}

const connections = new WeakMap<IDBFactory, Map<string, Promise<IDBDatabase>>>();

export function openDb(target: DbTarget = defaultDbTarget()): Promise<IDBDatabase> {
  if (!target.factory) return Promise.reject(new Error('IndexedDB is not available in this context'));
  let byName = connections.get(target.factory);
  if (!byName) connections.set(target.factory, (byName = new Map()));
  const cached = byName.get(target.name);
  if (cached) return cached;
  const opening = new Promise<IDBDatabase>((resolve, reject) => {
    const request = target.factory.open(target.name, DB_VERSION);
    request.addEventListener('upgradeneeded', (event) => upgrade(request.result, (event as IDBVersionChangeEvent).oldVersion));
    request.addEventListener('success', () => {
      const db = request.result;
      // Another context upgrading the schema: let go so it can proceed; reopen next time.
      db.addEventListener('versionchange', () => {
        db.close();
        byName.delete(target.name);
      });
      resolve(db);
    });
    request.addEventListener('error', () => reject(request.error ?? new Error('IndexedDB open failed')));
    request.addEventListener('blocked', () => reject(new Error('IndexedDB open blocked by another context')));
  });
  byName.set(target.name, opening);
  opening.catch(() => byName.delete(target.name));
  return opening;
}

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.addEventListener('success', () => resolve(request.result));
    request.addEventListener('error', () => reject(request.error ?? new Error('IndexedDB request failed')));
  });
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.addEventListener('complete', () => resolve());
    // The failing request's error (e.g. ConstraintError) is on the event target; tx.error is
    // only set once the transaction has aborted.
    tx.addEventListener('error', (event) => reject((event.target as IDBRequest | null)?.error ?? tx.error ?? new Error('IndexedDB transaction failed')));
    tx.addEventListener('abort', () => reject(tx.error ?? new Error('IndexedDB transaction aborted')));
  });
}
