// PDFs a document library prints its own console warnings about (pdf-lib's parser).
import { rawPdf } from './pdf-fixtures.ts';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** A PDF without pages that also carries an object numbered 0: pdf-lib warns "Removing parsed object: 0 0 R". */
export const PAGELESS_WITH_OBJECT_0 = latin1('%PDF-1.4\n0 0 obj\n<< >>\nendobj\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** A sound one-page PDF with a number beyond 2^53 in its page dictionary: pdf-lib warns, we convert. */
export function pdfWithHugeNumber(): Uint8Array {
  const s = 'BT /F1 12 Tf 20 200 Td (Hallo) Tj ET';
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Foo 99999999999999999999 >>',
    `<< /Length ${s.length} >>\nstream\n${s}\nendstream`,
  ]);
}
