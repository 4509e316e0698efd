// `status`: what is loaded.
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, loadRecordsFile } from '../../../../../utils/browser/storage/load.ts';
import { recordsWithApproval, useTestBackground, OPTIONS_PAGE } from '../../../../helpers/background.ts';
import { MINIMAL_POLICY_RAW } from '../../../../helpers/engine.ts';

const policy = MINIMAL_POLICY_RAW;

const bg = useTestBackground();

describe('status', () => {
  it('reports what is loaded', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await loadRecordsFile(JSON.stringify(recordsWithApproval('ab'.repeat(32))), 'records.json');
    expect(await bg.handle({ kind: 'status' }, OPTIONS_PAGE)).toEqual({ ok: true, policyLoaded: true, guard: true, organisation: 'Focus Nederland', regiokantoren: 1, clients: 1 });
  });
});
