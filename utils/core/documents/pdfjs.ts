// The one pdf.js loader of the document pipeline (text extraction and the flatness verifier).
// The legacy build runs in Node 24 without DOM globals (the standard build needs DOMMatrix at
// import) and in Chromium alike. Instead of a worker file, pdf.js's own worker code is loaded
// into this context and run in-thread: no worker URL to configure, the same in vitest, the CLI
// and the extension's offscreen document. Loaded lazily, once.
//
// Memory: pdf.js takes the file it reads for its own (its message port transfers the buffer to
// its worker side, detaching it from the caller), so every caller used to hand it a full copy. A
// document opened with `share` is read in place instead: each such document gets its own
// in-thread port (SharingPort) that passes the caller's buffer to pdf.js's worker side by
// reference and clones every other message as pdf.js's own in-thread port does. pdf.js may write
// into the bytes it reads (it repairs broken font tables in place when a font stream is stored
// unfiltered), so `share` is only for bytes that are not used afterwards, or whose every stream is
// encrypted (pdf.js then reads decrypted copies); the pipeline compares the hash of what it
// shared before and after (send-fix.ts).
export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type GetDocumentParams = Exclude<Parameters<PdfJs['getDocument']>[0], string | URL | ArrayBuffer | Uint8Array | undefined>;

interface WorkerSide {
  WorkerMessageHandler: { initializeFromPort(port: unknown): void };
}

let pdfjsLoad: Promise<{ pdfjs: PdfJs; worker: Partial<WorkerSide> }> | undefined;

