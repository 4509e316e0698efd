// Independent flatness check (contracts §1, "flat"). Deliberately a different parser from the
// one that flattened (pdf.js, not pdf-lib): a bug in one is unlikely to hide in the other.
// Everything is read through pdf.js's public API, as any viewer would see the file.
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { documentParams, hideDecompressionStream, loadPdfJs, type PdfJs } from '../pdfjs.ts';
import { PdfError } from './errors.ts';

export interface VerifyOptions {
  /** Text of each page before flattening: it must still be extractable afterwards. */
  expectText?: string[];
  /** Budget for the whole check (default 60 s). */
  timeoutMs?: number;
  /**
   * Read `bytes` in place instead of a copy (../pdfjs.ts): only for bytes whose every stream is
   * encrypted, or that nobody uses afterwards, since pdf.js may repair a font stored unfiltered
   * in place. The caller checks the bytes are unchanged afterwards.
   */
  share?: boolean;
  /**
   * The file must be encrypted (protection was asked for): one that is not is not flat for
   * sending, since the flattener did not do what it was told.
   */
  expectEncrypted?: boolean;
}

export interface VerifyResult {
  flat: boolean;
  problems: string[];
  /**
   * Text of each page of the checked file as pdf.js extracts it (line ends kept): what a
   * recipient's viewer gets out of it, and what the send-time checks read.
   */
  texts: string[];
}

const ALLOWED_INFO = new Set(['Producer', 'CreationDate', 'ModDate']);
/** pdf.js adds these derived facts to `info`; they are not Info dictionary entries. */
const DERIVED_INFO = new Set([
  'PDFFormatVersion', 'Language', 'EncryptFilterName', 'IsLinearized', 'IsAcroFormPresent',
  'IsXFAPresent', 'IsCollectionPresent', 'IsSignaturesPresent',
]);

export async function verifyPdfFlat(bytes: Uint8Array, opts: VerifyOptions = {}): Promise<VerifyResult> {
  try {
    return await withPdfJs(bytes, opts.timeoutMs ?? 60_000, opts.share ?? false, async (doc) => {
      // Nothing to show a recipient is not a sendable report, however clean the rest is: the
      // same refusal as `pdf convert` gives the same file (contracts §1: unreadable, exit 3).
      if (doc.numPages === 0) throw new PdfError('unreadable', 'PDF has no pages');
      const { problems, texts } = await inspect(doc, opts.expectText, opts.expectEncrypted === true);
      return { flat: problems.length === 0, problems, texts };
    });
  } catch (e) {
    if (e instanceof PdfError && e.kind === 'encrypted') {
      return { flat: false, problems: ['encrypted for opening: a password is needed'], texts: [] };
    }
    throw e;
  }
}

/**
 * Text of each page as pdf.js extracts it: the baseline the flattened file is compared with.
 * `share`: read the bytes in place (see VerifyOptions.share).
 */
export async function pageTexts(bytes: Uint8Array, timeoutMs = 60_000, share = false): Promise<string[]> {
  return withPdfJs(bytes, timeoutMs, share, async (doc) => {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      texts.push(textOf(await page.getTextContent()));
      page.cleanup();
    }
    return texts;
  });
}

/**
 * Open with pdf.js, run `fn`, always destroy. Errors: 'encrypted' (needs a password),
 * 'unreadable' (pdf.js cannot open or read it), 'timeout'.
 */
async function withPdfJs<T>(bytes: Uint8Array, timeoutMs: number, share: boolean, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const pdfjs = await loadPdfJs();
  const opened = await documentParams(bytes, share);
  // pdf.js decodes with its own inflate while the document is open (see ../pdfjs.ts: memory).
  const unhide = hideDecompressionStream();
  let task: ReturnType<PdfJs['getDocument']>;
  try {
    task = pdfjs.getDocument(opened.params);
  } catch (e) {
    unhide();
    opened.close();
    throw e;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new PdfError('timeout', `PDF check took longer than ${timeoutMs} ms`));
      void task.destroy();
    }, timeoutMs);
  });
  const work = (async (): Promise<T> => {
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (e) {
      if ((e as Error)?.name === 'PasswordException') throw new PdfError('encrypted', 'PDF needs a password to open');
      throw new PdfError('unreadable', `PDF cannot be opened: ${(e as Error)?.message ?? String(e)}`);
    }
    return fn(doc);
  })();
  try {
    return await Promise.race([work, timeout]);
  } catch (e) {
    if (e instanceof PdfError) throw e;
    throw new PdfError('unreadable', `PDF cannot be read: ${(e as Error)?.message ?? String(e)}`);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
    await task.destroy().catch(() => undefined);
    opened.close();
    unhide();
  }
}

