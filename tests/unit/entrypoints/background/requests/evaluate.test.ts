// `evaluate`: the send check's verdict, its fail-closed cases and its audit entry.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sha256Hex } from '../../../../../utils/core/documents/hash.ts';
import { base64ToBytes } from '../../../../../utils/core/messaging/base64.ts';
import { settingsKey } from '../../../../../utils/core/messaging/offscreen.ts';
import { evaluate } from '../../../../../utils/core/policy/evaluate.ts';
import { PolicySchema } from '../../../../../utils/core/policy/schema.ts';
import { RecordsSchema } from '../../../../../utils/core/records/schema.ts';
import { loadPolicyFile, loadRecordsFile } from '../../../../../utils/browser/storage/load.ts';
import { makePdf } from '../../../../helpers/fixtures.ts';
import { MINIMAL_POLICY_RAW, NOW } from '../../../../helpers/engine.ts';
import { analyseRequest, composeTo, recordsWithApproval, useTestBackground, CONTENT_SCRIPT } from '../../../../helpers/background.ts';

const PDF = await makePdf(['Rapportage C-1042: voortgang van de re-integratie.']);

const policy = MINIMAL_POLICY_RAW;

const bg = useTestBackground();

describe('evaluate', () => {
  it('blocks with CHECK_FAILED when no policy is loaded, and logs the verdict', async () => {
    const r = await bg.handle({ kind: 'evaluate', composeKey: 'compose-1', message: composeTo(['hr@werkgever-a.nl']), attachments: [] }, CONTENT_SCRIPT);
    expect(r).toMatchObject({ ok: true, checkId: 'check-1', verdict: { verdict: 'block', findings: [{ code: 'CHECK_FAILED', severity: 'block' }] } });
    if (r.ok && 'verdict' in r) expect(r.verdict.findings[0]!.message).toContain('no policy loaded');
    const [entry] = await bg.audit.latest(1);
    expect(entry).toMatchObject({ type: 'verdict', data: { checkId: 'check-1', verdict: 'block', codes: ['CHECK_FAILED'], policySha256: null } });
  });

  it('returns the engine verdict for the analysed attachments once a policy is loaded', async () => {
    const sha = await sha256Hex(PDF);
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await loadRecordsFile(JSON.stringify(recordsWithApproval(sha)), 'records.json');
    const analysed = await bg.handle(analyseRequest('rapport C-1042.pdf', PDF), CONTENT_SCRIPT);
    expect(analysed.ok).toBe(true);

    for (const to of [['Personeelszaken <hr@werkgever-a.nl>'], ['hr@werkgever-b.nl']]) {
      const msg = composeTo(to);
      const r = await bg.handle({ kind: 'evaluate', composeKey: 'compose-1', message: msg, attachments: [{ name: 'rapport C-1042.pdf', sha256: sha }] }, CONTENT_SCRIPT);
      if (!r.ok || !('verdict' in r)) throw new Error('expected a verdict');
      // Exactly what the engine says about the same message, policy, records and analysis.
      const cached = await bg.cache.getAnalysis(sha, settingsKey({ maxAttachmentMB: 25, protectPdf: true }));
      const expected = evaluate(
        { ...msg, attachments: [{ ...cached!.analysis, name: 'rapport C-1042.pdf' }] },
        PolicySchema.parse(policy),
        RecordsSchema.parse(recordsWithApproval(sha)),
        NOW,
        { lang: 'en' },
      );
      expect(r.verdict).toEqual(expected);
      expect(r.verdict.verdict).toBe(to[0]!.includes('werkgever-a') ? 'allow' : 'block');
      expect(r.clients).toEqual([{ id: 'C-1042', name: 'J. de Vries' }]);
    }
    const latest = await bg.audit.latest(2);
    expect(latest[0]!.data['codes']).toContain('RECIPIENT_NOT_WHITELISTED');
    expect(latest[1]!.data['verdict']).not.toBe('block');
  });

  it('blocks an attachment that was never analysed', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    const r = await bg.handle(
      { kind: 'evaluate', composeKey: 'c', message: composeTo(['hr@werkgever-a.nl']), attachments: [{ name: 'x.pdf', sha256: 'ab'.repeat(32) }] },
      CONTENT_SCRIPT,
    );
    if (!r.ok || !('verdict' in r)) throw new Error('expected a verdict');
    expect(r.verdict.verdict).toBe('block');
    expect(r.verdict.findings[0]).toMatchObject({
      code: 'CHECK_FAILED',
      subject: 'x.pdf',
      details: { reason: 'attachment-not-analysed', sha256: 'ab'.repeat(32) },
    });
    expect(r.verdict.findings[0]!.message).toContain('x.pdf has not been checked yet');
  });

  it('blocks when the stored records are corrupt instead of checking without them', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await fakeBrowser.storage.local.set({ records: { data: { version: 9 }, fileName: 'records.json', sha256: '0'.repeat(64), loadedAt: NOW.toISOString() } });
    const r = await bg.handle({ kind: 'evaluate', composeKey: 'c', message: composeTo([]), attachments: [] }, CONTENT_SCRIPT);
    expect(r).toMatchObject({ ok: true, verdict: { verdict: 'block', findings: [{ code: 'CHECK_FAILED' }] } });
  });

  it('keeps body, subject and display names out of the audit log', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await bg.handle({ kind: 'evaluate', composeKey: 'c', message: composeTo(['Personeelszaken <hr@werkgever-a.nl>']), attachments: [] }, CONTENT_SCRIPT);
    const text = await bg.audit.exportJsonLines();
    expect(text).toContain('hr@werkgever-a.nl');
    expect(text).not.toContain('Vertrouwelijke');
    expect(text).not.toContain('Rapportage C-1042');
    expect(text).not.toContain('Personeelszaken');
    expect(text).not.toContain('A. Jansen');
  });
});

