// The document pipeline's dependencies as the extension runs it: the real preparation for
// sending (analysis, fix, and the text of the PDF that leaves) over the IndexedDB document cache.
// One place for both hosts of the pipeline — the offscreen document (Chromium) and the Firefox
// background page, which has a DOM of its own (entrypoints/background/pipeline-host.ts).
import { sha256Hex } from '../../utils/core/documents/hash.ts';
import { createDocumentCache } from '../../utils/browser/storage/document-cache.ts';
import { prepareForSend } from '../../utils/core/documents/send-fix.ts';
import { quietLibraries } from '../../utils/core/library-console.ts';
import type { OffscreenDeps } from './handler.ts';
import type { AnalysisSettings } from '../../utils/core/messaging/offscreen.ts';

// The document libraries (pdf-lib, pdf.js, fontkit) print their own warnings about a bad file;
// those stay out of the extension's console while they run. What went wrong reaches the user as
// the analysis result, in one sentence.
export function createPipelineDeps(): OffscreenDeps {
  return {
    cache: createDocumentCache(),
    // The bytes were read from the document cache for this one preparation: handed over, so the
    // original's memory goes before the output is verified (issue 11, peak memory).
    prepareForSend: quietLibraries((name: string, bytes: Uint8Array, settings: AnalysisSettings) => prepareForSend(name, bytes, settings, undefined, { consumeInput: true })),
    sha256Hex,
  };
}
