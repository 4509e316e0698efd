import { describe, expect, it } from 'vitest';
import { describeEntry } from '../../../../components/options/describe-entry.ts';
import type { AuditEntry } from '../../../../utils/core/audit/types.ts';

const entry = (type: string, data: AuditEntry['data']): AuditEntry => ({ seq: 1, at: '2026-11-25T12:00:00Z', type, data, prevHash: '0'.repeat(64), hash: '1'.repeat(64) });
const sha = 'ab'.repeat(32);

describe('describeEntry', () => {
  it('summarises a verdict by outcome, codes, recipients, client and check id', () => {
    expect(describeEntry(entry('verdict', { verdict: 'block', codes: ['APPROVAL_MISSING'], to: ['hr@werkgever-a.nl'], client: 'C-1042', checkId: '0123456789abcdef' }))).toBe(
      'block · APPROVAL_MISSING · → hr@werkgever-a.nl · client C-1042 · check 01234567',
    );
  });

  it('shortens hashes and marks a failed fix', () => {
    expect(describeEntry(entry('analysis', { type: 'docx', sha256: sha, problem: null, fix: 'converted', fixOk: false }))).toBe(
      `docx · ${sha.slice(0, 12)}… · converted ✗`,
    );
    expect(describeEntry(entry('records-loaded', { clients: 3, sha256: sha }))).toBe(`3 clients · ${sha.slice(0, 12)}…`);
  });

  it('summarises policy acceptance, refusal and local edits', () => {
    expect(describeEntry(entry('policy-accepted', { source: 'signed-url', url: 'https://x/p.signed', version: 3, sha256: sha, previousVersion: 2 }))).toBe(
      `version 3 · https://x/p.signed · ${sha.slice(0, 12)}…`,
    );
    expect(describeEntry(entry('policy-rejected', { url: 'https://x/p.signed', reason: 'bad signature (x)', keptVersion: 3 }))).toBe('bad signature (x) · version 3 kept');
    expect(describeEntry(entry('policy-rejected', { url: 'https://x/p.signed', reason: 'HTTP 500', keptVersion: null }))).toBe('HTTP 500 · no policy kept');
    expect(describeEntry(entry('policy-edited', { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'ggd.nl', source: 'local-file', policyVersion: 1 }))).toBe(
      'add ggd.nl allowedRecipients · utrecht',
    );
    expect(describeEntry(entry('policy-edited', { op: 'set', field: 'maxAttachmentMB', value: 10, source: 'managed', policyVersion: 1 }))).toBe('set 10 maxAttachmentMB · policy');
  });

  it('lists the fields of an event type it does not know', () => {
    expect(describeEntry(entry('future', { a: 1, b: [1, 2] }))).toBe('a=1 b=[1,2]');
  });
});
