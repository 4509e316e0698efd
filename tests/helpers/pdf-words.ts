// What the document tests read back from a PDF and from a source file: every word poppler finds
// (`pdftotext -bbox`) with its page and box, the text it extracts, and the model a reader builds
// of a DOCX, ODT or RTF; and the temporary folder a suite writes its PDFs into for poppler.
// The suites that use pdfWords or popplerText still ask for pdftotext themselves with needSystemTools().
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
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

/** Pages of a PDF to read: `first`/`last` as pdftotext -f/-l (1 = the first page). */
export interface PageRange {
  first?: number;
  last?: number;
}

const rangeArgs = (pages: PageRange): string[] => [...(pages.first ? ['-f', String(pages.first)] : []), ...(pages.last ? ['-l', String(pages.last)] : [])];
const pdftotext = (args: string[], path: string): string =>
  execFileSync('pdftotext', [...args, '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * A temporary folder for the PDFs (and other files) a test file writes, removed after the suite it
 * is created in (an afterAll there): create it at the top of the file or of a describe.
 */
export interface PdfScratch {
  /** The folder, for files a test writes there itself (pages rendered by pdftoppm…). */
  readonly dir: string;
  /** Writes the bytes to the file `name` in the folder (`1.pdf`, `2.pdf`… in turn when no name is given) and returns its path. */
  save(bytes: Uint8Array, name?: string): string;
}

export function pdfScratch(prefix: string): PdfScratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return {
    dir,
    save(bytes, name = `${++n}.pdf`) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
  };
}

/** The text poppler extracts from the PDF at `path` (pdftotext, UTF-8; `layout`: -layout), of the pages given. */
export function popplerText(path: string, options: PageRange & { layout?: boolean } = {}): string {
  return pdftotext([...rangeArgs(options), ...(options.layout ? ['-layout'] : [])], path);
}

/** Every word of the PDF at `path`, in poppler's reading order; `first`/`last` limit the pages printed (pdftotext -f/-l). */
export function pdfWords(path: string, pages: PageRange = {}): PdfWord[] {
  const html = pdftotext([...rangeArgs(pages), '-bbox'], path);
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
