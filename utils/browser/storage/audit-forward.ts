// The central-audit queue, in IndexedDB next to the audit log it forwards. The queue is the audit
// store itself from a cursor on: every entry after `cursor.ackedSeq` is still owed to the
// collector, in seq order. Nothing is copied, so nothing can be enqueued twice or out of order,
// an entry appended by any context (service worker, options page) is in the queue the moment it
// is in the log, and the queue survives service-worker stops, browser restarts and days offline
// exactly as the log does.
//
// The cursor only moves forward, and only after the collector said yes to a batch. The one
// other way it moves is to a new collector URL, which starts again from the oldest entry kept
// (the new collector gets the whole log; ids make repeats harmless).
//
// Retention (the audit purge) must never delete an entry the collector has not taken:
// holdFromSeq() is the first seq it has to keep while a collector is configured.
import type { AuditEntry } from '../../core/audit/types.ts';
import type { CollectorConfig, CollectorFormat } from '../../core/audit/forward.ts';
import { STORES, defaultDbTarget, openDb, requestResult, transactionDone, type DbTarget } from './idb.ts';

export interface ForwardCursor {
  url: string;
  format: CollectorFormat;
  /** The collector has taken every entry up to and including this seq (0: none yet). */
  ackedSeq: number;
  /** Failed attempts since the last success. */
  failures: number;
  /** Epoch ms before which no attempt is made (backoff); 0: at once. */
  nextAttemptAt: number;
  lastError: string | null;
  lastSuccessAt: string | null;
  /** When forwarding to this URL began. */
  since: string;
}

export interface ForwardStore {
  /** This log's id at the collector, made once (`newId`) and kept with the log. */
  sourceId(): Promise<string>;
  cursor(): Promise<ForwardCursor | null>;
  /** Points forwarding at `config.url`; another URL than before starts from the oldest entry kept. */
  configure(config: CollectorConfig, now: Date): Promise<ForwardCursor>;
  /** No collector configured: the cursor (and with it the purge hold) goes. */
  disable(): Promise<void>;
  /** Up to `limit` entries after `afterSeq`, oldest first. */
  pending(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** Entries still owed to the collector (0 without one). */
  pendingCount(): Promise<number>;
  /** The collector took everything up to `throughSeq`. Ignored for a URL no longer configured. */
  ack(url: string, throughSeq: number, now: Date): Promise<void>;
  /** An attempt failed; the next one waits until `nextAttemptAt`. */
  failed(url: string, reason: string, nextAttemptAt: number): Promise<void>;
  /** The first seq a purge must keep: the first one not yet forwarded. Infinity: no collector, no hold. */
  holdFromSeq(): Promise<number>;
}

const SOURCE_KEY = 'source';
const CURSOR_KEY = 'cursor';

export function createForwardStore(newId: () => string, target: DbTarget = defaultDbTarget()): ForwardStore {
  async function get<T>(key: string): Promise<T | undefined> {
    const db = await openDb(target);
    return (await requestResult(db.transaction(STORES.forward, 'readonly').objectStore(STORES.forward).get(key))) as T | undefined;
  }

  /** Read-modify-write of the cursor in one transaction (no await inside but IndexedDB's own). */
  async function updateCursor(change: (c: ForwardCursor | undefined) => ForwardCursor | undefined): Promise<ForwardCursor | undefined> {
    const db = await openDb(target);
    const tx = db.transaction(STORES.forward, 'readwrite');
    const done = transactionDone(tx);
    const store = tx.objectStore(STORES.forward);
    let out: ForwardCursor | undefined;
    const read = store.get(CURSOR_KEY);
    read.addEventListener('success', () => {
      out = change(read.result as ForwardCursor | undefined);
      if (out) store.put(out, CURSOR_KEY);
    });
    await done;
    return out;
  }

  /** Walks the audit store from the first seq above `afterSeq` (a cursor jump, no key range needed). */
  async function scanAfter(afterSeq: number, limit: number, visit: (value: unknown) => void, keysOnly: boolean): Promise<void> {
    if (limit <= 0) return;
    const db = await openDb(target);
    const store = db.transaction(STORES.audit, 'readonly').objectStore(STORES.audit);
    await new Promise<void>((resolve, reject) => {
      const request = keysOnly ? store.openKeyCursor() : store.openCursor();
      let seen = 0;
      request.addEventListener('error', () => reject(request.error ?? new Error('IndexedDB cursor failed')));
      request.addEventListener('success', () => {
        const cursor = request.result;
        if (!cursor) return resolve();
        const seq = cursor.key as number;
        if (seq <= afterSeq) return cursor.continue(afterSeq + 1);
        visit(keysOnly ? seq : (cursor as IDBCursorWithValue).value);
        if (++seen >= limit) return resolve();
        cursor.continue();
      });
    });
  }

  const api: ForwardStore = {
    async sourceId() {
      const existing = await get<string>(SOURCE_KEY);
      if (existing) return existing;
      const db = await openDb(target);
      try {
        const tx = db.transaction(STORES.forward, 'readwrite');
        const done = transactionDone(tx);
        tx.objectStore(STORES.forward).add(newId(), SOURCE_KEY);
        await done;
      } catch (e) {
        // Another context made it first: theirs stands.
        if ((e as DOMException | null)?.name !== 'ConstraintError') throw e;
      }
      const made = await get<string>(SOURCE_KEY);
      if (!made) throw new Error('audit source id could not be stored');
      return made;
    },
    async cursor() {
      return (await get<ForwardCursor>(CURSOR_KEY)) ?? null;
    },
    async configure(config, now) {
      const result = await updateCursor((c) => {
        if (c && c.url === config.url) return c.format === config.format ? c : { ...c, format: config.format };
        return {
          url: config.url,
          format: config.format,
          ackedSeq: 0,
          failures: 0,
          nextAttemptAt: 0,
          lastError: null,
          lastSuccessAt: null,
          since: now.toISOString(),
        };
      });
      return result!;
    },
    async disable() {
      const db = await openDb(target);
      const tx = db.transaction(STORES.forward, 'readwrite');
      const done = transactionDone(tx);
      tx.objectStore(STORES.forward).delete(CURSOR_KEY);
      await done;
    },
    async pending(afterSeq, limit) {
      const out: AuditEntry[] = [];
      await scanAfter(afterSeq, limit, (value) => out.push(value as AuditEntry), false);
      return out;
    },
    async pendingCount() {
      const c = await api.cursor();
      if (!c) return 0;
      let n = 0;
      await scanAfter(c.ackedSeq, Number.POSITIVE_INFINITY, () => n++, true);
      return n;
    },
    async ack(url, throughSeq, now) {
      await updateCursor((c) =>
        c && c.url === url && throughSeq > c.ackedSeq
          ? { ...c, ackedSeq: throughSeq, failures: 0, nextAttemptAt: 0, lastError: null, lastSuccessAt: now.toISOString() }
          : c,
      );
    },
    async failed(url, reason, nextAttemptAt) {
      await updateCursor((c) => (c && c.url === url ? { ...c, failures: c.failures + 1, nextAttemptAt, lastError: reason } : c));
    },
    async holdFromSeq() {
      const c = await api.cursor();
      return c ? c.ackedSeq + 1 : Number.POSITIVE_INFINITY;
    },
  };
  return api;
}
