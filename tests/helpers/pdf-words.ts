// What the document tests read back from a PDF and from a source file: every word poppler finds
// (`pdftotext -bbox`) with its page and box, and the model a reader builds of a DOCX, ODT or RTF.
// The suites that use pdfWords still ask for pdftotext themselves with needSystemTools().
import { execFileSync } from 'node:child_process';
import { readDocx } from '../../utils/core/documents/convert/docx.ts';
import { Deadline } from '../../utils/core/documents/convert/errors.ts';
import type { DocModel } from '../../utils/core/documents/convert/model.ts';
import { readOdt } from '../../utils/core/documents/convert/odt.ts';
import { readRtf } from '../../utils/core/documents/convert/rtf.ts';
import type { AnalysisLimits, DocType } from '../../utils/core/documents/types.ts';

/** A word poppler found: its page (1 = the first page printed) and box in points, y from the page's top. */
export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** Every word of the PDF at `path`, in poppler's reading order; `first`/`last` limit the pages printed (pdftotext -f/-l). */
export function pdfWords(path: string, pages: { first?: number; last?: number } = {}): PdfWord[] {
  const range = [...(pages.first ? ['-f', String(pages.first)] : []), ...(pages.last ? ['-l', String(pages.last)] : [])];
  const html = execFileSync('pdftotext', [...range, '-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out: PdfWord[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0] === '<page ') page++;
    else {
      const text = (m[5] as string).replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e] as string);
      out.push({ page, text, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
    }
  }
  return out;
}

/** The model the reader of `type` builds of the file, with a fresh deadline of limits.timeoutMs. */
export function readModel(bytes: Uint8Array, type: DocType, limits: AnalysisLimits): DocModel {
  const deadline = new Deadline(limits.timeoutMs);
  if (type === 'docx') return readDocx(bytes, limits, deadline);
  if (type === 'odt') return readOdt(bytes, limits, deadline);
  if (type === 'rtf') return readRtf(bytes, deadline);
  throw new Error(`no reader for ${type}`);
}