/** A page's text items in content order; a line end pdf.js sees becomes a newline, so words on adjacent lines stay apart. */
function textOf(content: { items: unknown[] }): string {
  let text = '';
  for (const item of content.items) {
    if (!item || typeof item !== 'object' || !('str' in item)) continue;
    text += String(item.str);
    if ((item as { hasEOL?: unknown }).hasEOL === true) text += '\n';
  }
  return text;
}

async function inspect(doc: PDFDocumentProxy, expectText: string[] | undefined, expectEncrypted: boolean): Promise<{ problems: string[]; texts: string[] }> {
  const problems: string[] = [];
  const texts: string[] = [];

  const { info, metadata } = (await doc.getMetadata()) as { info: Record<string, unknown>; metadata: unknown };
  if (info.IsAcroFormPresent) problems.push('AcroForm present');
  if (info.IsXFAPresent) problems.push('XFA form present');
  if (info.IsCollectionPresent) problems.push('PDF portfolio (collection) present');
  for (const key of Object.keys(info)) {
    if (ALLOWED_INFO.has(key) || DERIVED_INFO.has(key)) continue;
    if (key === 'Custom') {
      for (const custom of Object.keys((info.Custom as object) ?? {})) problems.push(`Info entry ${custom}`);
    } else {
      problems.push(`Info entry ${key}`);
    }
  }
  if (metadata) problems.push('XMP metadata present');
  // pdf.js names the security handler (Standard) of an encrypted file only.
  if (expectEncrypted && !info.EncryptFilterName) problems.push('not encrypted, though protection was asked for');

  const fields = await doc.getFieldObjects();
  if (fields && Object.keys(fields).length > 0) problems.push(`form fields present (${Object.keys(fields).length})`);

  const js = (await doc.getJSActions()) as Record<string, unknown> | null;
  if (js && Object.keys(js).length > 0) problems.push(`document JavaScript (${Object.keys(js).join(', ')})`);

  const attachments = (await doc.getAttachments()) as Record<string, unknown> | null;
  if (attachments && Object.keys(attachments).length > 0) {
    problems.push(`embedded files (${Object.keys(attachments).length})`);
  }

  if (expectText && expectText.length !== doc.numPages) {
    problems.push(`page count changed: ${expectText.length} before, ${doc.numPages} now`);
  }

  // Every annotation of every page, whatever its flags (hidden ones included), in one request.
  // Not page.getAnnotations(): for each visible link that also extracts the page's whole text to
  // find the words under the link (and builds a 64×64 grid per page: ~0.8 MB of garbage a page),
  // which this check does not need and which made verification the memory peak of the send.
  const all = (await doc.getAnnotationsByType(null as never, null as never)) as (Record<string, unknown> & { pageIndex?: unknown })[] | null;
  // pdf.js answers null when it cannot set up annotation parsing at all: that is not "none".
  if (all === null) problems.push('annotations cannot be read');
  const byPage = new Map<number, Record<string, unknown>[]>();
  for (const a of all ?? []) {
    const n = typeof a.pageIndex === 'number' ? a.pageIndex + 1 : 0;
    byPage.set(n, [...(byPage.get(n) ?? []), a]);
  }
  for (const a of byPage.get(0) ?? []) {
    const problem = annotationProblem(a);
    if (problem) problems.push(problem);
  }

  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    for (const a of byPage.get(n) ?? []) {
      const problem = annotationProblem(a);
      if (problem) problems.push(`page ${n}: ${problem}`);
    }
    const pageJs = (await page.getJSActions()) as Record<string, unknown> | null;
    if (pageJs && Object.keys(pageJs).length > 0) problems.push(`page ${n}: page actions (${Object.keys(pageJs).join(', ')})`);

    let text: string;
    try {
      text = textOf(await page.getTextContent());
    } catch (e) {
      problems.push(`page ${n}: text cannot be extracted (${(e as Error)?.message ?? String(e)})`);
      text = '';
    }
    texts.push(text);
    const expected = expectText?.[n - 1];
    if (expected !== undefined && !squash(text).includes(squash(expected))) {
      problems.push(`page ${n}: text differs from before flattening`);
    }
    page.cleanup();
  }
  return { problems, texts };
}

/** Whitespace differs between extractions of the same content; compare without it. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Only plain links may stay: a URL or an in-document destination, nothing that runs or opens. */
function annotationProblem(a: Record<string, unknown>): string | undefined {
  const subtype = String(a.subtype ?? 'unknown');
  if (subtype !== 'Link') return `${subtype} annotation`;
  if (a.actions && Object.keys(a.actions as object).length > 0) return 'link with JavaScript actions';
  if (a.attachment) return 'link to an attached file';
  if (a.resetForm || a.setOCGState) return 'link with a form or layer action';
  const hasTarget = typeof a.url === 'string' || a.dest !== undefined || typeof a.action === 'string';
  // pdf.js reports a JavaScript, Launch or remote link as a link without a target.
  if (!hasTarget) return 'link without a URL or destination (script or launch action?)';
  return undefined;
}
