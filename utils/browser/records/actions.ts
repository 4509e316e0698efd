// What staff do with the records, from the popup or the options page (issue 12 items 3, 4, 6,
// 7, 8): every change stored and audited here, once, so both pages behave alike. Audit entries
// carry ids, hashes, dates and counts — never names, file names or notes.
import { sha256Hex } from '../../core/documents/hash.ts';
import { canonicalId } from '../../core/records/lookup.ts';
import type { ApprovalMethod } from '../../core/records/schema.ts';
import type { FollowUp } from '../../core/records/follow-ups.ts';
import type { LocalAddition } from '../../core/records/local.ts';
import { buildInzage, type InzageExport } from '../../core/records/inzage.ts';
import type { AuditStore } from '../storage/audit-store.ts';
import { MAX_EVIDENCE_BYTES, type ClientDeletion, type RecordsStore } from '../storage/records-store.ts';
import { bytesToBase64 } from '../../core/messaging/base64.ts';

export interface ActionDeps {
  store: RecordsStore;
  audit: AuditStore;
  now(): Date;
  newId(): string;
  /** Who is recording (the staff member's address when known). */
  by?: string | undefined;
  /**
   * The policy's keepConsentEvidence: keep the signed consent file itself, not only its hash.
   * Read at the moment a consent is recorded; without it only the hash is kept.
   */
  keepConsentEvidence?: () => Promise<boolean>;
}

/** SHA-256 of a dropped file's original bytes: what the engine compares with. */
export async function fileHash(file: Blob): Promise<string> {
  return sha256Hex(new Uint8Array(await file.arrayBuffer()));
}

export async function recordApproval(
  deps: ActionDeps,
  input: { clientId: string; documentSha256: string; documentName?: string; method: ApprovalMethod; approvedAt: string; followUpId?: string },
): Promise<LocalAddition> {
  const now = deps.now();
  const addition: LocalAddition = {
    id: deps.newId(),
    type: 'approval',
    clientId: canonicalId(input.clientId),
    recordedAt: now.toISOString(),
    documentSha256: input.documentSha256,
    approvedAt: input.approvedAt,
    method: input.method,
    ...(input.documentName ? { documentName: input.documentName.slice(0, 300) } : {}),
    ...(deps.by ? { recordedBy: deps.by } : {}),
  };
  await deps.store.addAddition(addition);
  await deps.audit.append('records-changed', { action: 'approval-recorded', addition: addition.id, client: addition.clientId, documentSha256: input.documentSha256, approvedAt: input.approvedAt, method: input.method, by: deps.by ?? null }, now);
  // The "record the approval when the client agrees" task for this document is done by this.
  for (const f of await deps.store.followUps()) {
    if (f.doneAt === null && f.kind === 'await-approval' && canonicalId(f.clientId) === addition.clientId && (f.id === input.followUpId || f.documents.some((d) => d.sha256 === input.documentSha256))) {
      await completeFollowUp(deps, f, null);
    }
  }
  return addition;
}

/**
 * Written health consent. `evidenceFile` is the signed file itself: kept (records store) only
 * when the policy says keepConsentEvidence, else only its hash is. A file that is not the one
 * hashed is refused, and nothing is recorded.
 */
