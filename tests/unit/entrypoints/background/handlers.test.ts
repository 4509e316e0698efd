import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { createBackgroundHandler, type BackgroundDeps } from '../../../../entrypoints/background/handlers.ts';
import { createDocumentCache } from '../../../../utils/browser/storage/document-cache.ts';
import { createAuditStore, type AuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import { loadPolicyFile, loadRecordsFile, readPolicy, readRecords } from '../../../../utils/browser/storage/load.ts';
import { handleOffscreenRequest } from '../../../../entrypoints/offscreen/handler.ts';
import { convertForSend } from '../../../../utils/core/documents/convert-for-send.ts';
import type { AnalysisSettings, OffscreenAnalyseResponse } from '../../../../utils/core/messaging/offscreen.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { bytesToBase64, base64ToBytes } from '../../../../utils/core/messaging/base64.ts';
import { evaluate } from '../../../../utils/core/policy/evaluate.ts';
import { PolicySchema } from '../../../../utils/core/policy/schema.ts';
import { RecordsSchema } from '../../../../utils/core/records/schema.ts';
import { analyseAttachment } from '../../../../utils/core/documents/analyse.ts';
import type { ComposeMessage } from '../../../../utils/core/messaging/protocol.ts';
import { makeDocx, makeLegacyDoc, makePdf } from '../../../helpers/fixtures.ts';
import { MINIMAL_POLICY_RAW, NOW, approvalOf } from '../../../helpers/engine.ts';

const EXT_ID = 'test-extension-id';
const BASE = `chrome-extension://${EXT_ID}/`;
const CONTENT = { id: EXT_ID, url: 'http://127.0.0.1:8000/?_task=mail&_action=compose', tab: { id: 1 }, frameId: 0 };
const OPTIONS = { id: EXT_ID, url: `${BASE}options.html` };

const PDF = await makePdf(['Rapportage C-1042: voortgang van de re-integratie.']);
const DOCX = makeDocx(['Rapportage C-1042: voortgang van de re-integratie.']);
const LEGACY_DOC = makeLegacyDoc();

const policy = MINIMAL_POLICY_RAW;

async function recordsWithApproval(sha: string) {
  return {
    version: 1,
    clients: [{ id: 'C-1042', name: 'J. de Vries', email: 'jdevries@example.org', approvals: [approvalOf(sha)] }],
  };
}

const message = (to: string[]): ComposeMessage => ({
  from: 'A. Jansen <a.jansen@focus-nederland.nl>',
  to,
  cc: [],
  bcc: [],
  subject: 'Rapportage C-1042',
  body: 'Zie bijlage. Vertrouwelijke inhoud die nooit in het auditlog mag staan.',
  client: 'C-1042',
  reportKind: 'full',
  containsHealthData: null,
  healthOverrideJustification: null,
});

let deps: BackgroundDeps;
let audit: AuditStore;
let offscreenCalls: { sha256: string; settings: AnalysisSettings }[];
let offscreenDown: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  const target = { factory: new IDBFactory(), name: 'test' };
  const cache = createDocumentCache(target);
  audit = createAuditStore(target);
  offscreenCalls = [];
  offscreenDown = false;
  let id = 0;
  deps = {
    extensionId: EXT_ID,
    extensionBaseUrl: BASE,
    webmailPatterns: ['http://127.0.0.1/*'],
    readPolicy,
    readRecords,
    cache,
    audit,
    async analyseOffscreen(sha256, name, settings): Promise<OffscreenAnalyseResponse> {
      offscreenCalls.push({ sha256, settings });
      if (offscreenDown) return { ok: false, error: 'document analysis did not finish within 90 s' };
      const r = await handleOffscreenRequest(
        { target: 'reportguard-offscreen', op: 'analyse', sha256, name, settings },
        {
          cache,
          analyse: analyseAttachment,
          limitsFromPolicy: (mb) => ({ maxBytes: mb * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 30_000 }),
          convertForSend,
          sha256Hex,
        },
      );
      return r as OffscreenAnalyseResponse;
    },
    lang: () => 'en',
    now: () => NOW,
    newId: () => `check-${++id}`,
  };
});

