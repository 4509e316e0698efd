import { describe, expect, it } from 'vitest';
import { evaluate, justificationOk } from '../../../../utils/core/policy/evaluate.ts';
import { EMPTY_RECORDS } from '../../../../utils/core/records/schema.ts';
import type { Verdict } from '../../../../utils/core/policy/types.ts';
import { NOW, OLD_VERSION, analysed, hashOf, makeMessage, makePolicy, makeRecords } from '../../../helpers/engine.ts';

const policy = makePolicy();
const records = makeRecords();
const check = (patch: Record<string, unknown> = {}, attachments = [analysed('rapport.pdf')], p = policy, r = records, now = NOW) =>
  evaluate(makeMessage(patch, attachments), p, r, now);
const codes = (v: Verdict) => v.findings.map((f) => f.code);
const blocking = (v: Verdict) => v.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code}:${f.subject ?? ''}`);

describe('evaluate: the happy path', () => {
  it('allows an approved report to a whitelisted recipient in the agreement', () => {
    const v = check();
    expect(v.verdict).toBe('allow');
    expect(codes(v)).toEqual(['PDF_FLATTENED']);
    expect(v.findings[0]).toMatchObject({ severity: 'info', subject: 'rapport.pdf' });
  });

  it('writes Dutch by default and English on request', () => {
    const m = makeMessage({ to: ['hr@werkgever-b.nl'] });
    const nl = evaluate(m, policy, records, NOW).findings[0]!;
    const en = evaluate(m, policy, records, NOW, { lang: 'en' }).findings[0]!;
    expect(nl.message).toBe(
      'Ontvanger hr@werkgever-b.nl staat niet op de lijst van Regiokantoor Utrecht. Verwijder deze ontvanger of vraag de beheerder de lijst aan te passen.',
    );
    expect(en.message).toContain('is not on the list of Regiokantoor Utrecht');
  });
});

describe('evaluate: recipients on report mail', () => {
  it('blocks an address outside the whitelist', () => {
    const v = check({ to: ['hr@bouwbedrijf-jansen.nl'] });
    expect(v.verdict).toBe('block');
    expect(blocking(v)).toEqual(['RECIPIENT_NOT_WHITELISTED:hr@bouwbedrijf-jansen.nl']);
    // One letter away from a whitelisted domain: a lookalike as well.
    expect(blocking(check({ to: ['hr@werkgever-b.nl'] }))).toEqual([
      'RECIPIENT_NOT_WHITELISTED:hr@werkgever-b.nl',
      'RECIPIENT_LOOKALIKE:hr@werkgever-b.nl',
    ]);
  });

  it('adds RECIPIENT_LOOKALIKE on top for a confusable domain', () => {
    const v = check({ to: ['hr@werkgever-a.n1'] });
    expect(codes(v)).toContain('RECIPIENT_NOT_WHITELISTED');
    const look = v.findings.find((f) => f.code === 'RECIPIENT_LOOKALIKE');
    expect(look).toMatchObject({ severity: 'block', subject: 'hr@werkgever-a.n1' });
    expect(look?.details?.resembles).toBeTruthy();
    const v2 = check({ to: ['info@uvw.nl'] });
    expect(codes(v2)).toEqual(expect.arrayContaining(['RECIPIENT_NOT_WHITELISTED', 'RECIPIENT_LOOKALIKE']));
  });

  it('treats a different address at the domain of an address entry as not whitelisted, not as a lookalike', () => {
    const v = check({ to: ['directie@werkgever-a.nl'] });
    expect(blocking(v)).toEqual(['RECIPIENT_NOT_WHITELISTED:directie@werkgever-a.nl']);
  });

  it('matches entries case-insensitively, with a trailing dot and *.domain for subdomains only', () => {
    expect(check({ to: ['HR@Werkgever-A.NL.'] }).verdict).toBe('allow');
    const r = makeRecords((x) => delete (x.clients[0] as { reportingAgreement?: unknown }).reportingAgreement);
    expect(check({ to: ['x@zorg.achmea.nl'] }, undefined, policy, r).verdict).toBe('allow');
    expect(codes(check({ to: ['x@achmea.nl'] }, undefined, policy, r))).toContain('RECIPIENT_NOT_WHITELISTED');
  });

  it('allows the regio mailbox and the client own address', () => {
    expect(check({ to: ['utrecht@focus-nederland.nl'] }).verdict).toBe('allow');
    expect(check({ to: ['J. de Vries <jdevries@example.org>'] }).verdict).toBe('allow');
  });

  it("blocks another regiokantoor's mailbox", () => {
    expect(blocking(check({ to: ['zwolle@focus-nederland.nl'] }))).toEqual(['RECIPIENT_NOT_WHITELISTED:zwolle@focus-nederland.nl']);
  });

  it('checks Cc and Bcc too', () => {
    expect(blocking(check({ cc: ['x@gmail.com'] }))).toContain('RECIPIENT_NOT_WHITELISTED:x@gmail.com');
    expect(blocking(check({ bcc: ['y@gmail.com'] }))).toContain('RECIPIENT_NOT_WHITELISTED:y@gmail.com');
  });

  it('reports a duplicate recipient once', () => {
    const v = check({ to: ['x@gmail.com', 'X@GMAIL.COM'], cc: ['x@gmail.com'] });
    expect(codes(v).filter((c) => c === 'RECIPIENT_NOT_WHITELISTED')).toHaveLength(1);
  });

  it('blocks a whitelisted recipient outside the client agreement', () => {
    const v = check({ to: ['a@zorg.achmea.nl'] });
    expect(blocking(v)).toEqual(['RECIPIENT_NOT_IN_AGREEMENT:a@zorg.achmea.nl']);
  });

  it('does not hold the client or the regio mailbox to the agreement', () => {
    expect(check({ to: ['hr@werkgever-a.nl'], cc: ['jdevries@example.org', 'utrecht@focus-nederland.nl'] }).verdict).toBe('allow');
  });

  it('blocks unparseable recipients and display names holding another address', () => {
    const v = check({ to: ['not an address'] });
    expect(codes(v)).toContain('RECIPIENT_INVALID');
    const v2 = check({ to: ['"hr@werkgever-a.nl" <evil@attacker.example>'] });
    expect(v2.findings.find((f) => f.code === 'RECIPIENT_INVALID')?.details?.problem).toBe('display-name-mismatch');
  });

  it('judges the real address behind a misleading display name against the whitelist too', () => {
    const outside = check({ to: ['"hr@werkgever-a.nl" <evil@attacker.example>'] });
    expect(blocking(outside)).toEqual(['RECIPIENT_INVALID:"hr@werkgever-a.nl" <evil@attacker.example>', 'RECIPIENT_NOT_WHITELISTED:evil@attacker.example']);
    // A whitelisted real address under another address's name: only the misleading name blocks.
    const inside = check({ to: ['"info@uwv.nl" <hr@werkgever-a.nl>'] });
    expect(codes(inside).filter((c) => c.startsWith('RECIPIENT_'))).toEqual(['RECIPIENT_INVALID']);
  });
});

describe('evaluate: sender and regiokantoor', () => {
  it('blocks report mail from an address in no regiokantoor', () => {
    const v = check({ from: 'stagiair@gmail.com' });
    expect(blocking(v)).toEqual(['SENDER_UNKNOWN:stagiair@gmail.com']);
  });

  it('accepts the regio mailbox as sender and a display name on From', () => {
    expect(check({ from: 'utrecht@focus-nederland.nl' }).verdict).toBe('allow');
    expect(check({ from: 'A. Jansen <a.jansen@focus-nederland.nl>' }).verdict).toBe('allow');
  });

  it('uses the whitelist of the sender regiokantoor only', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { reportingAgreement?: unknown }).reportingAgreement);
    const v = check({ from: 'b.mulder@focus-nederland.nl', to: ['hr@werkgever-a.nl'] }, undefined, policy, r);
    expect(blocking(v)).toEqual(['RECIPIENT_NOT_WHITELISTED:hr@werkgever-a.nl']);
    expect(v.findings[0]!.message).toContain('Regiokantoor Zwolle');
  });

  it('lets a sender in two regiokantoren use either whitelist, narrowed by the mailbox carried', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { reportingAgreement?: unknown }).reportingAgreement);
    expect(check({ from: 'k.smit@focus-nederland.nl', to: ['personeel@gemeente-zwolle.nl'] }, undefined, policy, r).verdict).toBe('allow');
    expect(check({ from: 'k.smit@focus-nederland.nl', to: ['hr@werkgever-a.nl'] }, undefined, policy, r).verdict).toBe('allow');
    const narrowed = check(
      { from: 'k.smit@focus-nederland.nl', to: ['hr@werkgever-a.nl'], cc: ['zwolle@focus-nederland.nl'] },
      undefined,
      policy,
      r,
    );
    expect(blocking(narrowed)).toEqual(['RECIPIENT_NOT_WHITELISTED:hr@werkgever-a.nl']);
  });

  it('requires the regio mailbox in Cc/Bcc or as sender when requireRegioMailbox', () => {
    const strict = makePolicy({ requireRegioMailbox: true });
    expect(blocking(check({}, undefined, strict))).toEqual(['NOT_VIA_REGIOKANTOOR:utrecht@focus-nederland.nl']);
    expect(check({ cc: ['utrecht@focus-nederland.nl'] }, undefined, strict).verdict).toBe('allow');
    expect(check({ bcc: ['utrecht@focus-nederland.nl'] }, undefined, strict).verdict).toBe('allow');
    expect(check({ from: 'utrecht@focus-nederland.nl' }, undefined, strict).verdict).toBe('allow');
    // Mail to the client alone is exempt.
    expect(check({ to: ['jdevries@example.org'] }, [analysed('concept.pdf', { sha256: hashOf('concept') })], strict).verdict).toBe('allow');
  });
});

describe('evaluate: client', () => {
  it('blocks report mail without an identifiable client', () => {
    expect(blocking(check({ subject: 'Rapportage' }))).toEqual(['CLIENT_UNKNOWN:']);
    expect(blocking(check({ subject: 'C-1042 en C-2001' }))).toEqual(['CLIENT_UNKNOWN:C-1042, C-2001']);
    expect(blocking(check({ client: 'C-9999' }))).toEqual(['CLIENT_UNKNOWN:C-9999']);
    expect(blocking(check({}, undefined, policy, EMPTY_RECORDS))).toEqual(['CLIENT_UNKNOWN:C-1042']);
  });

  it('finds the client from an attachment name', () => {
    expect(check({ subject: 'Rapportage' }, [analysed('Rapport C-1042.pdf')]).verdict).toBe('allow');
  });
});

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

describe('evaluate: health data', () => {
  const healthAtt = () => analysed('rapport.pdf', { text: 'Cliënt heeft een burn-out en rugklachten.' });

  it('allows health data with written, current consent', () => {
    expect(check({}, [healthAtt()]).verdict).toBe('allow');
  });

  it('blocks health data in an attachment without consent', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    expect(blocking(check({}, [healthAtt()], policy, r))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
  });

  it('blocks health data in the body without consent', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    expect(codes(check({ body: 'Hij had last van whiplash.' }, undefined, policy, r))).toContain('HEALTH_CONSENT_MISSING');
  });

  it('treats consent that is not written, withdrawn, or not yet given as missing', () => {
    const variants = [
      (c: Record<string, unknown>) => (c.written = false),
      (c: Record<string, unknown>) => (c.withdrawnAt = '2026-11-20T00:00:00Z'),
      (c: Record<string, unknown>) => (c.givenAt = '2026-12-01T00:00:00Z'),
    ];
    for (const mutate of variants) {
      const r = makeRecords((x) => mutate(x.clients[0]!.healthConsent as Record<string, unknown>));
      expect(codes(check({}, [healthAtt()], policy, r))).toContain('HEALTH_CONSENT_MISSING');
    }
    const later = makeRecords((x) => ((x.clients[0]!.healthConsent as Record<string, unknown>).withdrawnAt = '2027-01-01T00:00:00Z'));
    expect(check({}, [healthAtt()], policy, later).verdict).toBe('allow');
  });

  it('needs consent when the user declares health data, even if none is detected', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    expect(blocking(check({ containsHealthData: true }, undefined, policy, r))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
  });

  it('accepts a justified override as a warning, and keeps the detection without one', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    const ok = check(
      { containsHealthData: false, healthOverrideJustification: 'Burn-out is hier de naam van een project' },
      [healthAtt()],
      policy,
      r,
    );
    expect(blocking(ok)).toEqual(['HEALTH_DATA_DECLARED_ABSENT:C-1042']);
    const short = check({ containsHealthData: false, healthOverrideJustification: 'geen' }, [healthAtt()], policy, r);
    expect(codes(short)).toContain('HEALTH_CONSENT_MISSING');
  });

  it('does not let an exception ground replace health consent', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    const ex = { ground: 'vital-interest', justification: 'Acuut gevaar, arts moet dit nu weten' };
    expect(codes(check({ exception: ex }, [healthAtt()], policy, r))).toContain('HEALTH_CONSENT_MISSING');
  });

  it('needs no consent for the approval round to the client alone', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    expect(check({ to: ['jdevries@example.org'] }, [healthAtt()], policy, r).verdict).toBe('allow');
  });

  it('applies the policy health-term adjustments', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    const att = [analysed('rapport.pdf', { text: 'Na de whiplash volgt een traject.' })];
    expect(codes(check({}, att, policy, r))).toContain('HEALTH_CONSENT_MISSING');
    const noWhiplash = makePolicy({ healthTerms: { add: [], remove: ['whiplash'] } });
    expect(check({}, att, noWhiplash, r).verdict).toBe('allow');
  });
});

describe('evaluate: attachments', () => {
  it('reports conversion and flattening as info, decided from the type when no fix ran', () => {
    const v = check({}, [analysed('a.docx', { type: 'docx' }), analysed('b.pdf'), analysed('c.png', { type: 'png' })]);
    expect(v.verdict).toBe('allow');
    expect(codes(v)).toEqual(['ATTACHMENT_CONVERTED', 'PDF_FLATTENED', 'ATTACHMENT_CONVERTED']);
  });

  it('uses the fix result when there is one', () => {
    expect(codes(check({}, [analysed('a.pdf', { fix: { action: 'none', ok: true } })]))).toEqual([]);
    const failed = check({}, [analysed('a.docx', { type: 'docx', fix: { action: 'converted', ok: false, problem: { kind: 'corrupt', detail: 'x' } } })]);
    expect(blocking(failed)).toEqual(['ATTACHMENT_UNREADABLE:a.docx']);
  });

  it('blocks encrypted, corrupt and unsupported files', () => {
    const v = check({}, [
      analysed('geheim.pdf', { readable: false, problem: { kind: 'encrypted', detail: 'x' } }),
      analysed('kapot.pdf', { readable: false, problem: { kind: 'corrupt', detail: 'x' } }),
      analysed('oud.doc', { type: 'doc', readable: false, problem: { kind: 'unsupported', detail: 'x' } }),
      analysed('archief.zip', { type: 'zip' }),
      analysed('bom.docx', { type: 'docx', readable: false, problem: { kind: 'zip-bomb', detail: 'x' } }),
    ]);
    expect(blocking(v)).toEqual([
      'ATTACHMENT_UNREADABLE:geheim.pdf',
      'ATTACHMENT_UNREADABLE:kapot.pdf',
      'ATTACHMENT_UNSUPPORTED:oud.doc',
      'ATTACHMENT_UNSUPPORTED:archief.zip',
      'ATTACHMENT_UNREADABLE:bom.docx',
    ]);
    expect(v.findings[0]!.message).toContain('wachtwoord');
  });

  it('blocks an attachment over maxAttachmentMB', () => {
    const small = makePolicy({ maxAttachmentMB: 1 });
    const v = check({}, [analysed('groot.pdf', { size: 1024 * 1024 + 1 })], small);
    expect(blocking(v)).toEqual(['ATTACHMENT_UNREADABLE:groot.pdf']);
    expect(v.findings[0]!.message).toContain('1 MB');
    expect(check({}, [analysed('net.pdf', { size: 1024 * 1024 })], small).verdict).toBe('allow');
  });
});

describe('evaluate: mail without attachments', () => {
  it('is not restricted', () => {
    const v = check({ to: ['iemand@gmail.com'], from: 'onbekend@gmail.com', subject: 'Lunch' }, []);
    expect(v).toEqual({ verdict: 'allow', findings: [] });
  });

  it('warns for a lookalike recipient', () => {
    const v = check({ to: ['hr@werkgever-a.n1'] }, []);
    expect(v.verdict).toBe('warn');
    expect(v.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['RECIPIENT_LOOKALIKE:warn']);
  });

  it('warns for health data in the body to recipients outside the whitelist only', () => {
    const body = 'Zij is met burn-out thuis.';
    const v = check({ to: ['hr@werkgever-a.nl', 'iemand@gmail.com'], body }, []);
    expect(blocking(v)).toEqual(['HEALTH_DATA_IN_BODY:iemand@gmail.com']);
    expect(check({ to: ['hr@werkgever-a.nl'], body }, []).verdict).toBe('allow');
    expect(check({ to: ['jdevries@example.org'], body }, []).verdict).toBe('allow');
  });
});

describe('evaluate: verdict and order', () => {
  it('orders findings block, warn, info and is deterministic', () => {
    const m = makeMessage(
      { to: ['x@gmail.com'], reportKind: 'progress', body: 'burn-out' },
      [analysed('a.docx', { type: 'docx' }), analysed('b.pdf', { readable: false, problem: { kind: 'corrupt', detail: 'x' } })],
    );
    const v1 = evaluate(m, policy, records, NOW);
    const v2 = evaluate(m, policy, records, NOW);
    expect(v1).toEqual(v2);
    const ranks = v1.findings.map((f) => ({ block: 0, warn: 1, info: 2 })[f.severity]);
    expect(ranks).toEqual([...ranks].sort());
    expect(v1.verdict).toBe('block');
  });

  it('does not count info findings towards the verdict', () => {
    const v = check({}, [analysed('a.docx', { type: 'docx' })]);
    expect(v.findings).toHaveLength(1);
    expect(v.verdict).toBe('allow');
  });

  it('ignores unknown fields in message and policy', () => {
    const p = makePolicy({ futureOption: { x: 1 } });
    expect(check({ extraField: 'ignored' }, undefined, p).verdict).toBe('allow');
  });
});

describe('evaluate: edge cases', () => {
  it('treats an empty or double From as an unknown sender', () => {
    expect(codes(check({ from: '' }))).toContain('SENDER_UNKNOWN');
    expect(codes(check({ from: 'a.jansen@focus-nederland.nl, k.smit@focus-nederland.nl' }))).toContain('SENDER_UNKNOWN');
  });

  it('judges report mail without recipients on sender, client and attachments only', () => {
    const v = check({ to: [] }, [analysed('r.pdf', { sha256: OLD_VERSION }), analysed('x.zip', { type: 'zip' })]);
    expect(blocking(v)).toEqual(['ATTACHMENT_UNSUPPORTED:x.zip']);
  });

  it('ignores an exception ground on progress info', () => {
    const ex = { ground: 'contract', justification: 'Afspraak in de arbeidsovereenkomst' };
    expect(blocking(check({ reportKind: 'progress', exception: ex }, [analysed('r.pdf', { sha256: OLD_VERSION })]))).toEqual([
      'PROGRESS_INFO:C-1042',
    ]);
  });

  it('reports health data with an unknown client as well as the unknown client', () => {
    const v = check({ subject: 'Rapportage' }, [analysed('r.pdf', { text: 'diagnose depressie' })]);
    expect(blocking(v)).toEqual(['CLIENT_UNKNOWN:', 'HEALTH_CONSENT_MISSING:']);
  });

  it('counts an unparseable recipient as a third party on the approval round', () => {
    const v = check({ to: ['jdevries@example.org', 'jdevries@'] }, [analysed('concept.pdf', { sha256: OLD_VERSION })]);
    expect(blocking(v)).toEqual(['RECIPIENT_INVALID:jdevries@', 'APPROVAL_STALE:concept.pdf']);
  });

  it('warns for declared health data in a plain mail to an outside recipient', () => {
    const v = check({ to: ['vriend@hotmail.com'], containsHealthData: true }, []);
    expect(blocking(v)).toEqual(['HEALTH_DATA_IN_BODY:vriend@hotmail.com']);
    expect(v.findings[0]!.message).not.toContain('()');
  });

  it('accepts a justified override on plain mail as a warning instead of HEALTH_DATA_IN_BODY', () => {
    const v = check(
      { to: ['vriend@hotmail.com'], body: 'Ik heb een burn-out cursus gevolgd.', containsHealthData: false, healthOverrideJustification: 'Het gaat om een cursus over werkdruk' },
      [],
    );
    expect(blocking(v)).toEqual(['HEALTH_DATA_DECLARED_ABSENT:C-1042']);
  });

  it('does not let a whitelisted client address escape as a lookalike of itself', () => {
    const r = makeRecords((x) => (x.clients[0]!.email = 'hr@werkgever-a.nl'));
    expect(check({ to: ['hr@werkgever-a.nl'] }, [analysed('c.pdf', { sha256: OLD_VERSION })], policy, r).verdict).toBe('allow');
  });

  it('gives the same verdict whatever the order of evaluation (caches hold no state)', () => {
    const a = check({ to: ['hr@werkgever-a.n1'] });
    check({ to: ['hr@werkgever-a.nl'] }, []);
    check({ from: 'b.mulder@focus-nederland.nl', to: ['hr@werkgever-a.n1'] });
    expect(check({ to: ['hr@werkgever-a.n1'] })).toEqual(a);
  });
});

