// rules/approval.ts: APPROVAL_MISSING, APPROVAL_STALE, EXCEPTION_GROUND_USED, PROGRESS_INFO.
import { describe, expect, it } from 'vitest';
import { justificationOk } from '../../../../../utils/core/policy/context.ts';
import { OLD_VERSION, analysed, blocking, check, codes, policy, records } from '../../../../helpers/engine.ts';

describe('evaluate: approvals', () => {
  it('blocks an attachment that was never approved (client has no approvals)', () => {
    const v = check({ client: 'C-2001', subject: 'Rapport', to: ['hr@werkgever-a.nl'] });
    expect(blocking(v)).toEqual(['APPROVAL_MISSING:rapport.pdf']);
  });

  it('blocks a version other than the approved one', () => {
    const v = check({}, [analysed('rapport.pdf', { sha256: OLD_VERSION })]);
    expect(blocking(v)).toEqual(['APPROVAL_STALE:rapport.pdf']);
  });

  it('judges every attachment separately', () => {
    const v = check({}, [analysed('a.pdf'), analysed('b.pdf', { sha256: OLD_VERSION })]);
    expect(blocking(v)).toEqual(['APPROVAL_STALE:b.pdf']);
  });

  it('does not count an approval dated after now', () => {
    const v = check({}, undefined, policy, records, new Date('2026-11-01T00:00:00Z'));
    expect(blocking(v)).toEqual(['APPROVAL_MISSING:rapport.pdf']);
  });

  it('accepts an exception ground with a justification of 20+ characters, as a warning', () => {
    const ex = { ground: 'legal-obligation', justification: 'Wettelijke termijn UWV verloopt' };
    const v = check({ exception: ex }, [analysed('rapport.pdf', { sha256: OLD_VERSION })]);
    expect(v.verdict).toBe('warn');
    expect(blocking(v)).toEqual(['EXCEPTION_GROUND_USED:C-1042']);
    expect(v.findings.find((f) => f.code === 'EXCEPTION_GROUND_USED')?.message).toContain('wettelijke plicht');
  });

  it('does not accept a short justification (trimmed) and keeps the finding', () => {
    const ex = { ground: 'contract', justification: '   te kort hoor       ' };
    expect(blocking(check({ exception: ex }, [analysed('r.pdf', { sha256: OLD_VERSION })]))).toEqual(['APPROVAL_STALE:r.pdf']);
    expect(justificationOk('x'.repeat(19))).toBe(false);
    expect(justificationOk(' ' + 'x'.repeat(20) + ' ')).toBe(true);
  });

  it('gives no exception warning when everything is approved anyway', () => {
    const ex = { ground: 'contract', justification: 'Afspraak in de arbeidsovereenkomst' };
    expect(check({ exception: ex }).verdict).toBe('allow');
  });

  it('lets progress info go without approval, with a warning', () => {
    const v = check({ reportKind: 'progress' }, [analysed('voortgang.pdf', { sha256: OLD_VERSION })]);
    expect(v.verdict).toBe('warn');
    expect(blocking(v)).toEqual(['PROGRESS_INFO:C-1042']);
  });

  it('needs no approval for the approval round to the client alone', () => {
    const v = check({ to: ['jdevries@example.org'] }, [analysed('concept.docx', { type: 'docx', sha256: OLD_VERSION })]);
    expect(v.verdict).toBe('allow');
    expect(codes(v)).toEqual(['ATTACHMENT_CONVERTED']);
  });

  it('treats the regio mailbox as a non-client recipient: the client + mailbox is no approval round', () => {
    const v = check({ to: ['jdevries@example.org'], cc: ['utrecht@focus-nederland.nl'] }, [analysed('concept.docx', { type: 'docx', sha256: OLD_VERSION })]);
    expect(v.verdict).toBe('block');
    expect(codes(v)).toContain('APPROVAL_STALE');
    expect(codes(v)).not.toContain('RECIPIENT_NOT_WHITELISTED');
  });
});

describe('evaluate: edge cases', () => {
  it('ignores an exception ground on progress info', () => {
    const ex = { ground: 'contract', justification: 'Afspraak in de arbeidsovereenkomst' };
    expect(blocking(check({ reportKind: 'progress', exception: ex }, [analysed('r.pdf', { sha256: OLD_VERSION })]))).toEqual([
      'PROGRESS_INFO:C-1042',
    ]);
  });
});