describe('evaluate: what leaves besides the listed attachments', () => {
  it('a picture in the body blocks with ATTACHMENT_INLINE, named, and is audited by hash', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    const r = await bg.handle(
      {
        kind: 'evaluate',
        composeKey: 'c',
        message: composeTo(['hr@werkgever-a.nl']),
        attachments: [],
        inlineImages: [{ name: 'inline-1.png', sha256: 'cd'.repeat(32), size: 70 }],
      },
      CONTENT_SCRIPT,
    );
    if (!r.ok || !('verdict' in r)) throw new Error('expected a verdict');
    expect(r.verdict.verdict).toBe('block');
    expect(r.verdict.findings[0]).toMatchObject({ code: 'ATTACHMENT_INLINE', severity: 'block', subject: 'inline-1.png' });
    expect(r.verdict.findings[0]!.message).toContain('inline-1.png');
    const [entry] = await bg.audit.latest(1);
    expect(entry!.data['inlineImages']).toEqual(['cd'.repeat(32)]);
  });

  it("a flattened copy the extension made (a report sent before, forwarded now) keeps its original's approval", async () => {
    const sha = await sha256Hex(PDF);
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await loadRecordsFile(JSON.stringify(recordsWithApproval(sha)), 'records.json');
    const analysed = await bg.handle(analyseRequest('rapport C-1042.pdf', PDF), CONTENT_SCRIPT);
    if (!analysed.ok || !('fix' in analysed)) throw new Error('expected an analysis');
    const copy = analysed.fix.outputSha256!;
    expect(copy).not.toBe(sha);
    expect(await bg.deps.derived.originalOf(copy)).toBe(sha);
    // The copy as it comes back in a forward: its own bytes, its own hash.
    const converted = await bg.handle({ kind: 'converted', sha256: sha }, CONTENT_SCRIPT);
    if (!converted.ok || !('bytesB64' in converted)) throw new Error('expected the PDF');
    await bg.handle({ ...analyseRequest('rapport C-1042.pdf', base64ToBytes(converted.bytesB64)) }, CONTENT_SCRIPT);
    const r = await bg.handle({ kind: 'evaluate', composeKey: 'c', message: composeTo(['hr@werkgever-a.nl']), attachments: [{ name: 'rapport C-1042.pdf', sha256: copy }] }, CONTENT_SCRIPT);
    if (!r.ok || !('verdict' in r)) throw new Error('expected a verdict');
    expect(r.verdict.findings.map((f) => f.code)).not.toContain('APPROVAL_STALE');
    expect(r.verdict.verdict).not.toBe('block');
    const [entry] = await bg.audit.latest(1);
    expect(entry!.data['approvedAs']).toEqual({ [copy]: sha });
  });

  it('a PDF the extension did not make is judged on its own hash', async () => {
    const sha = await sha256Hex(PDF);
    const other = await makePdf(['Rapportage C-1042: een andere versie.']);
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await loadRecordsFile(JSON.stringify(recordsWithApproval(sha)), 'records.json');
    await bg.handle(analyseRequest('rapport C-1042.pdf', other), CONTENT_SCRIPT);
    const r = await bg.handle(
      { kind: 'evaluate', composeKey: 'c', message: composeTo(['hr@werkgever-a.nl']), attachments: [{ name: 'rapport C-1042.pdf', sha256: await sha256Hex(other) }] },
      CONTENT_SCRIPT,
    );
    if (!r.ok || !('verdict' in r)) throw new Error('expected a verdict');
    expect(r.verdict.findings.map((f) => f.code)).toContain('APPROVAL_STALE');
  });
});