function load(): Promise<{ pdfjs: PdfJs; worker: Partial<WorkerSide> }> {
  pdfjsLoad ??= (async () => {
    const worker = (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as Partial<WorkerSide>;
    // pdf.js looks for this global to run its worker side on the main thread.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return { pdfjs: await import('pdfjs-dist/legacy/build/pdf.mjs'), worker };
  })();
  return pdfjsLoad;
}

export async function loadPdfJs(): Promise<PdfJs> {
  return (await load()).pdfjs;
}

/** Options every caller wants: no eval, no font loading, no XFA, errors tolerated like viewers do. */
export function safeDocumentParams(pdfjs: PdfJs, bytes: Uint8Array): GetDocumentParams {
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

/**
 * Memory (issue 11): pdf.js inflates each Flate (and Brotli) stream it reads, every page's
 * content streams and form XObjects, through the platform's DecompressionStream when there is
 * one, and otherwise with its own synchronous decoder (which it also falls back to whenever the
 * platform cannot inflate a stream). Per stream that is a web stream pair, a writer, an async
 * reader, the chunks and one more copy of the result, held across event-loop turns: on the 23 MB
 * bench PDF (100 pages, ~9 streams a page) 900 of them, whose garbage survives young collections
 * and so grows V8's young generation and keeps decoded buffers alive until a full collection
 * (bench/flatten.bench.ts: about 10–25 MB of the pipeline's peak in Node). While a document is
 * open, this realm's DecompressionStream is hidden from pdf.js, which then takes its own path:
 * the same bytes, decoded in place. Counted, so documents open at once share one hiding, and
 * put back when the last one closes. Nothing else in the pipeline uses DecompressionStream.
 */
let hiders = 0;
let hidden: PropertyDescriptor | undefined;

/** Hides globalThis.DecompressionStream until the returned function is called (once). */
export function hideDecompressionStream(): () => void {
  if (hiders++ === 0) {
    hidden = Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream');
    if (hidden && !hidden.configurable) hidden = undefined; // cannot be hidden: pdf.js uses it, as before
    else if (hidden) delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--hiders === 0 && hidden) {
      Object.defineProperty(globalThis, 'DecompressionStream', hidden);
      hidden = undefined;
    }
  };
}

export interface OpenedParams {
  params: GetDocumentParams;
  /** Whether pdf.js reads `bytes` in place (true) or a copy (false: sharing was not possible). */
  shared: boolean;
  /** After the loading task is destroyed: lets go of the document's own port, if any. */
  close(): void;
}

/**
 * Parameters to open `bytes`; with `share`, pdf.js reads them in place (see the top of the file).
 * Falls back to a copy where sharing cannot work: a view on part of a larger buffer (pdf.js would
 * copy it anyway), a SharedArrayBuffer, or a pdf.js without the worker entry point this needs.
 */
export async function documentParams(bytes: Uint8Array, share: boolean): Promise<OpenedParams> {
  const { pdfjs, worker } = await load();
  const params = safeDocumentParams(pdfjs, new Uint8Array(0));
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const init = worker.WorkerMessageHandler?.initializeFromPort;
  if (!share || !whole || typeof init !== 'function' || typeof pdfjs.PDFWorker !== 'function') {
    return { params: { ...params, data: bytes.slice() }, shared: false, close: () => undefined };
  }
  const port = new SharingPort(bytes.buffer as ArrayBuffer);
  init.call(worker.WorkerMessageHandler, port);
  // Typed as taking no port, though pdf.js documents and accepts one (a Worker-like object).
  const pdfWorker = new pdfjs.PDFWorker({ port, verbosity: pdfjs.VerbosityLevel.ERRORS } as never);
  return {
    params: { ...params, data: bytes, worker: pdfWorker },
    shared: true,
    close: () => {
      pdfWorker.destroy();
      port.terminate();
    },
  };
}

type Listener = (event: { data: unknown }) => void;

/**
 * Both ends of one document's in-thread pdf.js connection (as pdf.js's own LoopbackPort: one
 * object both sides listen on, messages delivered asynchronously as structured clones), except
 * that the one buffer it was made for is never transferred or copied: the worker side gets the
 * very same bytes.
 */
class SharingPort {
  private readonly listeners = new Map<Listener, AbortSignal | undefined>();
  private readonly shared: ArrayBuffer;
  private closed = false;

  constructor(shared: ArrayBuffer) {
    this.shared = shared;
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (this.closed) return;
    const others = transfer?.filter((t) => t !== this.shared);
    let data: unknown;
    if (others && others.length !== transfer?.length) {
      // The shared bytes are swapped for a marker, everything else cloned (and the other
      // transferables transferred) as usual, then the marker swapped back for the same view.
      const views: ArrayBufferView[] = [];
      const stripped = swapOut(message, this.shared, views, 0);
      data = swapIn(structuredClone(stripped, others.length ? { transfer: others } : undefined), views, 0);
    } else {
      data = structuredClone(message, transfer?.length ? { transfer } : undefined);
    }
    void Promise.resolve().then(() => {
      for (const listener of this.listeners.keys()) listener.call(this, { data });
    });
  }

  addEventListener(_type: string, listener: Listener, options?: { signal?: AbortSignal }): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    this.listeners.set(listener, signal);
    signal?.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.listeners.delete(listener);
  }

  terminate(): void {
    this.closed = true;
    this.listeners.clear();
  }
}

const MARKER = '__reportguardSharedView';
/** pdf.js's messages are shallow: the document's bytes sit two levels down. */
const MAX_DEPTH = 6;

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null || Array.isArray(value);
}

function swapOut(value: unknown, shared: ArrayBuffer, views: ArrayBufferView[], depth: number): unknown {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer !== shared) return value;
    views.push(value);
    return { [MARKER]: views.length - 1 };
  }
  if (value === shared) throw new Error('pdf.js was handed the shared buffer itself, not a view on it');
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH || !isPlain(value)) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => swapOut(v, shared, views, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = swapOut(v, shared, views, depth + 1);
  return out;
}

function swapIn(value: unknown, views: ArrayBufferView[], depth: number): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth >= MAX_DEPTH || !isPlain(value)) return value;
  const index = (value as Record<string, unknown>)[MARKER];
  if (typeof index === 'number' && Object.keys(value).length === 1) return views[index];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = swapIn(value[i], views, depth + 1);
    return value;
  }
  for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = swapIn(v, views, depth + 1);
  return value;
}
