import { describe, expect, it } from 'vitest';
import { compilePolicy, compileClient } from '../../../../utils/core/policy/compile.ts';
import { makePolicy, makeRecords } from '../../../helpers/engine.ts';

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
