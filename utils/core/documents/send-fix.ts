// The send-time fix: what the send does to each attachment before it may leave. Any supported
// file in, a flat PDF out (converted by ./convert or flattened by ./pdf/flatten, protected, then
// re-checked by the independent verifier), or a typed refusal. A PDF that fails the check is
// never returned.
//
// The checks read what leaves: the text of an attachment is the text the independent verifier
// (pdf.js) extracts from the PDF that will be sent, never a second reading of the source. So text
// the converter did not draw is neither sent nor counted as checked, and whatever is drawn
// (headers, footers, footnotes, text boxes, form field values) is both.
//
// Entry points:
// - prepareForSend(name, bytes, settings): analysis, fix and the sent PDF's text in one; never
//   throws. The offscreen document and CLI `check` both call it: one path for both.
// - applySendFix(analysis, bytes, settings): the fix for an analysed attachment; never throws,
//   every failure is `fix.ok: false` with the reason, so nothing unconverted goes out.
// - makeSendable(bytes, type, opts): the pipeline itself; throws PdfError (CLI `pdf convert`).

import { analyseAttachment, limitsFromPolicy } from './analyse.ts';
import { sha256Hex } from './hash.ts';
import { releaseBytes } from './release.ts';
import { markupKind } from './sniff.ts';
import { Deadline, PdfError, isPdfError } from './pdf/errors.ts';
import { CONVERTIBLE_TYPES, PROBLEM_KINDS, type AnalysedAttachment, type AnalysisLimits, type DocType, type ProblemKind } from './types.ts';
import type { AnalysisSettings } from '../messaging/offscreen.ts';

// ------------------------------------------------------------------------------ the pipeline

export interface SendableOptions {
  limits: AnalysisLimits;
  /** Policy `protectPdf` (default true): permissions that forbid editing, no open password. */
  protect?: boolean;
  /** Armored, unencrypted OpenPGP private key: when given, a detached signature is returned too. */
  signingKey?: string;
  /**
   * The caller hands `bytes` over: they are read in place and their memory is given back (the
   * buffer detached, every view on it empty) as soon as they are no longer needed (a PDF once
   * its text has been read, before the output is verified; another document once converted),
   * and in any case before this returns or throws. The caller must not use them afterwards.
   * Without it the bytes are left as they are and pdf.js reads a copy. A view on part of a
   * larger buffer is never released (other data lives there), only read through a copy.
   */
  consumeInput?: boolean;
}

export interface Sendable {
  bytes: Uint8Array;
  pages: number;
  /** Lowercase hex SHA-256 of `bytes` (the PDF that is sent, not the original). */
  sha256: string;
  action: 'converted' | 'flattened';
  removed: string[];
  /** Text of each page of `bytes` as the verifier extracted it. */
  texts: string[];
  signature?: string;
  /** What the converted PDF shows only as a placeholder (pictures that can't be drawn), one English line each. */
  notes?: string[];
  /** Set when the document held tracked changes, shown as accepted in the PDF: one English line. */
  revisions?: string;
}

export async function makeSendable(bytes: Uint8Array, type: DocType, opts: SendableOptions): Promise<Sendable> {
  try {
    return await sendable(bytes, type, opts);
  } finally {
    // Handed over: gone whatever the outcome (usually long before this, see below).
    if (opts.consumeInput) releaseBytes(bytes);
  }
}

