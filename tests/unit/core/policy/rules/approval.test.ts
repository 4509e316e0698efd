// rules/approval.ts: APPROVAL_MISSING, APPROVAL_STALE, EXCEPTION_GROUND_USED, PROGRESS_INFO.
import { describe, expect, it } from 'vitest';
import { justificationOk } from '../../../../../utils/core/policy/context.ts';
import { NOW, OLD_VERSION, analysed, blocking, check, codes, makeMessage, makeRecords, policy, records } from '../../../../helpers/engine.ts';
import { evaluate } from '../../../../../utils/core/policy/evaluate.ts';

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

describe('evaluate: APPROVAL_STALE says which version was approved and when', () => {
  it('names the date of the latest approval (Dutch and English)', () => {
    const nl = check({}, [analysed('rapport-v3.pdf', { sha256: OLD_VERSION })]);
    const f = nl.findings.find((x) => x.code === 'APPROVAL_STALE')!;
    expect(f.message).toContain('op 2 november 2026 heeft goedgekeurd');
    expect(f.details).toMatchObject({ approvedAt: '2026-11-02T10:00:00Z' });
    const en = evaluate(makeMessage({}, [analysed('rapport-v3.pdf', { sha256: OLD_VERSION })]), policy, records, NOW, { lang: 'en' });
    expect(en.findings.find((x) => x.code === 'APPROVAL_STALE')!.message).toContain('approved on 2 November 2026');
  });

  it('names the approved file when staff recorded it', () => {
    const r = makeRecords((x) => Object.assign(x.clients[0]!.approvals[0]!, { documentName: 'rapport-v2.pdf', approvedAt: '2026-11-20T15:30:00Z' }));
    const v = check({}, [analysed('rapport-v3.pdf', { sha256: OLD_VERSION })], policy, r);
    expect(v.findings[0]!.message).toBe(
      'rapport-v3.pdf is niet de versie die cliënt C-1042 op 20 november 2026 heeft goedgekeurd (rapport-v2.pdf). De cliënt moet deze nieuwe versie eerst zien en goedkeuren, of voeg de goedgekeurde versie toe.',
    );
  });
});
