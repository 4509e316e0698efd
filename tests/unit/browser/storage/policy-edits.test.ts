import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveEdits } from '../../../../utils/browser/storage/policy-edits.ts';
import { loadPolicyFile } from '../../../../utils/browser/storage/load.ts';
import { policyEditsItem } from '../../../../utils/browser/storage/items.ts';
import { readPolicy } from '../../../../utils/browser/storage/effective-policy.ts';
import type { PolicyChange } from '../../../../utils/core/policy/changes.ts';
import { POLICY_RAW } from '../../../helpers/engine.ts';

const ADD: PolicyChange = { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'ggd.nl' };
function auditLog() {
  const entries: { type: string; data: Record<string, unknown> }[] = [];
  return { entries, append: async (type: string, data: Record<string, unknown>) => entries.push({ type, data }) };
}

describe('saving console edits', () => {
  beforeEach(() => fakeBrowser.reset());

  it('on a local file: saved, applied, audited with source and version', async () => {
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    const audit = auditLog();
    expect(await saveEdits([ADD], audit)).toEqual({ ok: true, saved: [ADD] });
    const p = await readPolicy();
    expect(p.state === 'loaded' && p.value.regiokantoren[0]!.allowedRecipients).toContain('ggd.nl');
    expect(audit.entries).toEqual([{ type: 'policy-edited', data: { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'ggd.nl', source: 'local-file', policyVersion: 1 } }]);
  });

  it('refuses in staff mode, and where the managed policy does not allow it, storing nothing', async () => {
    const audit = auditLog();
    await fakeBrowser.storage.managed.set({ policy: { ...POLICY_RAW, allowLocalEdits: ['staff'] } });
    expect(await saveEdits([ADD], audit)).toEqual({ ok: false, error: 'this browser is in staff mode: the policy cannot be changed here' });
    await fakeBrowser.storage.managed.set({ adminMode: true });
    expect(await saveEdits([ADD], audit)).toEqual({ ok: false, error: 'the policy does not allow local changes to allowedRecipients' });
    expect(await saveEdits([{ op: 'add', regio: 'utrecht', list: 'staff', value: 'c.visser@focus-nederland.nl' }], audit)).toMatchObject({ ok: true });
    expect((await policyEditsItem.getValue())?.changes).toHaveLength(1);
    expect(audit.entries).toHaveLength(1);
  });

  it('refuses a change that would leave an invalid policy', async () => {
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    const r = await saveEdits([{ op: 'remove-regio', regio: 'utrecht' }, { op: 'remove-regio', regio: 'zwolle' }], auditLog());
    expect(r).toEqual({ ok: false, error: 'policy.json with local edits: regiokantoren: expected at least one entry, got a list of 0' });
    expect(await policyEditsItem.getValue()).toBeNull();
  });

  it('an add after a remove of the same entry leaves no edit behind', async () => {
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    const audit = auditLog();
    await saveEdits([{ op: 'remove', regio: 'utrecht', list: 'allowedRecipients', value: 'uwv.nl' }], audit);
    await saveEdits([{ op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'uwv.nl' }], audit);
    expect((await policyEditsItem.getValue())?.changes).toEqual([]);
    expect(audit.entries.map((e) => e.data.op)).toEqual(['remove', 'add']);
  });
});