const analyseReq = (name: string, bytes: Uint8Array) => ({ kind: 'analyse', composeKey: 'compose-1', name, bytesB64: bytesToBase64(bytes) });

describe('who may ask', () => {
  it('refuses another extension, a web page and our content script on another site', async () => {
    const handle = createBackgroundHandler(deps);
    for (const sender of [
      { ...CONTENT, id: 'other-extension' },
      { url: 'http://127.0.0.1:8000/', tab: { id: 1 } },
      { ...CONTENT, url: 'https://evil.example/' },
    ]) {
      const r = await handle({ kind: 'status' }, sender);
      expect(r).toMatchObject({ ok: false });
      if (!r.ok) expect(r.error).toMatch(/^refused: /);
    }
    expect(await audit.count()).toBe(0);
  });

  it('answers our content script and our options page', async () => {
    const handle = createBackgroundHandler(deps);
    expect(await handle({ kind: 'status' }, CONTENT)).toEqual({ ok: true, policyLoaded: false });
    expect(await handle({ kind: 'status' }, OPTIONS)).toEqual({ ok: true, policyLoaded: false });
  });
});

describe('invalid requests', () => {
  it('are refused with one line naming the field', async () => {
    const handle = createBackgroundHandler(deps);
    for (const raw of [undefined, 'status', { kind: 'nope' }, { kind: 'converted', sha256: 'x' }, { kind: 'analyse', composeKey: 'c', name: 'a', bytesB64: '%%%' }]) {
      const r = await handle(raw, CONTENT);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).not.toContain('\n');
    }
  });
});

describe('evaluate', () => {
  it('blocks with CHECK_FAILED when no policy is loaded, and logs the verdict', async () => {
    const handle = createBackgroundHandler(deps);
    const r = await handle({ kind: 'evaluate', composeKey: 'compose-1', message: message(['hr@werkgever-a.nl']), attachments: [] }, CONTENT);
    expect(r).toMatchObject({ ok: true, checkId: 'check-1', verdict: { verdict: 'block', findings: [{ code: 'CHECK_FAILED', severity: 'block' }] } });
    if (r.ok && 'verdict' in r) expect(r.verdict.findings[0]!.message).toContain('no policy loaded');
    const [entry] = await audit.latest(1);
    expect(entry).toMatchObject({ type: 'verdict', data: { checkId: 'check-1', verdict: 'block', codes: ['CHECK_FAILED'], policySha256: null } });
  });

  it('returns the engine verdict for the analysed attachments once a policy is loaded', async () => {
    const sha = await sha256Hex(PDF);
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await loadRecordsFile(JSON.stringify(await recordsWithApproval(sha)), 'records.json');
    const handle = createBackgroundHandler(deps);
    const analysed = await handle(analyseReq('rapport C-1042.pdf', PDF), CONTENT);
    expect(analysed.ok).toBe(true);

    for (const to of [['Personeelszaken <hr@werkgever-a.nl>'], ['hr@werkgever-b.nl']]) {
      const msg = message(to);
      const r = await handle({ kind: 'evaluate', composeKey: 'compose-1', message: msg, attachments: [{ name: 'rapport C-1042.pdf', sha256: sha }] }, CONTENT);
      if (!r.ok || !('verdict' in r)) throw new Error('expected a verdict');
      // Exactly what the engine says about the same message, policy, records and analysis.
      const cached = await deps.cache.getAnalysis(sha, 'mb=25;protectPdf=true');
      const expected = evaluate(
        { ...msg, attachments: [{ ...cached!.analysis, name: 'rapport C-1042.pdf' }] },
        PolicySchema.parse(policy),
        RecordsSchema.parse(await recordsWithApproval(sha)),
        NOW,
        { lang: 'en' },
      );
      expect(r.verdict).toEqual(expected);
      expect(r.verdict.verdict).toBe(to[0]!.includes('werkgever-a') ? 'allow' : 'block');
      expect(r.clients).toEqual([{ id: 'C-1042', name: 'J. de Vries' }]);
    }
    const latest = await audit.latest(2);
    expect(latest[0]!.data['codes']).toContain('RECIPIENT_NOT_WHITELISTED');
    expect(latest[1]!.data['verdict']).not.toBe('block');
  });

  it('blocks an attachment that was never analysed', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    const handle = createBackgroundHandler(deps);
    const r = await handle(
      { kind: 'evaluate', composeKey: 'c', message: message(['hr@werkgever-a.nl']), attachments: [{ name: 'x.pdf', sha256: 'ab'.repeat(32) }] },
      CONTENT,
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
    const r = await createBackgroundHandler(deps)({ kind: 'evaluate', composeKey: 'c', message: message([]), attachments: [] }, CONTENT);
    expect(r).toMatchObject({ ok: true, verdict: { verdict: 'block', findings: [{ code: 'CHECK_FAILED' }] } });
  });

  it('keeps body, subject and display names out of the audit log', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    const handle = createBackgroundHandler(deps);
    await handle({ kind: 'evaluate', composeKey: 'c', message: message(['Personeelszaken <hr@werkgever-a.nl>']), attachments: [] }, CONTENT);
    const text = await audit.exportJsonLines();
    expect(text).toContain('hr@werkgever-a.nl');
    expect(text).not.toContain('Vertrouwelijke');
    expect(text).not.toContain('Rapportage C-1042');
    expect(text).not.toContain('Personeelszaken');
    expect(text).not.toContain('A. Jansen');
  });
});

