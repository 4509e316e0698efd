// What the send applies to each attachment: any supported file in, a flat PDF out, or a typed
// refusal. The result is always re-checked by the independent verifier; a PDF that fails the
// check is never returned.
import type { AnalysisLimits, DocType } from '../types.ts';
import { sha256Hex } from '../hash.ts';
import { Deadline, PdfError, isPdfError } from './errors.ts';
import { flattenPdf } from './flatten.ts';
import { pageTexts, verifyPdfFlat } from './verify.ts';

export interface SendableOptions {
  limits: AnalysisLimits;
  /** Policy `protectPdf` (default true): permissions that forbid editing, no open password. */
  protect?: boolean;
  /** Armored, unencrypted OpenPGP private key: when given, a detached signature is returned too. */
  signingKey?: string;
}

export interface Sendable {
  bytes: Uint8Array;
  pages: number;
  /** Lowercase hex SHA-256 of `bytes` (the PDF that is sent, not the original). */
  sha256: string;
  action: 'converted' | 'flattened';
  removed: string[];
  signature?: string;
}

const CONVERTIBLE: ReadonlySet<DocType> = new Set(['docx', 'odt', 'rtf', 'txt', 'png', 'jpeg']);

export async function makeSendable(bytes: Uint8Array, type: DocType, opts: SendableOptions): Promise<Sendable> {
  const { limits } = opts;
  const deadline = new Deadline(limits.timeoutMs);
  if (bytes.length > limits.maxBytes) {
    throw new PdfError('too-large', `file is ${bytes.length} bytes, over the limit of ${limits.maxBytes}`);
  }

  let pdf: Uint8Array;
  let action: Sendable['action'];
  if (type === 'pdf') {
    pdf = bytes;
    action = 'flattened';
  } else if (CONVERTIBLE.has(type)) {
    pdf = await convert(bytes, type, limits);
    action = 'converted';
  } else {
    throw new PdfError('unsupported', `files of type "${type}" cannot be made into a PDF`);
  }
  deadline.check('conversion');

  const flat = await flattenPdf(pdf, { limits, protect: opts.protect ?? true, deadline });

  // The baseline is read by the verifier's parser too, so both sides of the comparison use the
  // same text extraction. A file pdf.js cannot read is one recipients may not read either.
  let before: string[];
  try {
    before = await pageTexts(pdf, deadline.remaining());
  } catch (e) {
    if (isPdfError(e) && e.kind === 'timeout') throw e;
    throw new PdfError('corrupt', `PDF text cannot be read reliably: ${(e as Error).message}`);
  }
  deadline.check('reading the original text');

  let check;
  try {
    check = await verifyPdfFlat(flat.bytes, { expectText: before, timeoutMs: Math.max(1, deadline.remaining()) });
  } catch (e) {
    if (isPdfError(e) && e.kind === 'timeout') throw e;
    throw new PdfError('verify-failed', `flattened PDF cannot be re-read: ${(e as Error).message}`, [(e as Error).message]);
  }
  if (!check.flat) {
    throw new PdfError('verify-failed', `flattened PDF failed verification: ${check.problems.slice(0, 3).join('; ')}`, check.problems);
  }

  const result: Sendable = {
    bytes: flat.bytes,
    pages: flat.pages,
    sha256: await sha256Hex(flat.bytes),
    action,
    removed: flat.removed,
  };
  if (opts.signingKey) {
    const { signPdf } = await import('./sign.ts');
    result.signature = await signPdf(flat.bytes, opts.signingKey);
  }
  return result;
}

/** The converter (another module) reports its own typed errors; map them onto ours. */
async function convert(bytes: Uint8Array, type: DocType, limits: AnalysisLimits): Promise<Uint8Array> {
  const { convertToPdf } = await import('../convert/index.ts');
  try {
    return await convertToPdf(bytes, type, limits);
  } catch (e) {
    const kind = (e as { kind?: unknown })?.kind;
    const known = ['unsupported', 'corrupt', 'encrypted', 'too-large', 'zip-bomb', 'timeout', 'too-many-pages'];
    if (typeof kind === 'string' && known.includes(kind)) {
      throw new PdfError(kind as PdfError['kind'], (e as Error).message);
    }
    throw new PdfError('corrupt', `conversion failed: ${(e as Error)?.message ?? String(e)}`);
  }
}