describe('evaluate with its release (one round trip at Send)', () => {
  const submission = { mode: 'send' as const, composeKey: 'compose-1', recipients: ['hr@werkgever-a.nl'], attachmentIds: ['1'], digest: 'ab'.repeat(32) };

  it('issues the release with an allow verdict, after the verdict is audited, as a release request would get it', async () => {
    const sha = await sha256Hex(PDF);
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await loadRecordsFile(JSON.stringify(recordsWithApproval(sha)), 'records.json');
    expect((await bg.handle(analyseRequest('rapport C-1042.pdf', PDF), CONTENT_SCRIPT)).ok).toBe(true);
    const issued: { request: unknown; tabId: number; audited: unknown[] }[] = [];
    bg.deps.guard.issueRelease = async (request, tabId) => {
      issued.push({ request, tabId, audited: (await bg.audit.latest(1)).map((e) => e.data['checkId']) });
      return { ok: true, token: '1'.repeat(32) };
    };
    const release = { submission, generation: 'g.0.0', attachments: [{ id: 'rcmfile1', name: 'rapport C-1042.pdf', sha256: sha }] };
    const ask = (to: string) => bg.handle({ kind: 'evaluate', composeKey: 'compose-1', message: composeTo([to]), attachments: [{ name: 'rapport C-1042.pdf', sha256: sha }], release }, CONTENT_SCRIPT);
    const allowed = await ask('hr@werkgever-a.nl');
    expect(allowed).toMatchObject({ ok: true, verdict: { verdict: 'allow' }, release: { token: '1'.repeat(32) } });
    const checkId = allowed.ok && 'checkId' in allowed ? allowed.checkId : '';
    // The release is bound to this verdict and this tab; the verdict was in the audit log first.
    expect(issued).toEqual([{ request: { kind: 'release', composeKey: 'compose-1', checkId, ...release }, tabId: 1, audited: [checkId] }]);
    // A block releases nothing.
    const blocked = await ask('hr@werkgever-b.nl');
    expect(blocked).toMatchObject({ ok: true, verdict: { verdict: 'block' } });
    expect(blocked).not.toHaveProperty('release');
    expect(issued).toHaveLength(1);
    // The guard's refusal (the session moved since it was read) comes back with the verdict.
    bg.deps.guard.issueRelease = async () => ({ ok: false, error: 'session-changed' });
    expect(await ask('hr@werkgever-a.nl')).toMatchObject({ ok: true, verdict: { verdict: 'allow' }, release: { error: 'session-changed' } });
  });

});