describe('analyse', () => {
  it('analyses once and then answers from the cache (also under another name)', async () => {
    const handle = createBackgroundHandler(deps);
    const first = await handle(analyseReq('rapport.pdf', PDF), CONTENT);
    const second = await handle(analyseReq('kopie.pdf', PDF), CONTENT);
    expect(offscreenCalls).toHaveLength(1);
    const sha = await sha256Hex(PDF);
    expect(first).toMatchObject({ ok: true, analysis: { name: 'rapport.pdf', sha256: sha, type: 'pdf' }, fix: { action: 'flattened', ok: true, outputName: 'rapport.pdf' } });
    expect(second).toMatchObject({ ok: true, analysis: { name: 'kopie.pdf', sha256: sha }, fix: { outputName: 'kopie.pdf' } });
    const log = await audit.all();
    expect(log.map((e) => e.data['cached'])).toEqual([false, true]);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('converts a Word file to a PDF named after it, and refuses a legacy .doc', async () => {
    const handle = createBackgroundHandler(deps);
    const r = await handle(analyseReq('rapport.docx', DOCX), CONTENT);
    expect(r).toMatchObject({ ok: true, analysis: { type: 'docx' }, fix: { action: 'converted', ok: true, outputName: 'rapport.pdf' } });
    const doc = await handle(analyseReq('oud.doc', LEGACY_DOC), CONTENT);
    expect(doc).toMatchObject({ ok: true, analysis: { type: 'doc' }, fix: { ok: false } });
  });

  it('re-analyses from the cached bytes when the policy changes the size limit', async () => {
    const handle = createBackgroundHandler(deps);
    await handle(analyseReq('rapport.pdf', PDF), CONTENT);
    await loadPolicyFile(JSON.stringify({ ...policy, maxAttachmentMB: 0.00001 }), 'policy.json');
    const sha = await sha256Hex(PDF);
    const r = await handle({ kind: 'evaluate', composeKey: 'c', message: message(['hr@werkgever-a.nl']), attachments: [{ name: 'rapport.pdf', sha256: sha }] }, CONTENT);
    expect(offscreenCalls.map((c) => c.settings.maxAttachmentMB)).toEqual([25, 0.00001]);
    if (!r.ok || !('verdict' in r)) throw new Error('expected a verdict');
    expect(r.verdict.verdict).toBe('block');
    expect(r.verdict.findings.map((f) => f.code)).toContain('ATTACHMENT_UNREADABLE');
  });

  it('does not remember an analysis that timed out, so attaching again retries', async () => {
    const handle = createBackgroundHandler({
      ...deps,
      async analyseOffscreen(sha256, name) {
        offscreenCalls.push({ sha256, settings: { maxAttachmentMB: 25, protectPdf: true } });
        return { ok: true, analysis: { name, size: 1, sha256, type: 'pdf', readable: false, problem: { kind: 'timeout', detail: 'took too long' }, text: '' } };
      },
    });
    expect(await handle(analyseReq('a.pdf', PDF), CONTENT)).toMatchObject({ ok: true, analysis: { problem: { kind: 'timeout' } } });
    await handle(analyseReq('a.pdf', PDF), CONTENT);
    expect(offscreenCalls).toHaveLength(2);
  });

  it('fails closed with one line when the offscreen document does not answer', async () => {
    offscreenDown = true;
    const r = await createBackgroundHandler(deps)(analyseReq('rapport.pdf', PDF), CONTENT);
    expect(r).toEqual({ ok: false, error: 'document analysis did not finish within 90 s' });
  });
});

describe('converted', () => {
  it('hands back the checked PDF bytes, and refuses what has no PDF', async () => {
    const handle = createBackgroundHandler(deps);
    await handle(analyseReq('rapport.pdf', PDF), CONTENT);
    await handle(analyseReq('rapport.docx', DOCX), CONTENT);
    await handle(analyseReq('oud.doc', LEGACY_DOC), CONTENT);
    const pdf = await handle({ kind: 'converted', sha256: await sha256Hex(PDF) }, CONTENT);
    expect(pdf).toMatchObject({ ok: true, name: 'rapport.pdf' });
    if (!pdf.ok || !('bytesB64' in pdf)) throw new Error('expected PDF bytes');
    const flat = base64ToBytes(pdf.bytesB64);
    // The flattened output, not the original: its own hash, and still a PDF.
    expect(pdf.sha256).toBe(await sha256Hex(flat));
    expect(pdf.sha256).not.toBe(await sha256Hex(PDF));
    expect(new TextDecoder().decode(flat.subarray(0, 5))).toBe('%PDF-');
    const docx = await handle({ kind: 'converted', sha256: await sha256Hex(DOCX) }, CONTENT);
    expect(docx).toMatchObject({ ok: true, name: 'rapport.pdf' });
    const doc = await handle({ kind: 'converted', sha256: await sha256Hex(LEGACY_DOC) }, CONTENT);
    expect(doc.ok).toBe(false);
    const unknown = await handle({ kind: 'converted', sha256: 'cd'.repeat(32) }, CONTENT);
    expect(unknown.ok).toBe(false);
  });
});

describe('decision and status', () => {
  it('logs decisions in the chain', async () => {
    const handle = createBackgroundHandler(deps);
    expect(await handle({ kind: 'decision', checkId: 'check-9', action: 'warning-confirmed', details: { codes: 'PROGRESS_INFO' } }, CONTENT)).toEqual({ ok: true });
    expect(await handle({ kind: 'decision', checkId: 'check-9', action: 'sent' }, CONTENT)).toEqual({ ok: true });
    const all = await audit.all();
    expect(all.map((e) => [e.type, e.data['action']])).toEqual([['decision', 'warning-confirmed'], ['decision', 'sent']]);
    expect(all[0]!.at).toBe(NOW.toISOString());
    expect((await audit.verify()).ok).toBe(true);
  });

  it('reports what is loaded', async () => {
    const handle = createBackgroundHandler(deps);
    await loadPolicyFile(JSON.stringify(policy), 'policy.json');
    await loadRecordsFile(JSON.stringify(await recordsWithApproval('ab'.repeat(32))), 'records.json');
    expect(await handle({ kind: 'status' }, OPTIONS)).toEqual({ ok: true, policyLoaded: true, organisation: 'Focus Nederland', regiokantoren: 1, clients: 1 });
  });
});
