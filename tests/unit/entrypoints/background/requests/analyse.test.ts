// `analyse`: attach-time analysis, cached by hash and settings, and its fail-closed cases.
import { describe, expect, it } from 'vitest';
import { createBackgroundHandler } from '../../../../../entrypoints/background/requests/index.ts';
import { sha256Hex } from '../../../../../utils/core/documents/hash.ts';
import { loadPolicyFile } from '../../../../../utils/browser/storage/load.ts';
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

  it('fails closed with one line when the offscreen document does not answer', async () => {
    bg.offscreen.down = true;
    const r = await bg.handle(analyseRequest('rapport.pdf', PDF), CONTENT_SCRIPT);
    expect(r).toEqual({ ok: false, error: 'document analysis did not finish within 90 s' });
  });
});
