import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { compileList, compilePolicy, listMatches, compileClient } from '../../../../utils/core/policy/compile.ts';
import { matchesAny, normaliseAddress } from '../../../../utils/core/recipients/index.ts';
import { makePolicy, makeRecords } from '../../../helpers/engine.ts';

const ENTRIES = ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl', 'bücher.de', 'Mixed@Case.NL.'];
const labels = fc.constantFrom('uwv', 'achmea', 'zorg', 'werkgever-a', 'bücher', 'xn--bcher-kva', 'case', 'eu', 'mail');
const tlds = fc.constantFrom('nl', 'de', 'NL', 'com');
const locals = fc.constantFrom('hr', 'HR', 'mixed', 'info', 'a.b');
const addresses = fc
  .tuple(locals, fc.array(labels, { minLength: 1, maxLength: 3 }), tlds, fc.boolean())
  .map(([l, ls, tld, dot]) => `${l}@${[...ls, tld].join('.')}${dot ? '.' : ''}`);

describe('compiled whitelist', () => {
  it('agrees with matchesAny from utils/core/recipients', () => {
    const list = compileList(ENTRIES);
    fc.assert(
      fc.property(addresses, (a) => {
        const n = normaliseAddress(a);
        if (!n) return;
        expect(listMatches(list, n.address, n.domain)).toBe(matchesAny(a, ENTRIES));
      }),
      { numRuns: 500 },
    );
  });

  it('does not match the parent of a *.domain entry', () => {
    const list = compileList(['*.achmea.nl']);
    expect(listMatches(list, 'a@achmea.nl', 'achmea.nl')).toBe(false);
    expect(listMatches(list, 'a@zorg.achmea.nl', 'zorg.achmea.nl')).toBe(true);
    expect(listMatches(list, 'a@notachmea.nl', 'notachmea.nl')).toBe(false);
  });
});

describe('compilePolicy', () => {
  it('is memoised per policy object and indexes staff and mailboxes', () => {
    const p = makePolicy();
    const c = compilePolicy(p);
    expect(compilePolicy(p)).toBe(c);
    expect(compilePolicy(makePolicy())).not.toBe(c);
    expect(c.bySender.get('k.smit@focus-nederland.nl')?.map((r) => r.regio.id)).toEqual(['utrecht', 'zwolle']);
    expect(c.bySender.get('utrecht@focus-nederland.nl')?.map((r) => r.regio.id)).toEqual(['utrecht']);
    expect(c.maxAttachmentBytes).toBe(25 * 1024 * 1024);
  });

  it('compiles clients once, keeping the earliest approval per hash', () => {
    const r = makeRecords((x) => {
      const approvals = x.clients[0]!.approvals as Array<Record<string, string>>;
      approvals.push({ ...approvals[0]!, approvedAt: '2026-10-01T00:00:00Z' });
    });
    const c = compileClient(r.clients[0]!);
    expect(compileClient(r.clients[0]!)).toBe(c);
    expect(c.email).toBe('jdevries@example.org');
    expect([...c.approvals.values()]).toEqual([Date.parse('2026-10-01T00:00:00Z')]);
  });
});
