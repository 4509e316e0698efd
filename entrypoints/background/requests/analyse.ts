// `analyse` (attach time): the attachment's bytes are hashed, analysed once (offscreen document,
// cached by hash and settings) and the fix the send would apply is summarised for the badge.
import { base64ToBytes } from '../../../utils/core/messaging/base64.ts';
import { sha256Hex } from '../../../utils/core/documents/hash.ts';
import { fail, type BackgroundDeps, type RequestHandler } from '../deps.ts';
import type { AnalysedAttachment } from '../../../utils/core/documents/types.ts';
import { settingsKey, type AnalysisSettings } from '../../../utils/core/messaging/offscreen.ts';
import { analysisSettings, cachedAnalysis, runAnalysis, summariseFix, withName } from '../attachment-analysis.ts';

export const analyse: RequestHandler<'analyse'> = async (deps, request) => {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(request.bytesB64);
  } catch {
    return fail('attachment bytes are not valid base64');
  }
  const sha256 = await sha256Hex(bytes);
  const settings = await analysisSettings(deps);
  const lang = deps.lang();
  // A PDF the extension made itself (swapped in at attach time, before a reload, in a draft
  // reopened later): the one out→original record says from what. It is sent as it is.
  const own = await ownOutput(deps, sha256, bytes, request.name, settings);
  if (own) {
    await audit(deps, request.composeKey, own.analysis, true);
    return { ok: true, analysis: own.analysis, fix: summariseFix(own.analysis, lang), madeFrom: own.madeFrom };
  }
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
  await audit(deps, request.composeKey, named, cached);
  return { ok: true, analysis: named, fix: summariseFix(named, lang) };
};

async function audit(deps: BackgroundDeps, composeKey: string, named: AnalysedAttachment, cached: boolean): Promise<void> {
  await deps.audit.append(
    'analysis',
    {
      composeKey,
      sha256: named.sha256,
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
}

/**
 * The analysis of a PDF the extension made from an original, or null for any other bytes. When
 * the original's analysis is still cached and names exactly these bytes as its checked output,
 * that analysis is these bytes' (its text is the text the verifier read from them): nothing is
 * analysed again. Otherwise the PDF is analysed as any attachment, and still sent as it is.
 * Either way its fix names itself as the output: swapping it again would send other bytes.
 */
async function ownOutput(
  deps: BackgroundDeps,
  sha256: string,
  bytes: Uint8Array,
  name: string,
  settings: AnalysisSettings,
): Promise<{ analysis: AnalysedAttachment; madeFrom: { name: string; sha256: string } } | null> {
  const original = await deps.derived.originalOf(sha256);
  if (!original) return null;
  const source = await cachedAnalysis(deps, original, settings);
  // Its bytes, for sending it unchanged or analysing it again later.
  if (!(await deps.cache.hasBlob('orig', sha256))) await deps.cache.putBlob('orig', sha256, bytes);
  let analysis: AnalysedAttachment;
  if (source?.fix?.ok && source.fix.outputSha256 === sha256) {
    analysis = { ...source, name, sha256, size: bytes.length, type: 'pdf' };
  } else {
    const result = await runAnalysis(deps, sha256, name, settings);
    if (!result.ok) return null;
    analysis = result.analysis;
    if (!analysis.fix?.ok) return null;
  }
  analysis = { ...analysis, fix: { ...analysis.fix!, outputName: name, outputSha256: sha256 } };
  await deps.cache.putAnalysis({ sha256, settingsKey: settingsKey(settings), analysis, fix: summariseFix(analysis, 'en') });
  return { analysis, madeFrom: { name: source?.name ?? name, sha256: original } };
}
