// evaluate(): the rules composed — the verdict, the order of findings, determinism, and cases
// where several rules meet. Each rule's own cases are in rules/<rule>.test.ts.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../utils/core/policy/evaluate.ts';
import { NOW, OLD_VERSION, analysed, blocking, check, codes, makeMessage, makePolicy, policy, records } from '../../../helpers/engine.ts';

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
    expect(ranks).toEqual([...ranks].toSorted());
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

describe('evaluate: mail without attachments', () => {
  it('is not restricted', () => {
    const v = check({ to: ['iemand@gmail.com'], from: 'onbekend@gmail.com', subject: 'Lunch' }, []);
    expect(v).toEqual({ verdict: 'allow', findings: [] });
  });
});

describe('evaluate: edge cases', () => {
  it('judges report mail without recipients on sender, client and attachments only', () => {
    const v = check({ to: [] }, [analysed('r.pdf', { sha256: OLD_VERSION }), analysed('x.zip', { type: 'zip' })]);
    expect(blocking(v)).toEqual(['ATTACHMENT_UNSUPPORTED:x.zip']);
  });

  it('reports health data with an unknown client as well as the unknown client', () => {
    const v = check({ subject: 'Rapportage' }, [analysed('r.pdf', { text: 'diagnose depressie' })]);
    expect(blocking(v)).toEqual(['CLIENT_UNKNOWN:', 'HEALTH_CONSENT_MISSING:']);
  });

  it('counts an unparseable recipient as a third party on the approval round', () => {
    const v = check({ to: ['jdevries@example.org', 'jdevries@'] }, [analysed('concept.pdf', { sha256: OLD_VERSION })]);
    expect(blocking(v)).toEqual(['RECIPIENT_INVALID:jdevries@', 'APPROVAL_STALE:concept.pdf']);
  });

  it('gives the same verdict whatever the order of evaluation (caches hold no state)', () => {
    const a = check({ to: ['hr@werkgever-a.n1'] });
    check({ to: ['hr@werkgever-a.nl'] }, []);
    check({ from: 'b.mulder@focus-nederland.nl', to: ['hr@werkgever-a.n1'] });
    expect(check({ to: ['hr@werkgever-a.n1'] })).toEqual(a);
  });
});
