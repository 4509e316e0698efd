// The background's answers to every request of utils/core/messaging/protocol.ts. Everything it needs
// from the outside (storage, the document cache, the audit log, the offscreen document, clock,
// language) is passed in, so the whole request path runs in tests with fakes. Nothing is kept in
// memory between requests: the service worker may be stopped at any moment.
//
// Every failure is an answer, never a throw: `{ ok: false, error }` for a request that can't be
// served, or a block verdict with CHECK_FAILED when the send check itself can't run.

import type {
  AnalyseRequest,
  AnyResponse,
  AttachmentRef,
  ComposeMessage,
  ConvertedRequest,
  DecisionRequest,
  ErrorResponse,
  EvaluateRequest,
  FixSummary,
  ResponseOf,
} from '../../utils/core/messaging/protocol.ts';
import { CONTENT_SCRIPT_KINDS } from '../../utils/core/messaging/protocol.ts';
import { parseRequest } from '../../utils/core/messaging/schemas.ts';
import { checkSender, type SenderLike } from '../../utils/core/messaging/sender.ts';
import { base64ToBytes, bytesToBase64 } from '../../utils/core/messaging/base64.ts';
import { evaluate } from '../../utils/core/policy/evaluate.ts';
import type { Policy } from '../../utils/core/policy/schema.ts';
import type { Finding, Verdict } from '../../utils/core/policy/types.ts';
import { EMPTY_RECORDS, type Records } from '../../utils/core/records/schema.ts';
import type { AnalysedAttachment } from '../../utils/core/documents/types.ts';
import { sha256Hex } from '../../utils/core/documents/hash.ts';
import { hasKey, t, type Lang } from '../../utils/core/i18n/index.ts';
import { bg } from '../../utils/core/i18n/background.ts';
import type { Loaded, PolicySummary, RecordsSummary } from '../../utils/browser/storage/load.ts';
import type { DocumentCache } from '../../utils/browser/storage/document-cache.ts';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import { settingsKey, type AnalysisSettings, type OffscreenAnalyseResponse } from '../../utils/core/messaging/offscreen.ts';
import { pdfNameFor } from '../../utils/core/documents/convert-for-send.ts';
import { oneLine } from '../../utils/core/errors.ts';

export interface BackgroundDeps {
  extensionId: string;
  /** `browser.runtime.getURL('/')`: the origin of our own pages. */
  extensionBaseUrl: string;
  /** Match patterns of the webmail the content script may run on. */
  webmailPatterns: readonly string[];
  readPolicy(): Promise<Loaded<Policy, PolicySummary>>;
  readRecords(): Promise<Loaded<Records, RecordsSummary>>;
  cache: DocumentCache;
  audit: AuditStore;
  /** Runs the analysis (and fix) of cached bytes in the offscreen document. */
  analyseOffscreen(sha256: string, name: string, settings: AnalysisSettings): Promise<OffscreenAnalyseResponse>;
  lang(): Lang;
  now(): Date;
  newId(): string;
}

/** Used for analysis before any policy is loaded (the schema's defaults). */
const DEFAULT_SETTINGS: AnalysisSettings = { maxAttachmentMB: 25, protectPdf: true };

export type BackgroundHandler = (raw: unknown, sender: SenderLike) => Promise<AnyResponse>;

export function createBackgroundHandler(deps: BackgroundDeps): BackgroundHandler {
  return async (raw, sender) => {
    const who = checkSender(sender, deps.extensionId, deps.webmailPatterns, deps.extensionBaseUrl);
    if (!who.ok) return fail(`refused: ${who.reason}`);
    const parsed = parseRequest(raw);
    if (!parsed.ok) return fail(parsed.error);
    const request = parsed.request;
    if (who.context === 'content-script' && !CONTENT_SCRIPT_KINDS.includes(request.kind)) {
      return fail(`refused: '${request.kind}' is not for content scripts`);
    }
    try {
      switch (request.kind) {
        case 'analyse':
          return await analyse(deps, request);
        case 'evaluate':
          return await evaluateRequest(deps, request);
        case 'converted':
          return await converted(deps, request);
        case 'decision':
          return await decision(deps, request);
        case 'status':
          return await status(deps);
      }
    } catch (e) {
      return fail(`${request.kind} failed: ${oneLine(e)}`);
    }
  };
}

// ---------------------------------------------------------------- analyse

async function analyse(deps: BackgroundDeps, request: AnalyseRequest): Promise<ResponseOf<'analyse'>> {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(request.bytesB64);
  } catch {
    return fail('attachment bytes are not valid base64');
  }
  const sha256 = await sha256Hex(bytes);
  const settings = await analysisSettings(deps);
  const lang = deps.lang();
  let analysis = await cachedAnalysis(deps, sha256, settings);
  const cached = analysis !== null;
  if (!analysis) {
    await deps.cache.putBlob('orig', sha256, bytes);
    const result = await runAnalysis(deps, sha256, request.name, settings);
    if (!result.ok) return result;
    analysis = result.analysis;
  } else if (!(await deps.cache.hasBlob('orig', sha256))) {
    // Keep the original for a later re-analysis or for sending a PDF unchanged.
    await deps.cache.putBlob('orig', sha256, bytes);
  }
  const named = withName(analysis, request.name);
  await deps.audit.append(
    'analysis',
    {
      composeKey: request.composeKey,
      sha256,
      size: named.size,
      type: named.type,
      readable: named.readable,
      problem: named.problem?.kind ?? null,
      fix: named.fix?.action ?? null,
      fixOk: named.fix?.ok ?? null,
      cached,
    },
    deps.now(),
  );
  return { ok: true, analysis: named, fix: summariseFix(named, lang) };
}

