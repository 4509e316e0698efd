// Monotonicity of the engine: more risk never yields a milder verdict.
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { evaluate } from '../../../../utils/core/policy/evaluate.ts';
import type { VerdictKind } from '../../../../utils/core/policy/types.ts';
import type { AnalysedAttachment } from '../../../../utils/core/documents/types.ts';
import { NOW, OLD_VERSION, analysed, hashOf, makeMessage, makePolicy, makeRecords } from '../../../helpers/engine.ts';

const rank: Record<VerdictKind, number> = { allow: 0, warn: 1, block: 2 };
const policies = [makePolicy(), makePolicy({ requireRegioMailbox: true })];
const records = makeRecords();

const RECIPIENTS = [
  'hr@werkgever-a.nl',
  'Personeelszaken <hr@werkgever-a.nl>',
  'info@uwv.nl',
  'a@zorg.achmea.nl',
  'jdevries@example.org',
  'm.visser@example.net',
  'utrecht@focus-nederland.nl',
  'zwolle@focus-nederland.nl',
  'x@gmail.com',
  'hr@werkgever-a.n1',
  'not an address',
];
const OUTSIDE = ['x@gmail.com', 'boss@werkgever-b.nl', 'info@uvw.nl', 'hr@werkgever-a.n1', 'iemand@example.com', 'directie@werkgever-a.nl'];
const SENDERS = ['a.jansen@focus-nederland.nl', 'k.smit@focus-nederland.nl', 'b.mulder@focus-nederland.nl', 'utrecht@focus-nederland.nl', 'x@gmail.com'];
const ATTACHMENTS: AnalysedAttachment[] = [
  analysed('rapport.pdf'),
  analysed('oud.pdf', { sha256: OLD_VERSION }),
  analysed('concept.docx', { type: 'docx', sha256: hashOf('concept') }),
  analysed('medisch.pdf', { text: 'diagnose: burn-out en depressie' }),
  analysed('geheim.pdf', { readable: false, problem: { kind: 'encrypted', detail: 'x' } }),
  analysed('oud.doc', { type: 'doc' }),
];

const messageArb = fc.record({
  from: fc.constantFrom(...SENDERS),
  to: fc.subarray(RECIPIENTS, { maxLength: 3 }),
  cc: fc.subarray(RECIPIENTS, { maxLength: 2 }),
  attachments: fc.subarray(ATTACHMENTS, { maxLength: 3 }),
  subject: fc.constantFrom('Rapportage C-1042', 'Rapportage C-2001', 'Rapportage', 'C-1042 en C-2001'),
  reportKind: fc.constantFrom(undefined, 'full', 'progress'),
  exception: fc.constantFrom(undefined, { ground: 'contract', justification: 'Afspraak in de arbeidsovereenkomst' }, { ground: 'contract', justification: 'kort' }),
  containsHealthData: fc.constantFrom(null, true, false),
  healthOverrideJustification: fc.constantFrom(null, 'Het woord staat er in een citaat van de wet'),
  body: fc.constantFrom('Bijgaand de rapportage.', 'Hij heeft een hernia.'),
  policy: fc.constantFrom(0, 1),
});

function run(m: object, extra: { to?: string[]; records?: typeof records } = {}) {
  const { attachments, policy, ...patch } = m as Record<string, any>;
  const msg = makeMessage({ ...patch, to: [...patch.to, ...(extra.to ?? [])] }, attachments);
  return evaluate(msg, policies[policy]!, extra.records ?? records, NOW);
}

describe('evaluate is monotone', () => {
  it('adding a non-whitelisted recipient never makes the verdict milder', () => {
    fc.assert(
      fc.property(messageArb, fc.constantFrom(...OUTSIDE), (m, extra) => {
        const before = run(m).verdict;
        const after = run(m, { to: [extra] }).verdict;
        expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
        if (before === 'block') expect(after).toBe('block');
        if ((m as { attachments: unknown[] }).attachments.length > 0) expect(after).toBe('block');
      }),
      { numRuns: 400 },
    );
  });

  const withoutConsent = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
  const withoutApprovals = makeRecords((x) => (x.clients[0]!.approvals = []));
  const withdrawn = makeRecords((x) => ((x.clients[0]!.healthConsent as { withdrawnAt: string | null }).withdrawnAt = '2026-11-01T00:00:00Z'));

  it('removing consent or approvals never makes the verdict milder', () => {
    fc.assert(
      fc.property(messageArb, fc.constantFrom(withoutConsent, withoutApprovals, withdrawn), (m, fewer) => {
        const before = run(m).verdict;
        const after = run(m, { records: fewer }).verdict;
        expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
        if (before === 'block') expect(after).toBe('block');
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(messageArb, (m) => {
        expect(run(m)).toEqual(run(m));
      }),
      { numRuns: 100 },
    );
  });
});