async function sendable(bytes: Uint8Array, type: DocType, opts: SendableOptions): Promise<Sendable> {
  const { limits } = opts;
  const deadline = new Deadline(limits.timeoutMs);
  if (bytes.length > limits.maxBytes) {
    throw new PdfError('too-large', `file is ${bytes.length} bytes, over the limit of ${limits.maxBytes}`);
  }

  let pdf: Uint8Array;
  let action: Sendable['action'];
  const notes: string[] = [];
  const revisions: string[] = [];
  if (type === 'pdf') {
    pdf = bytes;
    action = 'flattened';
  } else if (CONVERTIBLE_TYPES.has(type)) {
    pdf = await convert(bytes, type, limits, notes, revisions);
    action = 'converted';
    if (opts.consumeInput) releaseBytes(bytes); // the source document is not read again
  } else if (type === 'markup') {
    throw new PdfError('unsupported', `${markupKind(bytes) ?? 'markup'} is not a document that can be reported, whatever its name; save it as PDF first`);
  } else {
    throw new PdfError('unsupported', `files of type "${type}" cannot be made into a PDF`);
  }
  deadline.check('conversion');

  // Loaded on first use: pdf-lib and pdf.js stay out of contexts that only name outputs.
  const [{ flattenPdf }, { pageTexts, verifyPdfFlat }] = await Promise.all([import('./pdf/flatten.ts'), import('./pdf/verify.ts')]);
  const protect = opts.protect ?? true;
  const flat = await flattenPdf(pdf, { limits, protect, deadline });

  // Memory (issue 11: the whole pipeline within 4× the input): the original, the output and
  // pdf.js's reading of one of them are what is large. pdf.js reads the original in place when
  // it is ours to give (a converted PDF, or bytes handed over), and that memory goes as soon as
  // its text is read; a protected output is read in place too (every stream of it is encrypted,
  // so pdf.js only ever reads decrypted copies), and its hash before and after proves the
  // verifier left it as it was. Anything else is read through a copy, as before.
  const ownsOriginal = pdf !== bytes || opts.consumeInput === true;

  // The baseline is read by the verifier's parser too, so both sides of the comparison use the
  // same text extraction. A file pdf.js cannot read is one recipients may not read either.
  let before: string[];
  try {
    before = await pageTexts(pdf, deadline.remaining(), ownsOriginal);
  } catch (e) {
    if (isPdfError(e) && e.kind === 'timeout') throw e;
    throw new PdfError('corrupt', `PDF text cannot be read reliably: ${(e as Error).message}`);
  } finally {
    // (Never the output's own memory, should a flattener ever hand back its input.)
    if (ownsOriginal && flat.bytes.buffer !== pdf.buffer) releaseBytes(pdf);
  }
  deadline.check('reading the original text');

  const sharedSha256 = protect ? await sha256Hex(flat.bytes) : undefined;
  let check;
  try {
    check = await verifyPdfFlat(flat.bytes, { expectText: before, timeoutMs: Math.max(1, deadline.remaining()), share: protect, expectEncrypted: protect });
  } catch (e) {
    if (isPdfError(e) && e.kind === 'timeout') throw e;
    throw new PdfError('verify-failed', `flattened PDF cannot be re-read: ${(e as Error).message}`, [(e as Error).message]);
  }
  const sha256 = await sha256Hex(flat.bytes);
  if (sharedSha256 !== undefined && sha256 !== sharedSha256) {
    throw new PdfError('verify-failed', 'flattened PDF changed while it was being verified', ['the verifier altered the bytes it read']);
  }
  if (!check.flat) {
    throw new PdfError('verify-failed', `flattened PDF failed verification: ${check.problems.slice(0, 3).join('; ')}`, check.problems);
  }

  const result: Sendable = {
    bytes: flat.bytes,
    pages: flat.pages,
    sha256,
    action,
    removed: flat.removed,
    texts: check.texts,
  };
  if (notes.length) result.notes = notes;
  if (revisions[0]) result.revisions = revisions[0];
  if (opts.signingKey) {
    const { signPdf } = await import('./pdf/sign.ts');
    result.signature = await signPdf(flat.bytes, opts.signingKey);
  }
  return result;
}

/** The kinds both vocabularies share: a converter or pipeline failure of one of these is an attachment problem. */
const PROBLEM_KIND_SET: ReadonlySet<string> = new Set<string>(PROBLEM_KINDS);

/** The converter (./convert) reports its own typed errors; map them onto ours. */
async function convert(bytes: Uint8Array, type: DocType, limits: AnalysisLimits, notes: string[], revisions: string[]): Promise<Uint8Array> {
  const { convertToPdf } = await import('./convert/index.ts');
  try {
    const found: Array<{ kind: string; detail: string }> = [];
    const pdf = await convertToPdf(bytes, type, limits, found as never);
    for (const n of found.filter((x) => x.kind === 'tracked-changes')) revisions.push(n.detail.slice(0, 300));
    for (const n of found.filter((x) => x.kind !== 'tracked-changes').slice(0, 50)) notes.push(n.detail.slice(0, 300));
    return pdf;
  } catch (e) {
    const kind = (e as { kind?: unknown })?.kind;
    if (typeof kind === 'string' && PROBLEM_KIND_SET.has(kind)) {
      throw new PdfError(kind as ProblemKind, (e as Error).message);
    }
    throw new PdfError('corrupt', `conversion failed: ${(e as Error)?.message ?? String(e)}`);
  }
}

// ------------------------------------------------------------------ for an analysed attachment

export type SendFix = NonNullable<AnalysedAttachment['fix']>;

export interface SendFixResult {
  fix: SendFix;
  /** The PDF to send instead; null when nothing can be sent (fix.ok false). */
  output: Uint8Array | null;
  /** Text of `output` as the verifier extracted it, pages apart; '' when there is no output. */
  text: string;
  /** Pages of `output`. */
  pages?: number;
}

/** Without stored settings: the policy schema's defaults (25 MB, protection on). */
export const DEFAULT_SEND_SETTINGS: Readonly<AnalysisSettings> = Object.freeze({ maxAttachmentMB: 25, protectPdf: true });

