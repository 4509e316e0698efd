// The records store (issue 12 item 1) in IndexedDB, shared by the service worker, the options page
// and the popup. Three parts, kept apart so that none overwrites another:
// - `imported`: the records.json or CSV an admin loaded (contracts §6);
// - `remote`: the last good copy from the client system (with fetch time, ETag, Last-Modified),
//   the base instead of `imported` while the policy names a records source;
// - local additions (approvals, consents) and follow-ups recorded in the browser;
// - the signed consent files themselves, when the policy keeps them (keepConsentEvidence), each
//   under the id of the consent it proves and deleted with it (retention, removal, art. 13).
// The engine reads the base with the additions merged over it (utils/core/records/local.ts).
//
// Stored as given (unknown fields survive); validated again on every read. Changes are audited
// by the callers (they know who and why); the store only keeps data.
//
// Migration: before this store, records lived in storage.local (`local:records`). The first use
// moves them into `imported` and removes the old item; an existing `imported` is never replaced
// by the old item.
import { RecordsSchema, type Records } from '../../core/records/schema.ts';
import { LocalAdditionSchema, mergeRecords, type LocalAddition } from '../../core/records/local.ts';
import { FollowUpSchema, type FollowUp, type SentVerdict } from '../../core/records/follow-ups.ts';
import { canonicalId } from '../../core/records/lookup.ts';
import { expiredAdditions, expiredFollowUps, purgeRecords } from '../../core/records/retention.ts';
import { validateWith } from '../../core/policy/errors.ts';
import { STORES, defaultDbTarget, openDb, requestResult, transactionDone, type DbTarget } from './idb.ts';
import { recordsItem, type StoredFile } from './items.ts';
import type { ApprovalOffer } from '../../core/messaging/protocol.ts';
import type { EvidenceMeta } from '../../core/records/inzage.ts';

/** A base copy: the JSON as given, where it came from, its hash and time. */
export interface BaseCopy extends StoredFile {
  /** For `remote`: the HTTP validators of the copy, sent back as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  /** For `remote`: the key fingerprint it was signed with, when signed. */
  fingerprint?: string | null;
}

/** The outcome of the last fetch of the records source (the good copy stays when it failed). */
export interface RemoteStatus {
  url: string;
  at: string;
  ok: boolean;
  /** 'updated', 'not-modified', or the reason it was refused, in one line. */
  outcome: string;
  error?: string;
}

const BASE_KINDS = ['imported', 'remote'] as const;
export type BaseKind = (typeof BASE_KINDS)[number];
const isBaseKind = (key: string | undefined): key is BaseKind => (BASE_KINDS as readonly (string | undefined)[]).includes(key);

export interface EffectiveRecords {
  /** null: nothing loaded. */
  records: Records | null;
  base: { kind: BaseKind; copy: BaseCopy } | null;
  /** A stored base that no longer validates (one line); the engine fails closed on it. */
  invalid: string | null;
  additions: number;
  unmatched: LocalAddition[];
}

export interface ClientDeletion {
  additions: number;
  followUps: number;
  importedClients: number;
  /** Consent files deleted with the client's consents (present when any were). */
  evidenceFiles?: number;
}

/** A signed consent file kept as evidence (policy keepConsentEvidence). */
export interface ConsentEvidence extends EvidenceMeta {
  bytes: Uint8Array;
}

/** Largest consent file kept (a scan of a few signed pages is far under this). */
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

export interface PurgeCounts {
  additions: number;
  followUps: number;
  approvals: number;
  consents: number;
  /** Consent files deleted with their consents (present when any were). */
  evidenceFiles?: number;
}

