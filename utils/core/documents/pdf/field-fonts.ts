// Faces for text the flattener draws itself (field values without a usable appearance, FreeText
// contents, list box options). The converter's embedded faces are reused: Open Sans first, then
// DejaVu Sans for what it lacks (Greek, Cyrillic, symbols, …), then Noto Sans JP (kana, kanji,
// CJK punctuation). A character none can draw
// refuses the file with a reason naming it: a form value is never drawn as '?' or left out.
import fontkit from '@cantoo/fontkit';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { cjkBlock, faceBytes, faceMetrics, fallbackFaceFor, loadCjkFace, loadFallbackFace } from '../convert/fonts.ts';
import { PdfError } from './errors.ts';

type Face = 'regular' | 'fallback' | 'cjk';

export interface TextRun {
  font: PDFFont;
  text: string;
}

/** A line of text split into runs, one embedded face each. */
export interface RunLine {
  runs: TextRun[];
  width(size: number): number;
}

/** Invisible or layout-only characters that carry no text of their own. */
function invisible(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x09) || (cp >= 0x7f && cp <= 0x9f) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff;
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export class FieldFonts {
  private readonly doc: PDFDocument;
  private readonly fonts = new Map<Face, Promise<PDFFont>>();
  private registered = false;

  constructor(doc: PDFDocument) {
    this.doc = doc;
  }

  private font(face: Face): Promise<PDFFont> {
    let f = this.fonts.get(face);
    if (!f) {
      if (!this.registered) {
        this.doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
        this.registered = true;
      }
      f = (async () => {
        if (face === 'fallback') await loadFallbackFace();
        if (face === 'cjk') await loadCjkFace();
        return this.doc.embedFont(faceBytes(face), { subset: true });
      })();
      this.fonts.set(face, f);
    }
    return f;
  }

  /** `what` names the text in a refusal, e.g. 'a form field value'. */
  async line(text: string, what: string): Promise<RunLine> {
    const regular = faceMetrics('regular');
    const pieces: { face: Face; text: string }[] = [];
    for (const ch of text.replace(/\t/g, ' ')) {
      const cp = ch.codePointAt(0) as number;
      if (invisible(cp)) continue;
      const c = cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x3000 ? ' ' : ch;
      const ccp = c.codePointAt(0) as number;
      let face: Face;
      if (regular.has(ccp)) face = 'regular';
      else {
        await loadFallbackFace();
        if (!faceMetrics('fallback').has(ccp) && cjkBlock(ccp)) await loadCjkFace();
        const fallback = fallbackFaceFor(ccp);
        if (!fallback) throw new PdfError('unsupported', `${what} contains a character no embedded font can draw (${codePointLabel(ccp)} "${c}"); flattening would lose it`);
        face = fallback;
      }
      const last = pieces[pieces.length - 1];
      if (last && last.face === face) last.text += c;
      else pieces.push({ face, text: c });
    }
    const runs: TextRun[] = [];
    for (const p of pieces) runs.push({ font: await this.font(p.face), text: p.text });
    return {
      runs,
      width: (size) => runs.reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0),
    };
  }
}
