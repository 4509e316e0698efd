import { describe, expect, it } from 'vitest';
import { loadPolicy, loadRecords, validatePolicy, validateRecords } from '../../../../utils/core/policy/load.ts';
import { POLICY_RAW, RECORDS_RAW } from '../../../helpers/engine.ts';

describe('loading policy and records', () => {
  it('loads valid text and keeps unknown fields for export', () => {
    const p = loadPolicy(JSON.stringify({ ...POLICY_RAW, managedBy: 'ICT' }));
    expect(p.ok && p.value.organisation).toBe('Focus Nederland');
    expect(p.ok && (p.value as Record<string, unknown>).managedBy).toBe('ICT');
    const r = loadRecords(JSON.stringify(RECORDS_RAW));
    expect(r.ok && r.value.clients.length).toBe(2);
  });

  it('names the file the user chose in the one-line error', () => {
    const p = loadPolicy('{"version": 1, "organisation": "X", "regiokantoren": [] }', 'mijn-beleid.json');
    expect(p).toEqual({ ok: false, error: 'mijn-beleid.json: regiokantoren: expected at least one entry, got a list of 0' });
    expect(loadRecords('not json')).toMatchObject({ ok: false, error: expect.stringMatching(/^records\.json: not valid JSON/) });
  });

  it('re-validates stored values', () => {
    expect(validatePolicy(structuredClone(POLICY_RAW)).ok).toBe(true);
    expect(validateRecords({ version: 1, clients: [{ id: '' }] })).toMatchObject({ ok: false, error: expect.stringContaining('clients[0].id') });
  });
});
