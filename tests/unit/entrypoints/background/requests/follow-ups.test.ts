// evaluate → decision 'sent': the follow-ups a sent mail leaves, and the records' age at send time.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../../utils/core/documents/hash.ts';
import { loadPolicyFile, loadRecordsFile } from '../../../../../utils/browser/storage/load.ts';
import { makePdf } from '../../../../helpers/fixtures.ts';
import { MINIMAL_POLICY_RAW, NOW } from '../../../../helpers/engine.ts';
import { analyseRequest, composeTo, recordsWithApproval, useTestBackground, CONTENT_SCRIPT } from '../../../../helpers/background.ts';

const PDF = await makePdf(['Rapportage C-1042: voortgang van de re-integratie.']);
const bg = useTestBackground();

async function send(to: string[], patch: Record<string, unknown> = {}) {
  const sha = await sha256Hex(PDF);
  await bg.handle(analyseRequest('rapport C-1042.pdf', PDF), CONTENT_SCRIPT);
  const r = await bg.handle({ kind: 'evaluate', composeKey: 'compose-1', message: { ...composeTo(to), ...patch }, attachments: [{ name: 'rapport C-1042.pdf', sha256: sha }] }, CONTENT_SCRIPT);
  if (!r.ok || !('verdict' in r)) throw new Error('no verdict');
  return { r, sha };
}

describe('follow-ups from sent mail', () => {
  it('the approval round to the client leaves "record the approval when the client agrees" once it is sent', async () => {
    await loadPolicyFile(JSON.stringify(MINIMAL_POLICY_RAW), 'policy.json');
    await loadRecordsFile(JSON.stringify({ version: 1, clients: [{ id: 'C-1042', name: 'J. de Vries', email: 'jdevries@example.org' }] }), 'records.json');
    const { r, sha } = await send(['J. de Vries <jdevries@example.org>']);
    expect(r.verdict.verdict).toBe('allow');
    expect(await bg.deps.records.followUps()).toEqual([]); // not before it is sent
    await bg.handle({ kind: 'decision', checkId: r.checkId, action: 'sent' }, CONTENT_SCRIPT);
    const [f] = await bg.deps.records.followUps();
    expect(f).toMatchObject({ kind: 'await-approval', clientId: 'C-1042', documents: [{ sha256: sha, name: 'rapport C-1042.pdf' }], doneAt: null });
    const audit = await bg.audit.all();
    expect(audit.at(-1)).toMatchObject({ type: 'records-changed', data: { action: 'follow-up-created', kind: 'await-approval', client: 'C-1042' } });
    // the file name stays out of the audit log
    expect(JSON.stringify(audit)).not.toContain('rapport C-1042.pdf');
  });

  it('progress info leaves "inform the client orally"; a cancelled send leaves nothing', async () => {
    await loadPolicyFile(JSON.stringify(MINIMAL_POLICY_RAW), 'policy.json');
    await loadRecordsFile(JSON.stringify(recordsWithApproval('ab'.repeat(32))), 'records.json');
    const a = await send(['hr@werkgever-a.nl'], { reportKind: 'progress' });
    expect(a.r.verdict.verdict).toBe('warn');
    await bg.handle({ kind: 'decision', checkId: a.r.checkId, action: 'cancelled' }, CONTENT_SCRIPT);
    expect(await bg.deps.records.followUps()).toEqual([]);
    const b = await send(['hr@werkgever-a.nl'], { reportKind: 'progress' });
    await bg.handle({ kind: 'decision', checkId: b.r.checkId, action: 'sent' }, CONTENT_SCRIPT);
    expect((await bg.deps.records.followUps()).map((f) => f.kind)).toEqual(['inform-progress']);
  });
});

describe('records from the client system at send time', () => {
  const withSource = { ...MINIMAL_POLICY_RAW, recordsSource: { url: 'https://crm.focus-nederland.nl/records.json', maxAgeHours: 24 } };

  it('blocks report mail with RECORDS_STALE when never fetched, uses a fresh copy, and blocks again past the maximum age', async () => {
    await loadPolicyFile(JSON.stringify(withSource), 'policy.json');
    const sha = await sha256Hex(PDF);
    let { r } = await send(['hr@werkgever-a.nl']);
    expect(r.verdict.findings[0]).toMatchObject({ code: 'RECORDS_STALE', severity: 'block' });
    expect(r.verdict.findings[0]!.message).toMatch(/have not been fetched yet/);

    const fetchedAt = new Date(NOW.getTime() - 3 * 3_600_000).toISOString();
    await bg.deps.records.setBase('remote', { data: recordsWithApproval(sha), fileName: withSource.recordsSource.url, sha256: 'cd'.repeat(32), loadedAt: fetchedAt });
    ({ r } = await send(['hr@werkgever-a.nl']));
    expect(r.verdict.verdict).toBe('allow');

    await bg.deps.records.setBase('remote', { data: recordsWithApproval(sha), fileName: withSource.recordsSource.url, sha256: 'cd'.repeat(32), loadedAt: new Date(NOW.getTime() - 25 * 3_600_000).toISOString() });
    ({ r } = await send(['hr@werkgever-a.nl']));
    expect(r.verdict.verdict).toBe('block');
    expect(r.verdict.findings[0]!.code).toBe('RECORDS_STALE');
    expect(r.verdict.findings[0]!.message).toMatch(/last fetched on 24 November 2026 at 12:00, more than 24 hours ago/);
  });

  it('does not hold back mail without attachments', async () => {
    await loadPolicyFile(JSON.stringify(withSource), 'policy.json');
    const r = await bg.handle({ kind: 'evaluate', composeKey: 'c', message: composeTo(['hr@werkgever-a.nl']), attachments: [] }, CONTENT_SCRIPT);
    expect(r.ok && 'verdict' in r && r.verdict.findings.map((f) => f.code)).not.toContain('RECORDS_STALE');
  });
});
