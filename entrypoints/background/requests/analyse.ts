// `analyse` (attach time): the attachment's bytes are hashed, analysed once (offscreen document,
// cached by hash and settings) and the fix the send would apply is summarised for the badge.
import { base64ToBytes } from '../../../utils/core/messaging/base64.ts';
import { sha256Hex } from '../../../utils/core/documents/hash.ts';
import { fail, type RequestHandler } from '../deps.ts';
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
};
