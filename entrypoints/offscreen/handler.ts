// What the offscreen document does for the background: read the original bytes from the
// document cache, prepare them for sending (analysis, the automatic fix, and the text of the PDF
// that will leave, read by pdf.js, which needs the page context this document gives), store the
// fixed PDF, answer with the analysis. The same prepareForSend as CLI `check`. Dependencies are
// passed in so tests can run it without pdfjs or a browser.

import type { DocumentCache } from '../../utils/browser/storage/document-cache.ts';
import type { PreparedAttachment } from '../../utils/core/documents/send-fix.ts';
import type { AnalysisSettings, OffscreenAnalyseResponse, OffscreenRequest } from '../../utils/core/messaging/offscreen.ts';
import { oneLine } from '../../utils/core/errors.ts';

export interface OffscreenDeps {
  cache: DocumentCache;
  prepareForSend: (name: string, bytes: Uint8Array, settings: AnalysisSettings) => Promise<PreparedAttachment>;
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
    const { analysis, output } = await deps.prepareForSend(request.name, bytes, request.settings);
    if (analysis.sha256 !== request.sha256) return { ok: false, error: 'attachment bytes changed in the cache' };
    const fix = analysis.fix;
    if (fix?.ok && output) {
      const outputSha256 = await deps.sha256Hex(output);
      if (outputSha256 !== request.sha256) await deps.cache.putBlob('out', request.sha256, output);
      return { ok: true, analysis: { ...analysis, fix: { ...fix, outputSha256 } } };
    }
    return { ok: true, analysis };
  } catch (e) {
    return { ok: false, error: `document analysis failed: ${oneLine(e)}` };
  }
}