export async function recordHealthConsent(
  deps: ActionDeps,
  input: { clientId: string; evidenceSha256: string; evidenceName?: string; evidenceFile?: Blob; givenAt: string; scope: string },
): Promise<LocalAddition> {
  const now = deps.now();
  const keep = (await deps.keepConsentEvidence?.()) ?? false;
  let bytes: Uint8Array | null = null;
  if (keep) {
    if (!input.evidenceFile) throw new Error('the policy keeps the signed consent itself: choose the file');
    bytes = new Uint8Array(await input.evidenceFile.arrayBuffer());
    if (bytes.length > MAX_EVIDENCE_BYTES) throw new Error(`the consent file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
    if ((await sha256Hex(bytes)) !== input.evidenceSha256) throw new Error('the consent file changed after it was chosen: choose it again');
  }
  const addition: LocalAddition = {
    id: deps.newId(),
    type: 'health-consent',
    clientId: canonicalId(input.clientId),
    recordedAt: now.toISOString(),
    givenAt: input.givenAt,
    evidenceSha256: input.evidenceSha256,
    scope: input.scope.trim(),
    ...(input.evidenceName ? { evidenceName: input.evidenceName.slice(0, 300) } : {}),
    ...(deps.by ? { recordedBy: deps.by } : {}),
  };
  await deps.store.addAddition(addition);
  if (bytes) {
    try {
      await deps.store.putEvidence({
        additionId: addition.id,
        clientId: addition.clientId,
        sha256: input.evidenceSha256,
        name: (input.evidenceName ?? 'consent').slice(0, 300),
        type: input.evidenceFile?.type || 'application/octet-stream',
        size: bytes.length,
        storedAt: now.toISOString(),
        bytes,
      });
    } catch (e) {
      // Kept as the policy says, or not recorded at all.
      await deps.store.removeAddition(addition.id);
      throw e;
    }
  }
  await deps.audit.append(
    'records-changed',
    { action: 'health-consent-recorded', addition: addition.id, client: addition.clientId, evidenceSha256: input.evidenceSha256, givenAt: input.givenAt, ...(bytes ? { evidenceKept: true } : {}), by: deps.by ?? null },
    now,
  );
  return addition;
}

export async function withdrawHealthConsent(deps: ActionDeps, input: { clientId: string; withdrawnAt: string }): Promise<LocalAddition> {
  const now = deps.now();
  const addition: LocalAddition = { id: deps.newId(), type: 'health-consent-withdrawn', clientId: canonicalId(input.clientId), recordedAt: now.toISOString(), withdrawnAt: input.withdrawnAt, ...(deps.by ? { recordedBy: deps.by } : {}) };
  await deps.store.addAddition(addition);
  await deps.audit.append('records-changed', { action: 'health-consent-withdrawn', addition: addition.id, client: addition.clientId, withdrawnAt: input.withdrawnAt, by: deps.by ?? null }, now);
  return addition;
}

export async function recordProfileConsent(deps: ActionDeps, input: { clientId: string; givenAt: string; explicit: boolean; anonymisedOnly: boolean }): Promise<LocalAddition> {
  const now = deps.now();
  const addition: LocalAddition = { id: deps.newId(), type: 'profile-consent', clientId: canonicalId(input.clientId), recordedAt: now.toISOString(), givenAt: input.givenAt, explicit: input.explicit, anonymisedOnly: input.anonymisedOnly, ...(deps.by ? { recordedBy: deps.by } : {}) };
  await deps.store.addAddition(addition);
  await deps.audit.append('records-changed', { action: 'profile-consent-recorded', addition: addition.id, client: addition.clientId, explicit: input.explicit, anonymisedOnly: input.anonymisedOnly, givenAt: input.givenAt, by: deps.by ?? null }, now);
  return addition;
}

/** Removes an addition recorded by mistake (audited). */
export async function removeAddition(deps: ActionDeps, id: string): Promise<boolean> {
  const gone = await deps.store.removeAddition(id);
  if (gone) await deps.audit.append('records-changed', { action: 'addition-removed', addition: id, type: gone.type, client: gone.clientId, by: deps.by ?? null }, deps.now());
  return gone !== null;
}

async function completeFollowUp(deps: ActionDeps, f: FollowUp, note: string | null): Promise<FollowUp> {
  const now = deps.now();
  const done: FollowUp = { ...f, doneAt: now.toISOString(), doneBy: deps.by ?? null, note: note?.trim() ? note.trim().slice(0, 500) : f.note };
  await deps.store.putFollowUp(done);
  await deps.audit.append('records-changed', { action: 'follow-up-done', followUp: f.id, kind: f.kind, client: f.clientId, by: deps.by ?? null }, now);
  return done;
}

/** Ticks a follow-up off (the client was informed), with an optional short note. */
export async function tickFollowUp(deps: ActionDeps, id: string, note: string | null = null): Promise<FollowUp | null> {
  const f = await deps.store.getFollowUp(id);
  if (!f || f.doneAt !== null) return null;
  return completeFollowUp(deps, f, note);
}

/** An oral report to the opdrachtgever, noted in the dossier (done at once). */
export async function noteOralReport(deps: ActionDeps, input: { clientId: string; note: string }): Promise<FollowUp> {
  const now = deps.now();
  const f: FollowUp = {
    id: deps.newId(),
    clientId: canonicalId(input.clientId),
    kind: 'oral-report',
    createdAt: now.toISOString(),
    ground: null,
    checkId: null,
    note: input.note.trim().slice(0, 500) || null,
    documents: [],
    doneAt: now.toISOString(),
    doneBy: deps.by ?? null,
  };
  await deps.store.putFollowUp(f);
  await deps.audit.append('records-changed', { action: 'oral-report-noted', followUp: f.id, client: f.clientId, by: deps.by ?? null }, now);
  return f;
}

/** Everything held about one client (art. 13 inzage), and the fact of the export audited. */
export async function inzageExport(deps: ActionDeps, clientId: string): Promise<InzageExport> {
  const remote = await deps.store.getBase('remote');
  const eff = await deps.store.effective(remote !== null);
  const out = buildInzage({
    clientId,
    now: deps.now(),
    records: eff.records,
    recordSource: eff.base?.kind ?? null,
    additions: await deps.store.additions(),
    followUps: await deps.store.followUps(),
    evidence: (await deps.store.evidence(clientId)).map(({ bytes, ...meta }) => ({ ...meta, base64: bytesToBase64(bytes) })),
    audit: await deps.audit.all(),
  });
  await deps.audit.append('records-changed', { action: 'inzage-exported', client: out.client, auditEntries: out.audit.length, by: deps.by ?? null }, deps.now());
  return out;
}

/**
 * A client's data deleted on request (art. 13): what this browser recorded about them and their
 * entry in the imported records. The audit entry names no one: counts only. Audit lines that
 * name the client stay until retention removes them (the chain can't lose lines in the middle).
 */
export async function deleteClientData(deps: ActionDeps, clientId: string): Promise<ClientDeletion> {
  const counts = await deps.store.deleteClient(clientId);
  await deps.audit.append('client-deleted', { ...counts, by: deps.by ?? null }, deps.now());
  return counts;
}
