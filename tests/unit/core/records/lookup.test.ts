import { describe, expect, it } from 'vitest';
import { canonicalId, clientById, findClientReferences, lookupClient } from '../../../../utils/core/records/lookup.ts';
import type { Records } from '../../../../utils/core/records/schema.ts';

const records = {
  version: 1,
  clients: [
    { id: 'C-1042', name: 'J. de Vries', approvals: [] },
    { id: 'C-7', name: 'P. Bakker', approvals: [] },
    { id: 'X-ALPHA', approvals: [] },
  ],
} as unknown as Records;

describe('client lookup', () => {
  it('canonicalises ids', () => {
    expect(canonicalId('c1042')).toBe('C-1042');
    expect(canonicalId(' C-1042 ')).toBe('C-1042');
    expect(canonicalId('x-alpha')).toBe('X-ALPHA');
  });

  it('finds a client by id, case-insensitively', () => {
    expect(clientById(records, 'c-1042')?.name).toBe('J. de Vries');
    expect(clientById(records, 'C-9999')).toBeUndefined();
  });

  it('prefers the explicit client id', () => {
    const r = lookupClient(records, { client: 'C-7', subject: 'Rapport C-1042', attachmentNames: [] });
    expect(r.kind === 'found' && r.client.id).toBe('C-7');
  });

  it('reports an explicit id missing from the records', () => {
    const r = lookupClient(records, { client: 'C-5', subject: '', attachmentNames: [] });
    expect(r).toMatchObject({ kind: 'unknown', reason: 'not-in-records', references: ['C-5'] });
  });

  it('finds the client from a reference in the subject or an attachment name', () => {
    const a = lookupClient(records, { subject: 'Voortgangsrapportage C-1042', attachmentNames: [] });
    expect(a.kind === 'found' && a.via === 'reference' && a.client.id).toBe('C-1042');
    const b = lookupClient(records, { subject: 'Rapport', attachmentNames: ['rapport_c1042.docx'] });
    expect(b.kind === 'found' && b.client.id).toBe('C-1042');
  });

  it('counts the same reference twice as one', () => {
    const r = lookupClient(records, { subject: 'C-1042', attachmentNames: ['C-1042 rapport.pdf', 'c1042-bijlage.pdf'] });
    expect(r.kind).toBe('found');
  });

  it('gives unknown for none or several distinct references', () => {
    expect(lookupClient(records, { subject: 'Rapport', attachmentNames: ['x.pdf'] })).toMatchObject({
      kind: 'unknown',
      reason: 'no-reference',
    });
    expect(lookupClient(records, { subject: 'C-1042 en C-7', attachmentNames: [] })).toMatchObject({
      kind: 'unknown',
      reason: 'several-references',
      references: ['C-1042', 'C-7'],
    });
    expect(lookupClient(records, { subject: 'C-1042', attachmentNames: ['C-7.pdf'] }).kind).toBe('unknown');
  });

  it('does not read references inside other words or numbers', () => {
    expect(findClientReferences(['ABC-1042', 'PC-12', 'C-12345678901'])).toEqual([]);
    expect(findClientReferences(['(C-12)', 'dossier_C-3.pdf'])).toEqual(['C-12', 'C-3']);
  });
});
