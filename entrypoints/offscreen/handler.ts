// What the offscreen document does for the background: read the original bytes from the
// document cache, analyse them (pdfjs, mammoth: they need the page context this document gives),
// apply the automatic fix, store the fixed PDF, answer with the analysis. Dependencies are passed
// in so tests can run it without pdfjs or a browser.

import type { AnalysedAttachment, AnalysisLimits } from '../../utils/core/documents/types.ts';
import type { DocumentCache } from '../../utils/browser/storage/document-cache.ts';
import type { SendFixResult } from '../../utils/core/documents/send-fix.ts';
import type { AnalysisSettings, OffscreenAnalyseResponse, OffscreenRequest } from '../../utils/core/messaging/offscreen.ts';
import { oneLine } from '../../utils/core/errors.ts';

export interface OffscreenDeps {
  cache: DocumentCache;
  analyse: (name: string, bytes: Uint8Array, limits: AnalysisLimits) => Promise<AnalysedAttachment>;
  limitsFromPolicy: (maxAttachmentMB: number) => AnalysisLimits;
  applySendFix: (analysis: AnalysedAttachment, bytes: Uint8Array, settings: AnalysisSettings) => Promise<SendFixResult>;
  sha256Hex: (bytes: Uint8Array) => Promise<string>;
}

export async function handleOffscreenRequest(
  request: OffscreenRequest,
  deps: OffscreenDeps,
): Promise<OffscreenAnalyseResponse | { ok: true }> {
  if (request.kind === 'offscreen.ping') return { ok: true };
  try {
    const bytes = await deps.cache.getBlob('orig', request.sha256);
    if (!bytes) return { ok: false, error: 'attachment bytes no longer in the cache' };
    const analysis = await deps.analyse(request.name, bytes, deps.limitsFromPolicy(request.settings.maxAttachmentMB));
    if (analysis.sha256 !== request.sha256) return { ok: false, error: 'attachment bytes changed in the cache' };
    const { fix, output } = await deps.applySendFix(analysis, bytes, request.settings);
    if (fix.ok && output) {
      const outputSha256 = await deps.sha256Hex(output);
      if (outputSha256 !== request.sha256) await deps.cache.putBlob('out', request.sha256, output);
      return { ok: true, analysis: { ...analysis, fix: { ...fix, outputSha256 } } };
    }
    return { ok: true, analysis: { ...analysis, fix } };
  } catch (e) {
    return { ok: false, error: `document analysis failed: ${oneLine(e)}` };
  }
}

