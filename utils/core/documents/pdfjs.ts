// The one pdf.js loader of the document pipeline (text extraction and the flatness verifier).
// The legacy build runs in Node 24 without DOM globals (the standard build needs DOMMatrix at
// import) and in Chromium alike. Instead of a worker file, pdf.js's own worker code is loaded
// into this context and run in-thread ("fake worker"): no worker URL to configure, the same in
// vitest, the CLI and the extension's offscreen document. Loaded lazily, once.
export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsLoad: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoad ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    // pdf.js looks for this global to run its worker side on the main thread.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsLoad;
}

/** Options every caller wants: no eval, no font loading, no XFA, errors tolerated like viewers do. */
export function safeDocumentParams(pdfjs: PdfJs, bytes: Uint8Array): Parameters<PdfJs['getDocument']>[0] {
  return {
    // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  };
}
