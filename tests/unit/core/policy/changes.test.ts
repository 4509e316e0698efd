import { describe, expect, it } from 'vitest';
import { addEdit, applyChanges, areaOf, diffPolicy, valueKey, type PolicyChange } from '../../../../utils/core/policy/changes.ts';
import { POLICY_RAW } from '../../../helpers/engine.ts';

const base = () => structuredClone(POLICY_RAW) as Record<string, any>;

describe('policy changes: diff', () => {
  it('no changes between equal policies, or when only case or a trailing dot differs', () => {
    expect(diffPolicy(base(), base())).toEqual([]);
    const b = base();
    b.regiokantoren[0].allowedRecipients = ['UWV.nl.', 'HR@Werkgever-A.nl', '*.achmea.nl', 'arbodienst.nl'];
    expect(diffPolicy(base(), b)).toEqual([]);
  });

  it('names every kind of change, in reading order', () => {
    const b = base();
    b.regiokantoren[0].allowedRecipients.push('ggd.nl');
    b.regiokantoren[0].allowedRecipients = b.regiokantoren[0].allowedRecipients.filter((e: string) => e !== 'uwv.nl');
    b.regiokantoren[0].mailbox = 'info-utrecht@focus-nederland.nl';
    b.regiokantoren[1].staff.push('c.visser@focus-nederland.nl');
    b.regiokantoren.push({ id: 'gouda', name: 'Regiokantoor Gouda', mailbox: 'gouda@focus-nederland.nl', staff: [], allowedRecipients: [] });
    b.healthTerms.add.push('burn-out');
    b.medicalRecipients = ['*.arbodienst.nl'];
    b.requireRegioMailbox = true;
    b.organisation = 'Ander';
    expect(diffPolicy(base(), b)).toEqual([
      { op: 'set-regio', regio: 'utrecht', field: 'mailbox', value: 'info-utrecht@focus-nederland.nl' },
      { op: 'remove', regio: 'utrecht', list: 'allowedRecipients', value: 'uwv.nl' },
      { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'ggd.nl' },
      { op: 'add', regio: 'zwolle', list: 'staff', value: 'c.visser@focus-nederland.nl' },
      { op: 'add-regio', regio: 'gouda', value: b.regiokantoren[2] },
      { op: 'add', regio: null, list: 'medicalRecipients', value: '*.arbodienst.nl' },
      { op: 'add', regio: null, list: 'healthTerms.add', value: 'burn-out' },
      { op: 'set', field: 'requireRegioMailbox', value: true },
    ]);
  });

  it('a removed regiokantoor is one change, not a list of removed entries', () => {
    const b = base();
    b.regiokantoren.splice(1, 1);
    expect(diffPolicy(base(), b)).toEqual([{ op: 'remove-regio', regio: 'zwolle' }]);
  });
});

describe('policy changes: apply', () => {
  it('diff then apply gives the target back (round trip)', () => {
    const b = base();
    b.regiokantoren[0].allowedRecipients.push('ggd.nl');
    b.regiokantoren[1].staff = ['b.mulder@focus-nederland.nl'];
    b.regiokantoren.push({ id: 'gouda', name: 'Gouda', mailbox: 'gouda@focus-nederland.nl', staff: [], allowedRecipients: ['uwv.nl'] });
    b.maxAttachmentMB = 10;
    const r = applyChanges(base(), diffPolicy(base(), b), 'all');
    expect(r.skipped).toEqual([]);
    expect(r.policy).toEqual(b);
  });

  it('keeps unknown fields and leaves the input untouched', () => {
    const a: Record<string, any> = { ...base(), future: { x: 1 } };
    a.regiokantoren[0].phone = '030';
    const r = applyChanges(a, [{ op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'ggd.nl' }], 'all');
    expect((r.policy as any).future).toEqual({ x: 1 });
    expect((r.policy as any).regiokantoren[0].phone).toBe('030');
    expect(a.regiokantoren[0].allowedRecipients).not.toContain('ggd.nl');
  });

  it('applies only the allowed areas and says why the rest was left out', () => {
    const changes: PolicyChange[] = [
      { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'ggd.nl' },
      { op: 'add', regio: 'utrecht', list: 'staff', value: 'x@focus-nederland.nl' },
      { op: 'remove-regio', regio: 'zwolle' },
      { op: 'add', regio: 'nowhere', list: 'allowedRecipients', value: 'a.nl' },
      { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'UWV.NL' },
    ];
    const r = applyChanges(base(), changes, new Set(['allowedRecipients'] as const));
    expect(r.applied).toEqual([changes[0]]);
    expect(r.skipped.map((s) => s.why)).toEqual(['not-allowed', 'not-allowed', 'no-such-regio', 'no-op']);
    expect((r.policy as any).regiokantoren).toHaveLength(2);
  });

  it('areas', () => {
    expect(areaOf({ op: 'remove-regio', regio: 'x' })).toBe('regiokantoren');
    expect(areaOf({ op: 'set-regio', regio: 'x', field: 'name', value: 'y' })).toBe('mailbox');
    expect(areaOf({ op: 'add', regio: null, list: 'healthTerms.remove', value: 'y' })).toBe('healthTerms');
    expect(areaOf({ op: 'add', regio: null, list: 'medicalRecipients', value: 'y.nl' })).toBe('medicalRecipients');
    expect(areaOf({ op: 'set', field: 'protectPdf', value: false })).toBe('settings');
  });
});

describe('policy changes: the stored layer stays short', () => {
  it('an add cancels an earlier remove of the same entry and the other way round', () => {
    let edits: PolicyChange[] = [];
    edits = addEdit(edits, { op: 'remove', regio: 'utrecht', list: 'allowedRecipients', value: 'uwv.nl' });
    edits = addEdit(edits, { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'UWV.nl' });
    expect(edits).toEqual([]);
    edits = addEdit(edits, { op: 'add-regio', regio: 'gouda', value: { id: 'gouda', name: 'G', mailbox: 'g@focus-nederland.nl' } });
    edits = addEdit(edits, { op: 'remove-regio', regio: 'gouda' });
    expect(edits).toEqual([]);
  });

  it('a later setting replaces an earlier one', () => {
    let edits: PolicyChange[] = [];
    edits = addEdit(edits, { op: 'set', field: 'maxAttachmentMB', value: 10 });
    edits = addEdit(edits, { op: 'set', field: 'maxAttachmentMB', value: 12 });
    expect(edits).toEqual([{ op: 'set', field: 'maxAttachmentMB', value: 12 }]);
  });

  it('entries compare in the matcher’s form', () => {
    expect(valueKey('allowedRecipients', 'Pöst.NL.')).toBe(valueKey('allowedRecipients', 'xn--pst-sna.nl'));
    expect(valueKey('allowedRecipients', '*.uwv.nl')).not.toBe(valueKey('allowedRecipients', 'uwv.nl'));
    expect(valueKey('staff', 'A.Jansen@Focus-Nederland.nl')).toBe('a.jansen@focus-nederland.nl');
  });
});
