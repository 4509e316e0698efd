// PDF text with pdf.js, loaded through the shared loader (../pdfjs.ts: legacy build, in-thread
// worker, same in vitest, the CLI and the offscreen document).
// Parsing still proceeds in async steps, so the timeout can interrupt between them.
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { oneLine } from '../../errors.ts';
import { DocumentError } from '../errors.ts';
import type { AnalysisLimits } from '../types.ts';
import { loadPdfJs, safeDocumentParams } from '../pdfjs.ts';

export type PdfLimits = Pick<AnalysisLimits, 'maxPages' | 'timeoutMs'>;

export interface PdfText {
  text: string;
  pages: number;
}

/** A complete PDF ends with %%EOF; tolerate trailing junk as viewers do, within 1 KB. */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  const marker = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF
  outer: for (let at = tail.length - marker.length; at >= 0; at--) {
    for (let i = 0; i < marker.length; i++) if (tail[at + i] !== marker[i]) continue outer;
    return true;
  }
  return false;
}

function classify(error: unknown): DocumentError {
  if (error instanceof DocumentError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return new DocumentError('encrypted', 'pdf: a password is needed to open it');
  return new DocumentError('corrupt', `pdf: ${oneLine(error)}`);
}

async function readPages(pdf: PDFDocumentProxy): Promise<string> {
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str;
      if (item.hasEOL) text += '\n';
    }
    pages.push(text.trim());
    page.cleanup();
  }
  return pages.join('\n\n');
}

/**
 * Text of every page. Throws DocumentError: 'encrypted' (needs a user password), 'corrupt'
 * (truncated or unparsable), 'too-many-pages', 'timeout' (the loading task is destroyed).
 */
export async function extractPdfText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfText> {
  if (!hasEndMarker(bytes)) throw new DocumentError('corrupt', 'pdf: no %%EOF at the end (truncated?)');
  const pdfjs = await loadPdfJs();
  const task: PDFDocumentLoadingTask = pdfjs.getDocument(safeDocumentParams(pdfjs, bytes));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new DocumentError('timeout', `pdf: no result within ${limits.timeoutMs} ms`));
      void task.destroy();
    }, limits.timeoutMs);
  });
  const work = (async (): Promise<PdfText> => {
    const pdf = await task.promise;
    if (pdf.numPages > limits.maxPages) {
      throw new DocumentError('too-many-pages', `pdf: ${pdf.numPages} pages, more than the ${limits.maxPages}-page limit`);
    }
    return { text: await readPages(pdf), pages: pdf.numPages };
  })();
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    throw classify(error);
  } finally {
    clearTimeout(timer);
    // The race may leave `work` to settle later; its rejection is already handled here.
    work.catch(() => undefined);
    await task.destroy().catch(() => undefined);
  }
}
