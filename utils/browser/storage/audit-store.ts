// The browser side of the audit log: entries from utils/core/audit kept in IndexedDB, append-only;
// the one deletion is the retention purge, which removes entries from the start only, after
// appending the `audit-purged` entry that anchors the rest (utils/core/audit/chain.ts).
// Several contexts may append (service worker, options page); the store's key is `seq` and
// entries go in with `add`, so two contexts racing for the same seq cannot both win: the loser
// re-reads the head and tries again. Within one context appends are queued so they never race.

import { PURGE_EVENT, appendEntry, verifyChain } from '../../core/audit/chain.ts';
import { toJsonLines } from '../../core/audit/jsonl.ts';
import type { AuditData, AuditEntry, AuditEventType, ChainCheck } from '../../core/audit/types.ts';
import { STORES, defaultDbTarget, openDb, requestResult, transactionDone, type DbTarget } from './idb.ts';

export interface AuditStore {
  /** Adds one entry after the current head; resolves with the stored entry. */
  append(type: AuditEventType, data: AuditData, at?: Date): Promise<AuditEntry>;
  /** The newest `count` entries, newest first. */
  latest(count: number): Promise<AuditEntry[]>;
  /** Every entry, oldest first. */
  all(): Promise<AuditEntry[]>;
  count(): Promise<number>;
  /** Checks the whole chain as stored. */
  verify(): Promise<ChainCheck>;
  /** The whole log as JSON lines (see utils/core/audit/jsonl.ts). */
  exportJsonLines(): Promise<string>;
  /**
   * Retention: deletes the entries written before `cutoff` (from the start of the log only),
   * after appending one `audit-purged` entry with the count, the cutoff and the anchor of the
   * first kept entry. Nothing older: no entry, no purge entry. `holdFromSeq` (central audit,
   * audit-forward.ts): entries from that seq on are kept whatever their age.
   */
  purgeBefore(cutoff: Date, at?: Date, extra?: AuditData, hold?: { holdFromSeq?: number }): Promise<{ purged: number }>;
}

const MAX_RACE_RETRIES = 8;

async function head(db: IDBDatabase): Promise<AuditEntry | null> {
  const tx = db.transaction(STORES.audit, 'readonly');
  const cursor = await requestResult(tx.objectStore(STORES.audit).openCursor(null, 'prev'));
  return cursor ? (cursor.value as AuditEntry) : null;
}

export function createAuditStore(target: DbTarget = defaultDbTarget()): AuditStore {
  let queue: Promise<unknown> = Promise.resolve();

  async function appendNow(type: AuditEventType, data: AuditData, at: Date): Promise<AuditEntry> {
    const db = await openDb(target);
    for (let attempt = 0; ; attempt++) {
      // Hashing is async, and an IndexedDB transaction closes while we await anything else,
      // so read the head, hash outside, then `add` in a fresh transaction.
      const entry = await appendEntry(await head(db), type, data, at.toISOString());
      try {
        const tx = db.transaction(STORES.audit, 'readwrite');
        const done = transactionDone(tx);
        tx.objectStore(STORES.audit).add(entry);
        await done;
        return entry;
      } catch (e) {
        const raced = (e as DOMException | null)?.name === 'ConstraintError';
        if (!raced || attempt >= MAX_RACE_RETRIES) throw e;
      }
    }
  }

  async function all(): Promise<AuditEntry[]> {
    const db = await openDb(target);
    const tx = db.transaction(STORES.audit, 'readonly');
    return (await requestResult(tx.objectStore(STORES.audit).getAll())) as AuditEntry[];
  }

  return {
    append(type, data, at = new Date()) {
      const run = queue.then(() => appendNow(type, data, at));
      queue = run.catch(() => undefined);
      return run;
    },
    async latest(count) {
      const db = await openDb(target);
      const tx = db.transaction(STORES.audit, 'readonly');
      const out: AuditEntry[] = [];
      await new Promise<void>((resolve, reject) => {
        const request = tx.objectStore(STORES.audit).openCursor(null, 'prev');
        request.addEventListener('error', () => reject(request.error ?? new Error('IndexedDB cursor failed')));
        request.addEventListener('success', () => {
          const cursor = request.result;
          if (!cursor || out.length >= count) return resolve();
          out.push(cursor.value as AuditEntry);
          cursor.continue();
        });
      });
      return out;
    },
    all,
    async count() {
      const db = await openDb(target);
      return requestResult(db.transaction(STORES.audit, 'readonly').objectStore(STORES.audit).count());
    },
    async verify() {
      return verifyChain(await all());
    },
    async exportJsonLines() {
      return toJsonLines(await all());
    },
    purgeBefore(cutoff, at = new Date(), extra = {}, hold = {}) {
      const run = queue.then(async () => {
        const entries = await all();
        const cutoffMs = cutoff.getTime();
        let keep = 0;
        const holdFrom = hold.holdFromSeq ?? Number.POSITIVE_INFINITY;
        while (keep < entries.length && Date.parse(entries[keep]!.at) < cutoffMs && entries[keep]!.seq < holdFrom) keep++;
        // Earlier purge entries that would be cut are fine: the new one carries the anchor.
        if (keep === 0) return { purged: 0 };
        const firstKept = entries[keep];
        const lastGone = entries[keep - 1]!;
        const purge = await appendNow(
          PURGE_EVENT,
          {
            ...extra,
            purged: keep,
            cutoff: cutoff.toISOString(),
            // The purge entry itself is the first kept entry when everything before it goes.
            keptFromSeq: firstKept ? firstKept.seq : lastGone.seq + 1,
            keptFromPrevHash: lastGone.hash,
          },
          at,
        );
        void purge;
        const db = await openDb(target);
        const tx = db.transaction(STORES.audit, 'readwrite');
        const done = transactionDone(tx);
        const store = tx.objectStore(STORES.audit);
        for (let i = 0; i < keep; i++) store.delete(entries[i]!.seq);
        await done;
        return { purged: keep };
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