export interface RecordsStore {
  /** Moves `local:records` into the store (once); true when something was moved. */
  migrate(): Promise<boolean>;
  getBase(kind: BaseKind): Promise<BaseCopy | null>;
  setBase(kind: BaseKind, copy: BaseCopy): Promise<void>;
  clearBase(kind: BaseKind): Promise<void>;
  getRemoteStatus(): Promise<RemoteStatus | null>;
  setRemoteStatus(status: RemoteStatus): Promise<void>;
  additions(): Promise<LocalAddition[]>;
  addAddition(addition: LocalAddition): Promise<void>;
  /** Removes an addition and, for a consent, its kept file. */
  removeAddition(id: string): Promise<LocalAddition | null>;
  /** Keeps the file a recorded consent rests on (its addition must exist). */
  putEvidence(evidence: ConsentEvidence): Promise<void>;
  /** The kept consent files, of one client or all. */
  evidence(clientId?: string): Promise<ConsentEvidence[]>;
  followUps(): Promise<FollowUp[]>;
  putFollowUp(followUp: FollowUp): Promise<void>;
  getFollowUp(id: string): Promise<FollowUp | null>;
  /**
   * The records the engine uses: the base (remote when `preferRemote`, else imported) with the
   * local additions merged over it.
   */
  effective(preferRemote: boolean): Promise<EffectiveRecords>;
  /**
   * Changes whenever what `effective` reads changes (a base or a local addition written or
   * deleted, from any context), in the same transaction as the change: a copy of the records
   * read under one revision is still the stored one while the revision is the same. Null until
   * the first such change.
   */
  revision(): Promise<string | null>;
  /**
   * What a verdict would leave as follow-ups once the mail is sent, kept under its checkId until
   * the `decision` says sent (then taken) or it is a day old (dropped by the purge).
   */
  putPending(sent: SentVerdict, at: Date): Promise<void>;
  takePending(checkId: string): Promise<SentVerdict | null>;
  /**
   * The offer to record the approval a webmail tab shows after an approval round was sent, kept
   * per tab so the page after the send (Roundcube's list) still shows it.
   */
  putOffer(tabId: number, offer: ApprovalOffer, at: Date): Promise<void>;
  getOffer(tabId: number): Promise<{ offer: ApprovalOffer; at: string } | null>;
  dropOffer(tabId: number): Promise<void>;
  /** Deletes what is past retention; counts only. */
  purge(cutoff: Date): Promise<PurgeCounts>;
  /** Everything about one client (art. 13 deletion): additions, follow-ups and the client in `imported`. */
  deleteClient(clientId: string): Promise<ClientDeletion>;
}

const REMOTE_STATUS_KEY = 'remote-status';
/** In recordsBase: the records' revision (see RecordsStore.revision). */
const REVISION_KEY = 'revision';

function bumpRevision(tx: IDBTransaction): void {
  tx.objectStore(STORES.recordsBase).put(crypto.randomUUID(), REVISION_KEY);
}
const PENDING_PREFIX = 'pending:';
const OFFER_PREFIX = 'offer:';
/** A verdict not followed by a send within this time leaves nothing. */
const PENDING_MAX_MS = 24 * 3_600_000;

