import { describe, expect, it } from 'vitest';
import { acceptsVersion, layerPolicy, pickBase, type BasePolicy } from '../../../../utils/core/policy/layers.ts';
import type { PolicyChange } from '../../../../utils/core/policy/changes.ts';
import { POLICY_RAW } from '../../../helpers/engine.ts';

const raw = (patch: Record<string, unknown> = {}) => ({ ...structuredClone(POLICY_RAW), ...patch });
const managed = (patch: Record<string, unknown> = {}): BasePolicy => ({ source: 'managed', data: raw(patch), origin: 'managed storage: policy' });
const ADD_GMAIL: PolicyChange = { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'gmail.com' };
const REMOVE_UWV: PolicyChange = { op: 'remove', regio: 'utrecht', list: 'allowedRecipients', value: 'uwv.nl' };
const STRICT: PolicyChange = { op: 'set', field: 'requireRegioMailbox', value: true };

function whitelist(e: ReturnType<typeof layerPolicy>, regio = 0): string[] {
  if (e.state !== 'loaded') throw new Error(`not loaded: ${JSON.stringify(e)}`);
  return e.policy.regiokantoren[regio]!.allowedRecipients;
}

describe('policy layers', () => {
  it('no base → no policy (report mail is blocked), with the reason when known', () => {
    expect(layerPolicy({ base: null, edits: [ADD_GMAIL], mode: 'admin' })).toEqual({ state: 'none' });
    expect(layerPolicy({ base: null, missingReason: 'no signed policy accepted yet', edits: [], mode: 'staff' })).toEqual({
      state: 'none',
      reason: 'no signed policy accepted yet',
    });
  });

  it('built-in defaults fill what the policy leaves out', () => {
    const data = raw();
    delete (data as any).maxAttachmentMB;
    const e = layerPolicy({ base: { source: 'managed', data, origin: 'm' }, edits: [], mode: 'staff' });
    expect(e.state === 'loaded' && e.policy.maxAttachmentMB).toBe(25);
    expect(e.state === 'loaded' && e.policy.allowLocalEdits).toEqual([]);
  });

  it('a local file is the admin’s own: every edit applies', () => {
    const e = layerPolicy({ base: { source: 'local-file', data: raw(), origin: 'policy.json' }, edits: [ADD_GMAIL, REMOVE_UWV, STRICT], mode: 'admin' });
    expect(whitelist(e)).toEqual(['hr@werkgever-a.nl', '*.achmea.nl', 'arbodienst.nl', 'gmail.com']);
    expect(e.state === 'loaded' && e.policy.requireRegioMailbox).toBe(true);
  });

  it('a managed policy takes local edits only in the areas it allows', () => {
    const none = layerPolicy({ base: managed(), edits: [ADD_GMAIL, STRICT], mode: 'admin' });
    expect(whitelist(none)).not.toContain('gmail.com');
    expect(none.state === 'loaded' && none.skipped.map((s) => s.why)).toEqual(['not-allowed', 'not-allowed']);
    const some = layerPolicy({ base: managed({ allowLocalEdits: ['allowedRecipients'] }), edits: [ADD_GMAIL, STRICT], mode: 'admin' });
    expect(whitelist(some)).toContain('gmail.com');
    expect(some.state === 'loaded' && some.policy.requireRegioMailbox).toBe(false);
    expect(some.state === 'loaded' && some.editable).toEqual(['allowedRecipients']);
  });

  it('staff mode can loosen nothing: no local edit applies, whatever the policy allows', () => {
    for (const source of ['managed', 'signed-url', 'local-file'] as const) {
      const e = layerPolicy({
        base: { source, data: raw({ allowLocalEdits: ['allowedRecipients', 'regiokantoren', 'settings'] }), origin: 'x' },
        edits: [ADD_GMAIL, REMOVE_UWV, { op: 'remove-regio', regio: 'zwolle' }],
        mode: 'staff',
      });
      expect(whitelist(e)).toEqual((POLICY_RAW.regiokantoren[0] as { allowedRecipients: string[] }).allowedRecipients);
      expect(e.state === 'loaded' && e.policy.regiokantoren).toHaveLength(2);
      expect(e.state === 'loaded' && e.editable).toEqual([]);
    }
  });

  it('a new managed version keeps local edits on top of it', () => {
    const v2 = raw({ version: 2, allowLocalEdits: ['allowedRecipients'] });
    (v2 as any).regiokantoren[0].allowedRecipients.push('ggd.nl');
    const e = layerPolicy({ base: { source: 'signed-url', data: v2, origin: 'https://x' }, edits: [ADD_GMAIL], mode: 'admin' });
    expect(whitelist(e)).toEqual(expect.arrayContaining(['ggd.nl', 'gmail.com']));
    expect(e.state === 'loaded' && e.policy.version).toBe(2);
  });

  it('an invalid base, or edits that make it invalid, fail closed with one line', () => {
    const bad = layerPolicy({ base: { source: 'managed', data: { version: 1 }, origin: 'managed storage: policy' }, edits: [], mode: 'staff' });
    expect(bad).toEqual({ state: 'invalid', source: 'managed', error: 'managed storage: policy: organisation: expected text, got nothing' });
    const emptied = layerPolicy({
      base: { source: 'local-file', data: raw(), origin: 'policy.json' },
      edits: [{ op: 'remove-regio', regio: 'utrecht' }, { op: 'remove-regio', regio: 'zwolle' }],
      mode: 'admin',
    });
    expect(emptied).toEqual({ state: 'invalid', source: 'local-file', error: 'policy.json with local edits: regiokantoren: expected at least one entry, got a list of 0' });
  });
});

describe('rollback protection', () => {
  it('accepts the same or a newer version only', () => {
    expect(acceptsVersion(1, null)).toBe(true);
    expect(acceptsVersion(3, 3)).toBe(true);
    expect(acceptsVersion(4, 3)).toBe(true);
    expect(acceptsVersion(2, 3)).toBe(false);
  });

  it('inline and signed: the newer wins, the signed one on a tie', () => {
    const inline = managed({ version: 3 });
    const signed: BasePolicy = { source: 'signed-url', data: raw({ version: 3 }), origin: 'https://x' };
    expect(pickBase(inline, signed)).toBe(signed);
    expect(pickBase(managed({ version: 4 }), signed)?.source).toBe('managed');
    expect(pickBase(null, signed)).toBe(signed);
    expect(pickBase(inline, null)).toBe(inline);
  });
});
