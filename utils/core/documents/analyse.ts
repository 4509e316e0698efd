// Bytes in, facts out: what the policy engine needs to know about one attachment (type, hash,
// text for health-term detection, and why it can't be read if so). Never throws: anything that
// goes wrong becomes a problem on the result, so a send is blocked with a reason, not crashed.
import { oneLine } from '../errors.ts';
import { DocumentError } from './errors.ts';
import { sha256Hex } from './hash.ts';
import { isEncryptedOoxml, sniffType } from './sniff.ts';
import { extractDocxText } from './text/docx.ts';
import { extractOdtText } from './text/odt.ts';
import { extractPdfText } from './text/pdf.ts';
import { extractRtfText } from './text/rtf.ts';
import { extractTxtText } from './text/txt.ts';
import type { AnalysedAttachment, AnalysisLimits, AttachmentProblem, DocType } from './types.ts';

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<AnalysisLimits> = Object.freeze({
  maxBytes: 25 * MB,
  maxDecompressedBytes: 200 * MB,
  maxCompressionRatio: 100,
  maxPages: 500,
  timeoutMs: 15_000,
});

/** Limits for a policy: its attachment size limit, the defaults for everything else. */
export function limitsFromPolicy(maxAttachmentMB: number): AnalysisLimits {
  const maxBytes = Number.isFinite(maxAttachmentMB) && maxAttachmentMB > 0 ? Math.floor(maxAttachmentMB * MB) : DEFAULT_LIMITS.maxBytes;
  return { ...DEFAULT_LIMITS, maxBytes };
}

interface Extracted {
  text: string;
  pages?: number;
}

const UNSUPPORTED: Partial<Record<DocType, string>> = {
  doc: 'legacy Word (.doc) files cannot be converted faithfully; save as DOCX or PDF',
  zip: 'a zip archive is not a document that can be reported',
  markup: 'an HTML or XML page or a script is not a document that can be reported; save it as PDF first',
  unknown: 'not a recognised document type',
};

async function extract(type: DocType, bytes: Uint8Array, limits: AnalysisLimits): Promise<Extracted> {
  switch (type) {
    case 'pdf':
      return extractPdfText(bytes, limits);
    case 'docx':
      if (isEncryptedOoxml(bytes)) throw new DocumentError('encrypted', 'docx: the document is password-protected');
      return { text: await extractDocxText(bytes, limits) };
    case 'odt':
      return { text: extractOdtText(bytes, limits) };
    case 'rtf':
      return { text: extractRtfText(bytes) };
    case 'txt':
      return { text: extractTxtText(bytes) };
    case 'png':
    case 'jpeg':
      return { text: '' };
    default:
      throw new DocumentError('unsupported', UNSUPPORTED[type] ?? 'unsupported document type');
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DocumentError('timeout', `analysis took longer than ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // a late failure after the deadline is not an unhandled rejection
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function toProblem(error: unknown): AttachmentProblem {
  if (error instanceof DocumentError) return error.toProblem();
  return { kind: 'corrupt', detail: oneLine(error) };
}

export async function analyseAttachment(name: string, bytes: Uint8Array, limits: AnalysisLimits): Promise<AnalysedAttachment> {
  const base = { name, size: bytes.length, sha256: '', type: 'unknown' as DocType, text: '' };
  try {
    base.sha256 = await sha256Hex(bytes);
  } catch (error) {
    return { ...base, readable: false, problem: { kind: 'corrupt', detail: `hash failed: ${oneLine(error)}` } };
  }
  // The size limit is checked before any parsing: an oversized file costs a hash, nothing more.
  if (bytes.length > limits.maxBytes) {
    const problem: AttachmentProblem = { kind: 'too-large', detail: `${bytes.length} bytes, over the ${limits.maxBytes}-byte limit` };
    return { ...base, readable: false, problem };
  }
  try {
    base.type = sniffType(bytes);
  } catch (error) {
    return { ...base, readable: false, problem: toProblem(error) };
  }
  if (UNSUPPORTED[base.type]) {
    // Readable bytes of a type no report can be made from: the policy blocks it as unsupported.
    return { ...base, readable: true, problem: { kind: 'unsupported', detail: UNSUPPORTED[base.type]! } };
  }
  try {
    const found = await withDeadline(extract(base.type, bytes, limits), limits.timeoutMs);
    const result: AnalysedAttachment = { ...base, readable: true, problem: null, text: found.text };
    if (found.pages !== undefined) result.pages = found.pages;
    return result;
  } catch (error) {
    return { ...base, readable: false, problem: toProblem(error) };
  }
}
