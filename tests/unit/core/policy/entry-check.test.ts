import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../../utils/core/policy/entry-check.ts';

const WHITELIST = ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl', 'arbodienst.nl'];

describe('admin console: entry validation', () => {
  it('the three entry forms, with both IDN forms', () => {
    expect(checkEntry('  UWV.nl ', 'allowedRecipients', [])).toMatchObject({ ok: true, value: 'UWV.nl', kind: 'domain', ascii: 'uwv.nl', unicode: 'uwv.nl', warnings: [] });
    expect(checkEntry('*.pöstbank.nl', 'allowedRecipients', [])).toMatchObject({ ok: true, kind: 'subdomains', ascii: '*.xn--pstbank-90a.nl', unicode: '*.pöstbank.nl' });
    expect(checkEntry('Jan@Xn--Pstbank-90a.NL', 'allowedRecipients', [])).toMatchObject({ ok: true, kind: 'address', ascii: 'jan@xn--pstbank-90a.nl', unicode: 'jan@pöstbank.nl' });
  });

  it.each([
    ['', 'empty'],
    ['werkgever a.nl', 'invalid-entry'],
    ['@uwv.nl', 'invalid-entry'],
    ['nl', 'top-level-only'],
    ['*.nl', 'top-level-only'],
  ])('refuses %j (%s)', (input, error) => {
    expect(checkEntry(input, 'allowedRecipients', WHITELIST)).toEqual({ ok: false, error });
  });

  it('staff and mailbox take an address only', () => {
    expect(checkEntry('uwv.nl', 'staff', [])).toEqual({ ok: false, error: 'invalid-address' });
    expect(checkEntry('*.uwv.nl', 'mailbox', [])).toEqual({ ok: false, error: 'invalid-address' });
    expect(checkEntry('c.visser@focus-nederland.nl', 'staff', [])).toMatchObject({ ok: true, kind: 'address' });
  });

  it('warns for a lookalike of an existing entry (the send check’s own test)', () => {
    const r = checkEntry('uvw.nl', 'allowedRecipients', WHITELIST);
    expect(r.ok && r.warnings).toEqual([{ kind: 'lookalike', resembles: 'uwv.nl', resemblesUnicode: 'uwv.nl', reason: 'edit-distance' }]);
    const cyrillic = checkEntry('аchmea.nl', 'allowedRecipients', WHITELIST); // Cyrillic а
    expect(cyrillic.ok && cyrillic.warnings[0]).toMatchObject({ kind: 'lookalike', resembles: 'achmea.nl' });
    expect(cyrillic.ok && cyrillic.ascii).toMatch(/^xn--/);
    const embedded = checkEntry('werkgever-a.nl.evil.com', 'allowedRecipients', WHITELIST);
    expect(embedded.ok && embedded.warnings[0]).toMatchObject({ kind: 'lookalike', resembles: 'werkgever-a.nl' });
  });

  it('no lookalike warning for a different, unrelated domain or a subdomain of an entry', () => {
    expect(checkEntry('gemeente-utrecht.nl', 'allowedRecipients', WHITELIST)).toMatchObject({ ok: true, warnings: [] });
    expect(checkEntry('zorg.achmea.nl', 'allowedRecipients', WHITELIST)).toMatchObject({ ok: true, warnings: [] });
  });

  it.each(['gmail.com', 'outlook.com', 'hotmail.com', 'ziggo.nl', 'kpnmail.nl', '*.gmail.com'])('warns for the free-mail domain %s', (entry) => {
    const r = checkEntry(entry, 'allowedRecipients', WHITELIST);
    expect(r.ok && r.warnings).toContainEqual(expect.objectContaining({ kind: 'free-mail', wholeDomain: true }));
  });

  it('a single free-mail address is a milder warning', () => {
    const r = checkEntry('j.devries@gmail.com', 'allowedRecipients', WHITELIST);
    expect(r.ok && r.warnings).toEqual([{ kind: 'free-mail', domain: 'gmail.com', wholeDomain: false }]);
  });

  it('names a duplicate in another spelling', () => {
    const r = checkEntry('HR@werkgever-a.NL.', 'allowedRecipients', WHITELIST);
    expect(r.ok && r.warnings).toEqual([{ kind: 'duplicate', existing: 'hr@werkgever-a.nl' }]);
  });
});
