// `converted` (send time, verdict allow): the checked PDF the send swaps in for an attachment,
// read back from the cache and hashed again: what leaves is exactly what was checked.
import { bytesToBase64 } from '../../../utils/core/messaging/base64.ts';
import { sha256Hex } from '../../../utils/core/documents/hash.ts';
import { sendName } from '../../../utils/core/documents/send-fix.ts';
import { fail, type RequestHandler } from '../deps.ts';
import { analysisSettings, cachedAnalysis, problemText } from '../attachment-analysis.ts';

export const converted: RequestHandler<'converted'> = async (deps, request) => {
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
  return { ok: true, name: fix.outputName ?? sendName(analysis.name), bytesB64: bytesToBase64(bytes), sha256: actual };
};
