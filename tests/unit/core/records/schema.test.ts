import { describe, expect, it } from 'vitest';
import { RecordsSchema } from '../../../../utils/core/records/schema.ts';
import { validateWith } from '../../../../utils/core/policy/errors.ts';
import { RECORDS_RAW } from '../../../helpers/engine.ts';

const raw = () => structuredClone(RECORDS_RAW) as Record<string, any>;
const error = (data: unknown) => {
  const r = validateWith('records.json', data, RecordsSchema);
  return r.ok ? null : r.error;
};

describe('records schema', () => {
  it('accepts the contract example, keeping unknown fields', () => {
    const r = raw();
    r.clients[0].dossier = 'D-9';
    r.clients[0].profileConsent = { explicit: true, anonymisedOnly: false, givenAt: '2026-10-01T09:00:00Z' };
    const parsed = RecordsSchema.parse(r) as Record<string, any>;
    expect(parsed.clients[0].dossier).toBe('D-9');
    expect(parsed.clients[1].approvals).toEqual([]);
  });

  it('requires lowercase 64-hex SHA-256 hashes', () => {
    const r = raw();
    r.clients[0].approvals[0].documentSha256 = r.clients[0].approvals[0].documentSha256.toUpperCase();
    expect(error(r)).toMatch(/^records\.json: clients\[0\]\.approvals\[0\]\.documentSha256: expected a SHA-256 as 64 lowercase hex characters, got "/);
    r.clients[0].approvals[0].documentSha256 = 'abc';
    expect(error(r)).toMatch(/documentSha256: expected a SHA-256/);
  });

  it('requires ISO date-times', () => {
    const r = raw();
    r.clients[0].healthConsent.givenAt = '1 oktober 2026';
    expect(error(r)).toBe('records.json: clients[0].healthConsent.givenAt: expected an ISO date-time like 2026-11-02T10:00:00Z, got "1 oktober 2026"');
    r.clients[0].healthConsent.givenAt = '2026-10-01T11:00:00+02:00';
    expect(error(r)).toBeNull();
  });

  it('validates agreement entries like whitelist entries, and client e-mail addresses', () => {
    const r = raw();
    r.clients[0].reportingAgreement.recipients.push('not valid');
    expect(error(r)).toMatch(/^records\.json: clients\[0\]\.reportingAgreement\.recipients\[2\]: expected a recipient entry/);
    const q = raw();
    q.clients[1].email = 'm.visser';
    expect(error(q)).toMatch(/^records\.json: clients\[1\]\.email: expected an e-mail address/);
  });

  it('rejects duplicate client ids (C-1042 and c1042 are the same)', () => {
    const r = raw();
    r.clients[1].id = 'c1042';
    expect(error(r)).toMatch(/^records\.json: clients\[1\]\.id: expected an id not used before/);
  });

  it('rejects a missing version', () => {
    const r = raw();
    delete r.version;
    expect(error(r)).toBe('records.json: version: expected 1, got nothing');
  });
});
