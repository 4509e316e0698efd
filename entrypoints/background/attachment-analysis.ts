// The background's side of document analysis, shared by the requests that need an attachment's
// analysis (analyse, evaluate, converted): results cached by SHA-256 and analysis settings in
// IndexedDB, the offscreen document asked only when the cache has none, and the fix summary the
// content script shows next to the attachment.
import type { ErrorResponse, FixSummary } from '../../utils/core/messaging/protocol.ts';
import type { AnalysedAttachment } from '../../utils/core/documents/types.ts';
import { sendName } from '../../utils/core/documents/send-fix.ts';
import { settingsKey, type AnalysisSettings } from '../../utils/core/messaging/offscreen.ts';
import { findings, t } from '../../utils/core/i18n/findings.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { bg } from '../../utils/core/i18n/background.ts';
import { fail, type BackgroundDeps } from './deps.ts';

/** Used for analysis before any policy is loaded (the schema's defaults). */
const DEFAULT_SETTINGS: AnalysisSettings = { maxAttachmentMB: 25, protectPdf: true };

/** The loaded policy's analysis settings, or the defaults when none is loaded. */
export async function analysisSettings(deps: BackgroundDeps): Promise<AnalysisSettings> {
  const policy = await deps.readPolicy();
  if (policy.state !== 'loaded') return DEFAULT_SETTINGS;
  return { maxAttachmentMB: policy.value.maxAttachmentMB, protectPdf: policy.value.protectPdf };
}

export async function cachedAnalysis(deps: BackgroundDeps, sha256: string, settings: AnalysisSettings): Promise<AnalysedAttachment | null> {
  const entry = await deps.cache.getAnalysis(sha256, settingsKey(settings));
  return entry ? entry.analysis : null;
}

/** Runs the offscreen analysis of bytes already in the cache and caches the result. */
export async function runAnalysis(
  deps: BackgroundDeps,
  sha256: string,
  name: string,
  settings: AnalysisSettings,
): Promise<{ ok: true; analysis: AnalysedAttachment } | ErrorResponse> {
  const result = await deps.analyseOffscreen(sha256, name, settings);
  if (!result.ok) return fail(result.error);
  if (result.analysis.sha256 !== sha256) return fail('document analysis answered for other bytes');
  const analysis = result.analysis;
  // The PDF that will leave instead is the extension's own copy of this original.
  const out = analysis.fix?.ok ? analysis.fix.outputSha256 : undefined;
  if (out && out !== sha256) await deps.derived.record(out, sha256);
  // A timeout may be load, not the document: don't remember it, so attaching again retries.
  if (analysis.problem?.kind !== 'timeout' && analysis.fix?.problem?.kind !== 'timeout') {
    await deps.cache.putAnalysis({ sha256, settingsKey: settingsKey(settings), analysis, fix: summariseFix(analysis, 'en') });
  }
  return { ok: true, analysis };
}

/** The same bytes may be attached under another name: findings and the output name follow the name used now. */
export function withName(analysis: AnalysedAttachment, name: string): AnalysedAttachment {
  if (!analysis.fix) return { ...analysis, name };
  const outputName = analysis.fix.ok ? (analysis.fix.action === 'none' ? name : sendName(name)) : analysis.fix.outputName;
  return { ...analysis, name, fix: { ...analysis.fix, ...(outputName !== undefined ? { outputName } : {}) } };
}

export function summariseFix(analysis: AnalysedAttachment, lang: Lang): FixSummary {
  const fix = analysis.fix;
  // No fix result means the pipeline did not run: nothing may be sent in its place.
  if (!fix) return { action: analysis.type === 'pdf' ? 'flattened' : 'converted', ok: false, problem: bg(lang, 'fix.failed') };
  const out: FixSummary = { action: fix.action, ok: fix.ok };
  if (!fix.ok) out.problem = problemText(fix.problem, lang);
  if (fix.outputName !== undefined) out.outputName = fix.outputName;
  if (fix.outputSha256 !== undefined) out.outputSha256 = fix.outputSha256;
  return out;
}

/** Why an attachment's fix failed, in the user's language where the catalog has the reason. */
export function problemText(problem: AnalysedAttachment['problem'] | undefined, lang: Lang): string {
  if (!problem) return bg(lang, 'fix.failed');
  const key = `reason.${problem.kind}`;
  return findings.has(key) ? t(lang, key) : problem.detail;
}