export function createRecordsStore(target: DbTarget = defaultDbTarget()): RecordsStore {
  let migrated: Promise<boolean> | null = null;

  async function get<T>(store: string, key: string): Promise<T | null> {
    const db = await openDb(target);
    const value = await requestResult(db.transaction(store, 'readonly').objectStore(store).get(key));
    return (value as T | undefined) ?? null;
  }

  /**
   * A write transaction on `store`; one that changes what the engine reads (a base, a local
   * addition) also gives the records a new revision, in the same transaction.
   */
  function writeTx(db: IDBDatabase, store: string, key: string | undefined): IDBTransaction {
    const engineReads = store === STORES.recordsLocal || (store === STORES.recordsBase && isBaseKind(key));
    const tx = db.transaction(engineReads && store !== STORES.recordsBase ? [store, STORES.recordsBase] : store, 'readwrite');
    if (engineReads) bumpRevision(tx);
    return tx;
  }

  async function put(store: string, value: unknown, key?: string): Promise<void> {
    const db = await openDb(target);
    const tx = writeTx(db, store, key);
    const done = transactionDone(tx);
    if (key === undefined) tx.objectStore(store).put(value);
    else tx.objectStore(store).put(value, key);
    await done;
  }

  async function del(store: string, key: string): Promise<void> {
    const db = await openDb(target);
    const tx = writeTx(db, store, key);
    const done = transactionDone(tx);
    tx.objectStore(store).delete(key);
    await done;
  }

  async function getAll<T>(store: string): Promise<T[]> {
    const db = await openDb(target);
    return (await requestResult(db.transaction(store, 'readonly').objectStore(store).getAll())) as T[];
  }

  /** Stored entries that still validate (a hand-edited or older entry is skipped, not trusted). */
  async function validAdditions(): Promise<LocalAddition[]> {
    const raw = await getAll<unknown>(STORES.recordsLocal);
    const out: LocalAddition[] = [];
    for (const r of raw) {
      const v = LocalAdditionSchema.safeParse(r);
      if (v.success) out.push(v.data);
    }
    return out;
  }

  async function validFollowUps(): Promise<FollowUp[]> {
    const raw = await getAll<unknown>(STORES.followUps);
    const out: FollowUp[] = [];
    for (const r of raw) {
      const v = FollowUpSchema.safeParse(r);
      if (v.success) out.push(v.data);
    }
    return out.toSorted((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  }

  /** Pending follow-ups older than a day (and, with a cutoff in the future, all of them). */
  async function dropOldPending(cutoff: Date): Promise<void> {
    const db = await openDb(target);
    const keys = (await requestResult(db.transaction(STORES.recordsBase, 'readonly').objectStore(STORES.recordsBase).getAllKeys())) as string[];
    const limit = Math.max(Date.now() - PENDING_MAX_MS, cutoff.getTime());
    for (const key of keys.filter((k) => typeof k === 'string' && (k.startsWith(PENDING_PREFIX) || k.startsWith(OFFER_PREFIX)))) {
      const entry = await get<{ at?: string }>(STORES.recordsBase, key);
      if (!entry?.at || Date.parse(entry.at) < limit) await del(STORES.recordsBase, key);
    }
  }

  /** Deletes additions and the consent files that rest on them, in one transaction. */
  async function dropAdditions(ids: Iterable<string>): Promise<number> {
    const list = [...ids];
    if (!list.length) return 0;
    const db = await openDb(target);
    const tx = db.transaction([STORES.recordsLocal, STORES.consentEvidence, STORES.recordsBase], 'readwrite');
    bumpRevision(tx);
    const done = transactionDone(tx);
    const files = tx.objectStore(STORES.consentEvidence);
    const counted = list.map((id) => {
      tx.objectStore(STORES.recordsLocal).delete(id);
      const n = requestResult(files.count(id));
      files.delete(id);
      return n;
    });
    const found = await Promise.all(counted);
    await done;
    return found.reduce((a, b) => a + b, 0);
  }

  /** Kept files whose consent is gone (e.g. a consent removed before this version): deleted. */
  async function dropOrphanEvidence(): Promise<number> {
    const db = await openDb(target);
    const keys = (await requestResult(db.transaction(STORES.consentEvidence, 'readonly').objectStore(STORES.consentEvidence).getAllKeys())) as string[];
    if (!keys.length) return 0;
    const live = new Set((await getAll<{ id: string }>(STORES.recordsLocal)).map((a) => a.id));
    const orphans = keys.filter((k) => !live.has(k));
    for (const k of orphans) await del(STORES.consentEvidence, k);
    return orphans.length;
  }

  function migrateOnce(): Promise<boolean> {
    migrated ??= (async () => {
      const old = await recordsItem.getValue();
      if (!old) return false;
      const existing = await get<BaseCopy>(STORES.recordsBase, 'imported');
      if (!existing) await put(STORES.recordsBase, { ...old } satisfies BaseCopy, 'imported');
      await recordsItem.removeValue();
      return !existing;
    })();
    migrated.catch(() => {
      migrated = null;
    });
    return migrated;
  }

  const store: RecordsStore = {
    migrate: migrateOnce,
    async getBase(kind) {
      await migrateOnce();
      return get<BaseCopy>(STORES.recordsBase, kind);
    },
    async setBase(kind, copy) {
      await migrateOnce();
      await put(STORES.recordsBase, copy, kind);
    },
    async clearBase(kind) {
      await del(STORES.recordsBase, kind);
    },
    getRemoteStatus: () => get<RemoteStatus>(STORES.recordsBase, REMOTE_STATUS_KEY),
    setRemoteStatus: (status) => put(STORES.recordsBase, status, REMOTE_STATUS_KEY),
    additions: validAdditions,
    async addAddition(addition) {
      const v = LocalAdditionSchema.parse(addition);
      await put(STORES.recordsLocal, v);
    },
    async removeAddition(id) {
      const found = await get<LocalAddition>(STORES.recordsLocal, id);
      if (found) await dropAdditions([id]);
      return found;
    },
    async putEvidence(evidence) {
      const addition = await get<LocalAddition>(STORES.recordsLocal, evidence.additionId);
      if (!addition || addition.type !== 'health-consent') throw new Error('consent evidence needs its recorded consent');
      if (evidence.bytes.length > MAX_EVIDENCE_BYTES) throw new Error(`consent file larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
      await put(STORES.consentEvidence, { ...evidence, clientId: canonicalId(evidence.clientId) } satisfies ConsentEvidence);
    },
    async evidence(clientId) {
      const all = await getAll<ConsentEvidence>(STORES.consentEvidence);
      const key = clientId === undefined ? null : canonicalId(clientId);
      return all.filter((e) => key === null || canonicalId(e.clientId) === key).toSorted((a, b) => a.storedAt.localeCompare(b.storedAt));
    },
    followUps: validFollowUps,
    async putFollowUp(followUp) {
      await put(STORES.followUps, FollowUpSchema.parse(followUp));
    },
    async getFollowUp(id) {
      const raw = await get<unknown>(STORES.followUps, id);
      const v = raw ? FollowUpSchema.safeParse(raw) : null;
      return v?.success ? v.data : null;
    },
    async effective(preferRemote) {
      await migrateOnce();
      const kind: BaseKind = preferRemote ? 'remote' : 'imported';
      const copy = await get<BaseCopy>(STORES.recordsBase, kind);
      const additions = await validAdditions();
      if (!copy) return { records: null, base: null, invalid: null, additions: additions.length, unmatched: additions };
      const r = validateWith(copy.fileName, copy.data, RecordsSchema);
      if (!r.ok) return { records: null, base: { kind, copy }, invalid: r.error, additions: additions.length, unmatched: [] };
      const merged = mergeRecords(r.value, additions);
      return { records: merged.records, base: { kind, copy }, invalid: null, additions: additions.length, unmatched: merged.unmatched };
    },
    async revision() {
      const value = await get<unknown>(STORES.recordsBase, REVISION_KEY);
      return typeof value === 'string' ? value : null;
    },
    async putPending(sent, at) {
      await put(STORES.recordsBase, { sent, at: at.toISOString() }, `${PENDING_PREFIX}${sent.checkId}`);
    },
    async takePending(checkId) {
      const key = `${PENDING_PREFIX}${checkId}`;
      const found = await get<{ sent: SentVerdict }>(STORES.recordsBase, key);
      if (found) await del(STORES.recordsBase, key);
      return found?.sent ?? null;
    },
    putOffer: (tabId, offer, at) => put(STORES.recordsBase, { offer, at: at.toISOString() }, `${OFFER_PREFIX}${tabId}`),
    getOffer: (tabId) => get<{ offer: ApprovalOffer; at: string }>(STORES.recordsBase, `${OFFER_PREFIX}${tabId}`),
    dropOffer: (tabId) => del(STORES.recordsBase, `${OFFER_PREFIX}${tabId}`),
    async purge(cutoff) {
      await migrateOnce();
      await dropOldPending(cutoff);
      const additions = await validAdditions();
      const goneAdditions = expiredAdditions(additions, cutoff);
      const evidenceFiles = (await dropAdditions(goneAdditions)) + (await dropOrphanEvidence());
      const followUps = await validFollowUps();
      const goneFollowUps = expiredFollowUps(followUps, cutoff);
      for (const id of goneFollowUps) await del(STORES.followUps, id);
      let approvals = 0;
      let consents = 0;
      const imported = await get<BaseCopy>(STORES.recordsBase, 'imported');
      if (imported) {
        const r = RecordsSchema.safeParse(imported.data);
        if (r.success) {
          const purged = purgeRecords(r.data, cutoff);
          approvals = purged.approvals;
          consents = purged.consents;
          if (approvals || consents) await put(STORES.recordsBase, { ...imported, data: purgeRaw(imported.data, cutoff) }, 'imported');
        }
      }
      return { additions: goneAdditions.size, followUps: goneFollowUps.size, approvals, consents, ...(evidenceFiles ? { evidenceFiles } : {}) };
    },
    async deleteClient(clientId) {
      await migrateOnce();
      const key = canonicalId(clientId);
      const additions = (await validAdditions()).filter((a) => canonicalId(a.clientId) === key);
      let evidenceFiles = await dropAdditions(additions.map((a) => a.id));
      // A file of this client whose consent no longer validates goes too.
      for (const e of await getAll<ConsentEvidence>(STORES.consentEvidence)) {
        if (canonicalId(e.clientId) === key) {
          await del(STORES.consentEvidence, e.additionId);
          evidenceFiles++;
        }
      }
      const followUps = (await validFollowUps()).filter((f) => canonicalId(f.clientId) === key);
      for (const f of followUps) await del(STORES.followUps, f.id);
      let importedClients = 0;
      const imported = await get<BaseCopy>(STORES.recordsBase, 'imported');
      const data = imported?.data as { clients?: { id?: unknown }[] } | undefined;
      if (imported && data && Array.isArray(data.clients)) {
        const kept = data.clients.filter((c) => !(typeof c?.id === 'string' && canonicalId(c.id) === key));
        importedClients = data.clients.length - kept.length;
        if (importedClients) await put(STORES.recordsBase, { ...imported, data: { ...data, clients: kept } }, 'imported');
      }
      return { additions: additions.length, followUps: followUps.length, importedClients, ...(evidenceFiles ? { evidenceFiles } : {}) };
    },
  };
  return store;
}

/** The stored JSON (unknown fields kept) without approvals and withdrawn consents past the cutoff. */
function purgeRaw(data: unknown, cutoff: Date): unknown {
  const c = cutoff.getTime();
  const d = data as { clients?: Record<string, unknown>[] };
  if (!Array.isArray(d.clients)) return data;
  return {
    ...d,
    clients: d.clients.map((client) => {
      const out = { ...client };
      if (Array.isArray(out.approvals)) out.approvals = (out.approvals as { approvedAt?: string }[]).filter((a) => !(typeof a.approvedAt === 'string' && Date.parse(a.approvedAt) < c));
      const hc = out.healthConsent as { withdrawnAt?: string | null } | null | undefined;
      if (hc && typeof hc.withdrawnAt === 'string' && Date.parse(hc.withdrawnAt) < c) out.healthConsent = null;
      return out;
    }),
  };
}
