// Saving the admin console's changes: the local edit layer (utils/core/policy/layers.ts). Checked
// again here, at the moment of writing, whatever the page showed: only in admin mode, only in
// the areas the policy allows, and only when the policy stays valid. Every saved change is
// audited (addresses and domains only, as the audit log allows).
import { addEdit, areaOf, type PolicyChange } from '../../core/policy/changes.ts';
import { layerPolicy } from '../../core/policy/layers.ts';
import type { AuditData } from '../../core/audit/types.ts';
import { policyEditsItem } from './items.ts';
import { readPolicyState } from './effective-policy.ts';

export type SaveResult = { ok: true; saved: PolicyChange[] } | { ok: false; error: string };

export interface EditAudit {
  append(type: string, data: AuditData): Promise<unknown>;
}

/** Adds `changes` to the local edits, or refuses all of them with one line. */
export async function saveEdits(changes: readonly PolicyChange[], audit: EditAudit, now: Date = new Date()): Promise<SaveResult> {
  if (changes.length === 0) return { ok: true, saved: [] };
  const state = await readPolicyState();
  if (state.mode !== 'admin') return { ok: false, error: 'this browser is in staff mode: the policy cannot be changed here' };
  const e = state.effective;
  if (e.state !== 'loaded') return { ok: false, error: 'there is no valid policy to change' };
  const refused = changes.find((c) => !e.editable.includes(areaOf(c)));
  if (refused) return { ok: false, error: `the policy does not allow local changes to ${areaOf(refused)}` };

  const stored = (await policyEditsItem.getValue())?.changes ?? [];
  let next = stored;
  for (const c of changes) next = addEdit(next, c);
  // The policy with the new edits must still be a valid policy (e.g. not the last office removed).
  const check = layerPolicy({ base: state.base, edits: next, mode: 'admin' });
  if (check.state !== 'loaded') return { ok: false, error: check.state === 'invalid' ? check.error : 'there is no valid policy to change' };

  await policyEditsItem.setValue({ changes: next, updatedAt: now.toISOString() });
  for (const c of changes) {
    await audit.append('policy-edited', { ...describeForAudit(c), source: e.source, policyVersion: e.policy.version }).catch(() => undefined);
  }
  return { ok: true, saved: [...changes] };
}

/** Ids, addresses and domains only: the audit log's rule. */
function describeForAudit(c: PolicyChange): AuditData {
  switch (c.op) {
    case 'add-regio':
      return { op: c.op, regio: c.regio, mailbox: c.value.mailbox };
    case 'remove-regio':
      return { op: c.op, regio: c.regio };
    case 'set-regio':
      return { op: c.op, regio: c.regio, field: c.field, value: c.value };
    case 'set':
      return { op: c.op, field: c.field, value: c.value };
    case 'add':
    case 'remove':
      return { op: c.op, regio: c.regio, list: c.list, value: c.value };
  }
}
