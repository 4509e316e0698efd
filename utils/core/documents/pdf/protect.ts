// Permissions that tell viewers not to modify, annotate or fill in the document. The file is
// encrypted (that is the only way PDF expresses permissions) with an empty user password, so it
// opens without asking for one; the owner password is random and thrown away.
// This is advisory: permissions bind only viewers that honour them. The real guarantee is the
// flattening itself (nothing left to fill in) and the optional OpenPGP signature (sign.ts).
import { PDFDocument } from '@cantoo/pdf-lib';
import { fastXrefStreams } from './xref-stream-fix.ts';
import { saveProtected } from './stream-encrypt.ts';

function randomOwnerPassword(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Mark a loaded document for encryption on save. */
export function applyProtection(doc: PDFDocument): void {
  doc.encrypt({
    userPassword: '',
    ownerPassword: randomOwnerPassword(),
    algorithm: 'AES-256',
    permissions: {
      printing: 'highResolution',
      copying: true, // text stays extractable (screen readers, the recipient's own records)
      contentAccessibility: true,
      modifying: false,
      annotating: false,
      fillingForms: false,
      documentAssembly: false,
    },
  });
}

/** Protect an already flat PDF (opened without a password). */
export async function protectPdf(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { password: '', updateMetadata: false });
  applyProtection(doc);
  fastXrefStreams();
  // Object streams: see flatten.ts on pdf-lib encrypting strings only inside streams.
  return saveProtected(doc, { useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}
