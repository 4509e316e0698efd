// Bytes in, first facts out: what an attachment is before anything is made of it (type from the
// bytes, SHA-256 of the original, size against the limit, and why it can't be sent if that is
// already clear). Cheap: nothing is parsed here. The text the checks read is not the source's:
// it is the text of the PDF that will be sent, filled in by prepareForSend (send-fix.ts).
// Never throws: anything that goes wrong becomes a problem on the result, so a send is blocked
// with a reason, not crashed.
import { oneLine } from '../errors.ts';
import { DocumentError } from './errors.ts';
import { sha256Hex } from './hash.ts';
import { isEncryptedOoxml, sniffType } from './sniff.ts';
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

const UNSUPPORTED: Partial<Record<DocType, string>> = {
  doc: 'legacy Word (.doc) files cannot be converted faithfully; save as DOCX or PDF',
  zip: 'a zip archive is not a document that can be reported',
  markup: 'an HTML or XML page or a script is not a document that can be reported; save it as PDF first',
  unknown: 'not a recognised document type',
};

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

/** What is wrong with readable bytes of a known type before any parsing, or null. */
function earlyProblem(type: DocType, bytes: Uint8Array): AttachmentProblem | null {
  // A truncated PDF may be "recovered" into fewer pages than were written: refuse it instead.
  if (type === 'pdf' && !hasEndMarker(bytes)) return { kind: 'corrupt', detail: 'pdf: no %%EOF at the end (truncated?)' };
  if (type === 'docx' && isEncryptedOoxml(bytes)) return { kind: 'encrypted', detail: 'docx: the document is password-protected' };
  return null;
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
    const problem: AttachmentProblem = error instanceof DocumentError ? error.toProblem() : { kind: 'corrupt', detail: oneLine(error) };
    return { ...base, readable: false, problem };
  }
  if (UNSUPPORTED[base.type]) {
    // Readable bytes of a type no report can be made from: the policy blocks it as unsupported.
    return { ...base, readable: true, problem: { kind: 'unsupported', detail: UNSUPPORTED[base.type]! } };
  }
  const problem = earlyProblem(base.type, bytes);
  if (problem) return { ...base, readable: false, problem };
  return { ...base, readable: true, problem: null };
}