async function analysisSettings(deps: BackgroundDeps): Promise<AnalysisSettings> {
  const policy = await deps.readPolicy();
  if (policy.state !== 'loaded') return DEFAULT_SETTINGS;
  return { maxAttachmentMB: policy.value.maxAttachmentMB, protectPdf: policy.value.protectPdf };
}

async function cachedAnalysis(deps: BackgroundDeps, sha256: string, settings: AnalysisSettings): Promise<AnalysedAttachment | null> {
  const entry = await deps.cache.getAnalysis(sha256, settingsKey(settings));
  return entry ? entry.analysis : null;
}

/** Runs the offscreen analysis of bytes already in the cache and caches the result. */
async function runAnalysis(
  deps: BackgroundDeps,
  sha256: string,
  name: string,
  settings: AnalysisSettings,
): Promise<{ ok: true; analysis: AnalysedAttachment } | ErrorResponse> {
  const result = await deps.analyseOffscreen(sha256, name, settings);
  if (!result.ok) return fail(result.error);
  if (result.analysis.sha256 !== sha256) return fail('document analysis answered for other bytes');
  const analysis = result.analysis;
  // A timeout may be load, not the document: don't remember it, so attaching again retries.
  if (analysis.problem?.kind !== 'timeout' && analysis.fix?.problem?.kind !== 'timeout') {
    await deps.cache.putAnalysis({ sha256, settingsKey: settingsKey(settings), analysis, fix: summariseFix(analysis, 'en') });
  }
  return { ok: true, analysis };
}

/** The same bytes may be attached under another name: findings and the output name follow the name used now. */
function withName(analysis: AnalysedAttachment, name: string): AnalysedAttachment {
  if (!analysis.fix) return { ...analysis, name };
  const outputName = analysis.fix.ok ? (analysis.fix.action === 'none' ? name : pdfNameFor(name)) : analysis.fix.outputName;
  return { ...analysis, name, fix: { ...analysis.fix, ...(outputName !== undefined ? { outputName } : {}) } };
}

function summariseFix(analysis: AnalysedAttachment, lang: Lang): FixSummary {
  const fix = analysis.fix;
  // No fix result means the pipeline did not run: nothing may be sent in its place.
  if (!fix) return { action: analysis.type === 'pdf' ? 'flattened' : 'converted', ok: false, problem: bg(lang, 'fix.failed') };
  const out: FixSummary = { action: fix.action, ok: fix.ok };
  if (!fix.ok) out.problem = problemText(fix.problem, lang);
  if (fix.outputName !== undefined) out.outputName = fix.outputName;
  if (fix.outputSha256 !== undefined) out.outputSha256 = fix.outputSha256;
  return out;
}

function problemText(problem: AnalysedAttachment['problem'] | undefined, lang: Lang): string {
  if (!problem) return bg(lang, 'fix.failed');
  const key = `reason.${problem.kind}`;
  return hasKey(key) ? t(lang, key) : problem.detail;
}

// ---------------------------------------------------------------- evaluate

