// `analyse`: attach-time analysis, cached by hash and settings, and its fail-closed cases.
import { describe, expect, it } from 'vitest';
import { createBackgroundHandler } from '../../../../../entrypoints/background/requests/index.ts';
import { sha256Hex } from '../../../../../utils/core/documents/hash.ts';
import { loadPolicyFile } from '../../../../../utils/browser/storage/load.ts';
import { base64ToBytes } from '../../../../../utils/core/messaging/base64.ts';
import { makeDocx, makeLegacyDoc, makePdf } from '../../../../helpers/fixtures.ts';
import { analyseRequest, composeTo, useTestBackground, CONTENT_SCRIPT } from '../../../../helpers/background.ts';
import { MINIMAL_POLICY_RAW } from '../../../../helpers/engine.ts';

const PDF = await makePdf(['Rapportage C-1042: voortgang van de re-integratie.']);
const DOCX = makeDocx(['Rapportage C-1042: voortgang van de re-integratie.']);
const LEGACY_DOC = makeLegacyDoc();

const policy = MINIMAL_POLICY_RAW;

const bg = useTestBackground();

describe('analyse', () => {
  it('analyses once and then answers from the cache (also under another name)', async () => {
    const first = await bg.handle(analyseRequest('rapport.pdf', PDF), CONTENT_SCRIPT);
    const second = await bg.handle(analyseRequest('kopie.pdf', PDF), CONTENT_SCRIPT);
    expect(bg.offscreenCalls).toHaveLength(1);
    const sha = await sha256Hex(PDF);
    expect(first).toMatchObject({ ok: true, analysis: { name: 'rapport.pdf', sha256: sha, type: 'pdf' }, fix: { action: 'flattened', ok: true, outputName: 'rapport.pdf' } });
    expect(second).toMatchObject({ ok: true, analysis: { name: 'kopie.pdf', sha256: sha }, fix: { outputName: 'kopie.pdf' } });
    const log = await bg.audit.all();
    expect(log.map((e) => e.data['cached'])).toEqual([false, true]);
    expect((await bg.audit.verify()).ok).toBe(true);
  });

  it('converts a Word file to a PDF named after it, and refuses a legacy .doc', async () => {
    const r = await bg.handle(analyseRequest('rapport.docx', DOCX), CONTENT_SCRIPT);
    expect(r).toMatchObject({ ok: true, analysis: { type: 'docx' }, fix: { action: 'converted', ok: true, outputName: 'rapport.pdf' } });
    const doc = await bg.handle(analyseRequest('oud.doc', LEGACY_DOC), CONTENT_SCRIPT);
    expect(doc).toMatchObject({ ok: true, analysis: { type: 'doc' }, fix: { ok: false } });
  });

  it('re-analyses from the cached bytes when the policy changes the size limit', async () => {
    await bg.handle(analyseRequest('rapport.pdf', PDF), CONTENT_SCRIPT);
    await loadPolicyFile(JSON.stringify({ ...policy, maxAttachmentMB: 0.00001 }), 'policy.json');
    const sha = await sha256Hex(PDF);
    const r = await bg.handle({ kind: 'evaluate', composeKey: 'c', message: composeTo(['hr@werkgever-a.nl']), attachments: [{ name: 'rapport.pdf', sha256: sha }] }, CONTENT_SCRIPT);
    expect(bg.offscreenCalls.map((c) => c.settings.maxAttachmentMB)).toEqual([25, 0.00001]);
    if (!r.ok || !('verdict' in r)) throw new Error('expected a verdict');
    expect(r.verdict.verdict).toBe('block');
    expect(r.verdict.findings.map((f) => f.code)).toContain('ATTACHMENT_UNREADABLE');
  });

  it('does not remember an analysis that timed out, so attaching again retries', async () => {
    const handle = createBackgroundHandler({
      ...bg.deps,
      async analyseOffscreen(sha256, name) {
        bg.offscreenCalls.push({ sha256, settings: { maxAttachmentMB: 25, protectPdf: true } });
        return { ok: true, analysis: { name, size: 1, sha256, type: 'pdf', readable: false, problem: { kind: 'timeout', detail: 'took too long' }, text: '' } };
      },
    });
    expect(await handle(analyseRequest('a.pdf', PDF), CONTENT_SCRIPT)).toMatchObject({ ok: true, analysis: { problem: { kind: 'timeout' } } });
    await handle(analyseRequest('a.pdf', PDF), CONTENT_SCRIPT);
    expect(bg.offscreenCalls).toHaveLength(2);
  });

  // Attach-time swap: the PDF made from a DOCX is uploaded in its place, then analysed as any
  // attachment of the compose screen (also after a reload or in a draft reopened later).
  it('knows a PDF it made itself by the out→original record: the original named, sent as it is, nothing analysed again', async () => {
    await bg.handle(analyseRequest('rapport.docx', DOCX), CONTENT_SCRIPT);
    const conv = await bg.handle({ kind: 'converted', sha256: await sha256Hex(DOCX) }, CONTENT_SCRIPT);
    if (!conv.ok || !('bytesB64' in conv)) throw new Error('expected PDF bytes');
    const pdf = base64ToBytes(conv.bytesB64);
    const calls = bg.offscreenCalls.length;
    const r = await bg.handle(analyseRequest('rapport.pdf', pdf), CONTENT_SCRIPT);
    expect(bg.offscreenCalls).toHaveLength(calls);
    expect(r).toMatchObject({
      ok: true,
      analysis: { name: 'rapport.pdf', sha256: conv.sha256, type: 'pdf', size: pdf.length },
      fix: { ok: true, outputSha256: conv.sha256, outputName: 'rapport.pdf' },
      madeFrom: { name: 'rapport.docx', sha256: await sha256Hex(DOCX) },
    });
    if (!r.ok || !('analysis' in r)) throw new Error('expected an analysis');
    expect(r.analysis.text).toContain('Rapportage C-1042');
    // The copy is what leaves: asking for its PDF gives its own bytes back.
    const again = await bg.handle({ kind: 'converted', sha256: conv.sha256 }, CONTENT_SCRIPT);
    expect(again).toMatchObject({ ok: true, sha256: conv.sha256 });
  });

  it('a PDF the extension did not make has no original and is fixed as any PDF', async () => {
    const r = await bg.handle(analyseRequest('rapport.pdf', PDF), CONTENT_SCRIPT);
    expect(r).toMatchObject({ ok: true, fix: { action: 'flattened' } });
    expect(r).not.toHaveProperty('madeFrom');
    if (!r.ok || !('fix' in r)) throw new Error('expected an analysis');
    expect(r.fix.outputSha256).not.toBe(await sha256Hex(PDF));
  });

  it('its own PDF whose original left the cache is analysed again, and still not replaced', async () => {
    await bg.handle(analyseRequest('rapport.docx', DOCX), CONTENT_SCRIPT);
    const conv = await bg.handle({ kind: 'converted', sha256: await sha256Hex(DOCX) }, CONTENT_SCRIPT);
    if (!conv.ok || !('bytesB64' in conv)) throw new Error('expected PDF bytes');
    // Another policy: the original's cached analysis (other settings) does not count.
    await loadPolicyFile(JSON.stringify({ ...policy, protectPdf: false }), 'policy.json');
    const calls = bg.offscreenCalls.length;
    const r = await bg.handle(analyseRequest('rapport.pdf', base64ToBytes(conv.bytesB64)), CONTENT_SCRIPT);
    expect(bg.offscreenCalls.length).toBe(calls + 1);
    expect(r).toMatchObject({ ok: true, fix: { ok: true, outputSha256: conv.sha256 }, madeFrom: { sha256: await sha256Hex(DOCX) } });
  });

  it('fails closed with one line when the offscreen document does not answer', async () => {
    bg.offscreen.down = true;
    const r = await bg.handle(analyseRequest('rapport.pdf', PDF), CONTENT_SCRIPT);
    expect(r).toEqual({ ok: false, error: 'document analysis did not finish within 90 s' });
  });
});
