// Converts a supported report file to PDF in pure TypeScript (no server, no office suite).
// Readers turn each format into the small DocModel (model.ts); render.ts lays it out on A4.
// Anything that can't be converted faithfully throws ConversionError: never a partial PDF.

import { isEncryptedOoxml } from '../sniff.ts';
import type { AnalysisLimits, DocType } from '../types.ts';
import { ConversionError, Deadline } from './errors.ts';
import { readDocx } from './docx.ts';
import { readImage } from './image.ts';
import { readOdt } from './odt.ts';
import type { DocModel } from './model.ts';
import { renderPdf, type ConversionNote } from './render.ts';
import { readRtf } from './rtf.ts';
import { readTxt } from './txt.ts';

export { ConversionError } from './errors.ts';
export type { ConversionErrorKind } from './errors.ts';
export type { ConversionNote } from './render.ts';

async function readModel(bytes: Uint8Array, type: DocType, limits: AnalysisLimits, deadline: Deadline): Promise<DocModel> {
  switch (type) {
    case 'txt':
      return readTxt(bytes);
    case 'docx':
      // A password-protected DOCX is an OLE container holding the encrypted package, not a zip.
      if (isEncryptedOoxml(bytes)) throw new ConversionError('encrypted', 'the Word document is password-protected');
      return readDocx(bytes, limits, deadline);
    case 'odt':
      return readOdt(bytes, limits, deadline);
    case 'rtf':
      return readRtf(bytes, deadline);
    case 'png':
    case 'jpeg':
      return readImage(bytes, type);
    case 'doc':
      throw new ConversionError('unsupported', 'legacy Word .doc files cannot be converted faithfully; save the report as .docx or PDF first');
    case 'pdf':
      throw new ConversionError('unsupported', 'the file is already a PDF; it needs flattening, not conversion');
    default:
      throw new ConversionError('unsupported', `files of type "${type}" cannot be converted to PDF`);
  }
}

/**
 * `notes`, when given, receives what the PDF shows only as a placeholder (a picture that can't be
 * drawn, a linked picture): the document is still converted, and the caller tells the user.
 */
export async function convertToPdf(bytes: Uint8Array, type: DocType, limits: AnalysisLimits, notes?: ConversionNote[]): Promise<Uint8Array> {
  if (bytes.length > limits.maxBytes) {
    throw new ConversionError('too-large', `the file is ${bytes.length} bytes, more than the ${limits.maxBytes}-byte limit`);
  }
  const deadline = new Deadline(limits.timeoutMs);
  try {
    const model = await readModel(bytes, type, limits, deadline);
    deadline.check();
    const pdf = await renderPdf(model, notes ? { deadline, maxPages: limits.maxPages, notes } : { deadline, maxPages: limits.maxPages });
    deadline.check();
    return pdf;
  } catch (e) {
    if (e instanceof ConversionError) throw e;
    // Anything else (a library's own exception, a stack overflow on absurd input) is still a
    // refusal with one clear line, never a crash of the caller.
    const detail = e instanceof Error ? e.message.replace(/\s+/g, ' ').slice(0, 160) : String(e);
    throw new ConversionError('corrupt', `the ${type.toUpperCase()} file could not be converted (${detail})`);
  }
}