/** `rapport.docx` → `rapport.pdf`; a name without extension gets `.pdf` added. */
export function sendName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.pdf`;
}

/** How the caller hands the bytes to the fix. */
export interface HandOver {
  /**
   * The bytes are the fix's to read in place and to release (SendableOptions.consumeInput):
   * after the call they are empty, whatever the outcome. Memory: the original is not held
   * next to the output while the output is verified (the offscreen document hands them over).
   */
  consumeInput?: boolean;
}

export async function applySendFix(
  analysis: AnalysedAttachment,
  bytes: Uint8Array,
  settings: AnalysisSettings = DEFAULT_SEND_SETTINGS,
  limits: AnalysisLimits = limitsFromPolicy(settings.maxAttachmentMB),
  handOver: HandOver = {},
): Promise<SendFixResult> {
  try {
    return await fixFor(analysis, bytes, settings, limits, handOver.consumeInput === true);
  } finally {
    if (handOver.consumeInput) releaseBytes(bytes);
  }
}

async function fixFor(analysis: AnalysedAttachment, bytes: Uint8Array, settings: AnalysisSettings, limits: AnalysisLimits, consumeInput: boolean): Promise<SendFixResult> {
  const action = analysis.type === 'pdf' ? 'flattened' : 'converted';
  // Whatever the analysis found wrong (encrypted, corrupt, too large, a bare zip) stands.
  if (!analysis.readable || analysis.problem) {
    const problem = analysis.problem ?? { kind: 'corrupt' as const, detail: 'the document cannot be read' };
    return { fix: { action, ok: false, problem }, output: null, text: '' };
  }
  if (analysis.type !== 'pdf' && !CONVERTIBLE_TYPES.has(analysis.type)) {
    return { fix: { action, ok: false, problem: { kind: 'unsupported', detail: `a ${analysis.type} file cannot be made into a PDF` } }, output: null, text: '' };
  }
  try {
    const out = await makeSendable(bytes, analysis.type, { limits, protect: settings.protectPdf, consumeInput });
    return {
      fix: { action: out.action, ok: true, outputName: sendName(analysis.name), outputSha256: out.sha256, ...(out.notes?.length ? { notes: out.notes } : {}), ...(out.revisions ? { revisions: out.revisions } : {}) },
      output: out.bytes,
      text: sentText(out.texts),
      pages: out.pages,
    };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const fix: SendFix = { action, ok: false };
    // 'verify-failed' / 'unreadable' are not attachment problems of the shared vocabulary: the
    // engine then reports that the conversion failed, which is what happened.
    if (isPdfError(e) && PROBLEM_KIND_SET.has(e.kind)) fix.problem = { kind: e.kind as ProblemKind, detail };
    return { fix, output: null, text: '' };
  }
}

/** Page texts as one text for the checks: pages apart, blank runs folded. */
function sentText(pages: string[]): string {
  return pages
    .map((p) => p.replace(/[ \t]*\n[ \t]*/g, '\n').trim())
    .filter(Boolean)
    .join('\n\n');
}

export interface PreparedAttachment {
  /** The facts the policy engine reads, with `fix` and `text` (the sent PDF's text) filled in. */
  analysis: AnalysedAttachment;
  /** The PDF to send instead of the original; null when nothing may be sent. */
  output: Uint8Array | null;
}

/**
 * Everything the send check needs to know about one attachment, the way the send will make it:
 * type and hash of the original, the fix (convert or flatten, protect, verify) and the text of
 * the PDF that leaves. Nothing unsendable gets text: what is not sent is not reported as checked.
 */
export async function prepareForSend(
  name: string,
  bytes: Uint8Array,
  settings: AnalysisSettings = DEFAULT_SEND_SETTINGS,
  /** The policy's limits by default; other budgets only for callers that need them (tests, batch runs). */
  limits: AnalysisLimits = limitsFromPolicy(settings.maxAttachmentMB),
  /** With consumeInput the bytes are empty afterwards (see HandOver). */
  handOver: HandOver = {},
): Promise<PreparedAttachment> {
  const facts = await analyseAttachment(name, bytes, limits); // never throws
  const { fix, output, text, pages } = await applySendFix(facts, bytes, settings, limits, handOver);
  const analysis: AnalysedAttachment = { ...facts, fix, text };
  if (pages !== undefined) analysis.pages = pages;
  // The converter or flattener is where a damaged, encrypted, oversized or bombed file shows
  // itself: the bytes could not be read as their type. (An unsupported part, such as a WMF
  // picture, leaves the file readable; the fix's problem says what can't be sent.)
  if (!analysis.problem && fix.problem && fix.problem.kind !== 'unsupported') {
    analysis.readable = false;
    analysis.problem = fix.problem;
  }
  return { analysis, output };
}