async function evaluateRequest(deps: BackgroundDeps, request: EvaluateRequest): Promise<ResponseOf<'evaluate'>> {
  const lang = deps.lang();
  const now = deps.now();
  const checkId = deps.newId();
  const [policy, records] = await Promise.all([deps.readPolicy(), deps.readRecords()]);
  const clients = records.state === 'loaded' ? records.value.clients.map((c) => ({ id: c.id, name: c.name ?? '' })) : [];

  let verdict: Verdict;
  if (policy.state !== 'loaded') {
    verdict = blocked([checkFailed(lang, bg(lang, policy.state === 'none' ? 'check.noPolicy' : 'check.policyInvalid'))]);
  } else if (records.state === 'invalid') {
    verdict = blocked([checkFailed(lang, bg(lang, 'check.recordsInvalid'))]);
  } else {
    const settings = { maxAttachmentMB: policy.value.maxAttachmentMB, protectPdf: policy.value.protectPdf };
    const analysed: AnalysedAttachment[] = [];
    const missing: Finding[] = [];
    for (const ref of request.attachments) {
      const analysis = await analysisForSend(deps, ref, settings);
      if (analysis) analysed.push(withName(analysis, ref.name));
      else {
        // The details let the content script recognise this case: send the bytes again, then re-check.
        const finding = checkFailed(lang, bg(lang, 'check.attachmentNotChecked', { file: ref.name }), ref.name);
        finding.details = { reason: 'attachment-not-analysed', sha256: ref.sha256 };
        missing.push(finding);
      }
    }
    const recordsValue = records.state === 'loaded' ? records.value : EMPTY_RECORDS;
    try {
      const engine = evaluate({ ...request.message, attachments: analysed }, policy.value, recordsValue, now, { lang });
      verdict = missing.length ? blocked([...missing, ...engine.findings]) : engine;
    } catch {
      verdict = blocked([...missing, checkFailed(lang, bg(lang, 'check.engineError'))]);
    }
  }

  try {
    await deps.audit.append(
      'verdict',
      {
        checkId,
        composeKey: request.composeKey,
        verdict: verdict.verdict,
        codes: verdict.findings.map((f) => f.code),
        ...recipientsForAudit(request.message),
        attachments: request.attachments.map((a) => a.sha256),
        client: request.message.client ?? null,
        reportKind: request.message.reportKind ?? null,
        exceptionGround: request.message.exception?.ground ?? null,
        containsHealthData: request.message.containsHealthData,
        healthOverride: request.message.healthOverrideJustification !== null,
        policySha256: policy.state === 'loaded' ? policy.summary.sha256 : null,
        recordsSha256: records.state === 'loaded' ? records.summary.sha256 : null,
      },
      now,
    );
  } catch {
    // A send that leaves no trace is not allowed: fail closed.
    verdict = blocked([checkFailed(lang, bg(lang, 'check.auditUnavailable')), ...verdict.findings]);
  }
  return { ok: true, verdict, checkId, clients };
}

/** The cached analysis, or a fresh one from bytes still in the cache (e.g. after a policy change). */
async function analysisForSend(deps: BackgroundDeps, ref: AttachmentRef, settings: AnalysisSettings): Promise<AnalysedAttachment | null> {
  const hit = await cachedAnalysis(deps, ref.sha256, settings);
  if (hit) return hit;
  if (!(await deps.cache.hasBlob('orig', ref.sha256))) return null;
  const result = await runAnalysis(deps, ref.sha256, ref.name, settings);
  return result.ok ? result.analysis : null;
}

function checkFailed(lang: Lang, reason: string, subject?: string): Finding {
  const finding: Finding = { code: 'CHECK_FAILED', severity: 'block', message: t(lang, 'CHECK_FAILED', { reason }) };
  if (subject !== undefined) finding.subject = subject;
  return finding;
}

function blocked(findings: Finding[]): Verdict {
  return { verdict: 'block', findings };
}

/** Addresses only, without display names (they can hold a person's name). */
function recipientsForAudit(message: ComposeMessage): { from: string; to: string[]; cc: string[]; bcc: string[] } {
  return { from: addressOf(message.from), to: message.to.map(addressOf), cc: message.cc.map(addressOf), bcc: message.bcc.map(addressOf) };
}

function addressOf(raw: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(raw);
  return (angle ? angle[1]! : raw).trim().slice(0, 320);
}

// ---------------------------------------------------------------- converted

async function converted(deps: BackgroundDeps, request: ConvertedRequest): Promise<ResponseOf<'converted'>> {
  const settings = await analysisSettings(deps);
  const analysis = await cachedAnalysis(deps, request.sha256, settings);
  if (!analysis) return fail('attachment not analysed (or no longer in the cache): attach it again');
  const fix = analysis.fix;
  if (!fix || !fix.ok || !fix.outputSha256) {
    return fail(`no PDF to send for this attachment: ${problemText(fix?.problem, deps.lang())}`);
  }
  const bytes =
    fix.outputSha256 === request.sha256 ? await deps.cache.getBlob('orig', request.sha256) : await deps.cache.getBlob('out', request.sha256);
  if (!bytes) return fail('the PDF is no longer in the cache: attach the file again');
  // What leaves must be exactly what was checked.
  const actual = await sha256Hex(bytes);
  if (actual !== fix.outputSha256) return fail('the cached PDF does not match its checked hash');
  return { ok: true, name: fix.outputName ?? pdfNameFor(analysis.name), bytesB64: bytesToBase64(bytes), sha256: actual };
}

// ---------------------------------------------------------------- decision, status

async function decision(deps: BackgroundDeps, request: DecisionRequest): Promise<ResponseOf<'decision'>> {
  await deps.audit.append('decision', { checkId: request.checkId, action: request.action, details: request.details ?? {} }, deps.now());
  return { ok: true };
}

async function status(deps: BackgroundDeps): Promise<ResponseOf<'status'>> {
  const [policy, records] = await Promise.all([deps.readPolicy(), deps.readRecords()]);
  if (policy.state !== 'loaded') return { ok: true, policyLoaded: false };
  return {
    ok: true,
    policyLoaded: true,
    organisation: policy.summary.organisation,
    regiokantoren: policy.summary.regiokantoren,
    clients: records.state === 'loaded' ? records.summary.clients : 0,
  };
}

function fail(error: string): ErrorResponse {
  return { ok: false, error };
}
