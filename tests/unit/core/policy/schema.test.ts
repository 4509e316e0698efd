import { describe, expect, it } from 'vitest';
import { PolicySchema } from '../../../../utils/core/policy/schema.ts';
import { validateWith } from '../../../../utils/core/policy/errors.ts';
import { POLICY_RAW } from '../../../helpers/engine.ts';

const raw = () => structuredClone(POLICY_RAW) as Record<string, any>;
const error = (data: unknown) => {
  const r = validateWith('policy.json', data, PolicySchema);
  return r.ok ? null : r.error;
};

describe('policy schema', () => {
  it('accepts the contract example and applies defaults', () => {
    const p = raw();
    delete p.requireRegioMailbox;
    delete p.healthTerms;
    delete p.maxAttachmentMB;
    const parsed = PolicySchema.parse(p);
    expect(parsed.requireRegioMailbox).toBe(false);
    expect(parsed.healthTerms).toEqual({ add: [], remove: [] });
    expect(parsed.maxAttachmentMB).toBe(25);
    expect(parsed.protectPdf).toBe(true);
  });

  it('keeps unknown fields at every level', () => {
    const p = raw();
    p.future = { a: 1 };
    p.regiokantoren[0].phone = '030-1234567';
    p.healthTerms.note = 'x';
    const parsed = PolicySchema.parse(p) as Record<string, any>;
    expect(parsed.future).toEqual({ a: 1 });
    expect(parsed.regiokantoren[0].phone).toBe('030-1234567');
    expect(parsed.healthTerms.note).toBe('x');
  });

  it('rejects an invalid whitelist entry, naming its path', () => {
    const p = raw();
    p.regiokantoren[0].allowedRecipients[2] = 'werkgever a.nl';
    expect(error(p)).toBe(
      'policy.json: regiokantoren[0].allowedRecipients[2]: expected a recipient entry: name@domain, domain or *.domain, got "werkgever a.nl"',
    );
    p.regiokantoren[0].allowedRecipients[2] = '*.nl';
    expect(error(p)).toMatch(/allowedRecipients\[2\]: expected a recipient entry/);
  });

  it('accepts IDN entries and all three entry forms', () => {
    const p = raw();
    p.regiokantoren[0].allowedRecipients = ['bücher.de', '*.achmea.nl', 'hr@werkgever-a.nl', 'UWV.NL.'];
    expect(error(p)).toBeNull();
  });

  it('rejects duplicate regiokantoor ids', () => {
    const p = raw();
    p.regiokantoren[1].id = 'utrecht';
    expect(error(p)).toMatch(/^policy\.json: regiokantoren\[1\]\.id: expected an id not used before .*got "utrecht"$/);
  });

  it('rejects invalid staff and mailbox addresses', () => {
    const p = raw();
    p.regiokantoren[1].staff[0] = 'b.mulder';
    expect(error(p)).toBe('policy.json: regiokantoren[1].staff[0]: expected an e-mail address like name@example.nl, got "b.mulder"');
    const q = raw();
    delete q.regiokantoren[0].mailbox;
    expect(error(q)).toBe('policy.json: regiokantoren[0].mailbox: expected text, got nothing');
  });

  it('rejects wrong types, versions and limits', () => {
    // version is the policy's revision (rollback protection compares it): a whole number from 1.
    expect(error({ ...raw(), version: 2 })).toBeNull();
    expect(error({ ...raw(), version: 0 })).toBe('policy.json: version: expected a number of at least 1, got 0');
    expect(error({ ...raw(), version: 1.5 })).toBe('policy.json: version: expected a whole number, got 1.5');
    expect(error({ ...raw(), version: '2' })).toBe('policy.json: version: expected a number, got "2"');
    expect(error({ ...raw(), allowLocalEdits: ['allowedRecipients', 'everything'] })).toBe(
      'policy.json: allowLocalEdits[1]: expected one of regiokantoren, mailbox, staff, allowedRecipients, medicalRecipients, healthTerms, settings, got "everything"',
    );
    expect(error({ ...raw(), requireRegioMailbox: 'yes' })).toBe('policy.json: requireRegioMailbox: expected true or false, got "yes"');
    expect(error({ ...raw(), maxAttachmentMB: 0 })).toBe('policy.json: maxAttachmentMB: expected a number above 0, got 0');
    expect(error({ ...raw(), regiokantoren: [] })).toBe('policy.json: regiokantoren: expected at least one entry, got a list of 0');
    expect(error({ ...raw(), organisation: '' })).toMatch(/^policy\.json: organisation: expected non-empty text/);
    expect(error([])).toBe('policy.json: (top level): expected an object, got a list of 0');
  });
});
