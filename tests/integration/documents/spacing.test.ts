// Session 20, text sizes and spacing: the document's own font sizes (DOCX w:sz, ODT fo:font-size,
// RTF \fs), paragraph spacing (before/after, w:contextualSpacing) and line height (Word's "auto"
// multiple, exact, at least; ODT fo:line-height; RTF \sl/\slmult) are the PDF's, with a line's
// single height taken from the document's body font (Calibri 1.22 em, Arial/Times 1.15 em…), as
// Word and LibreOffice space lines. Without them, pages drifted from LibreOffice's
// (libreoffice-report 23 pages for 19). Measured with poppler (pdftotext -bbox) on real files
// and hand-made ones.
import { describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import { sniffType } from '../../../utils/core/documents/sniff.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { makeDocx, makeOdt } from '../../helpers/office-fixtures.ts';
import { pdfScratch, pdfWords, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-spacing-');

needSystemTools('pdfinfo', 'pdftotext');

async function pdf(bytes: Uint8Array): Promise<string> {
  return pdfs.save(await convertToPdf(bytes, sniffType(bytes), limits));
}

interface Word {
  page: number;
  text: string;
  yMin: number;
  yMax: number;
}

/** Every word with its page and box (pdftotext -bbox: y from the top, the box is the face's ascent to descent at its size). */
function wordBoxes(path: string): Word[] {
  return pdfWords(path).map((w) => ({ page: w.page, text: w.text, yMin: w.yMin, yMax: w.yMax }));
}

/** The first word `text` and the first word after it that starts a lower line of the same page. */
function lineAfter(words: Word[], text: string): { word: Word; next: Word } {
  const i = words.findIndex((w) => w.text === text);
  expect(i, `"${text}" is in the PDF`).toBeGreaterThanOrEqual(0);
  const word = words[i] as Word;
  const next = words.slice(i + 1).find((w) => w.page === word.page && w.yMin > word.yMin + 1);
  expect(next, `a line below "${text}"`).toBeDefined();
  return { word, next: next as Word };
}

/** Open Sans' ascent + descent (its box in pdftotext) per point of size. */
const BOX_EM = 1.362;
/** The same of the metric-compatible faces Arial and Times New Roman are drawn in (Arimo, Tinos). */
const ARIMO_BOX_EM = (1854 + 434) / 2048;
const TINOS_BOX_EM = (1825 + 443) / 2048;
/** The same of Cousine, the monospaced face Courier New and other fixed-pitch fonts (Consolas) are drawn in. */
const COUSINE_BOX_EM = (1705 + 615) / 2048;

describeCorpus('sizes and spacing of real files', () => {
  it('docx4j-Docx4j_GettingStarted.docx: its Consolas 8 pt code lines (w:line 240, no space after) are 8 pt (in monospaced Cousine), one line of their own font apart (LibreOffice: 9.3 pt)', async () => {
    const words = wordBoxes(await pdf(corpusFile('docx4j-Docx4j_GettingStarted.docx')));
    const { word, next } = lineAfter(words, '(simpleText');
    expect(word.yMax - word.yMin).toBeCloseTo(8 * COUSINE_BOX_EM, 0);
    expect(next.text).toBe('org.docx4j.wml.Text');
    // Each run at its own font's single line (Consolas, unknown to us: 1.17 em; LibreOffice sets
    // it in DejaVu Sans Mono, 1.164 em), not the body's Calibri 1.22 em (9.77 pt).
    expect(Math.abs(next.yMin - word.yMin - 9.3)).toBeLessThan(0.15);
  });

  it('docx4j-Docx4j_GettingStarted.docx: list paragraphs with w:contextualSpacing have no 10 pt gap between them, only their 1.15 lines', async () => {
    const words = wordBoxes(await pdf(corpusFile('docx4j-Docx4j_GettingStarted.docx')));
    const { word, next } = lineAfter(words, 'Template');
    expect(next.text).toBe('Mail');
    expect(next.yMin - word.yMin).toBeCloseTo(11 * 1.2207 * 1.15, 0);
  });

  it('pandoc-hiddenTextByStyle.odt: text hidden by its paragraph style (text:display="none") is not printed, as LibreOffice prints it', async () => {
    const path = await pdf(corpusFile('pandoc-hiddenTextByStyle.odt'));
    expect(popplerText(path)).not.toMatch(/Hidden/);
  });
});

// The report LibreOffice wrote, at its own 11 pt and spacing: its page count against LibreOffice's
// is in fonts.test.ts (set in Carlito, as LibreOffice sets it).

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const docx = (defaults: string, body: string, styles = ''): Uint8Array =>
  makeDocx([], {
    override: {
      'word/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:docDefaults>${defaults}</w:docDefaults>${styles}</w:styles>`,
      'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
    },
  });
const docxWith = (defaults: string, body: string, parts: Record<string, string>): Uint8Array =>
  makeDocx([], {
    override: {
      'word/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:docDefaults>${defaults}</w:docDefaults></w:styles>`,
      'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
      ...parts,
    },
  });
const settings = (inner: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="${W}">${inner}</w:settings>`;
const p = (text: string, pPr = ''): string => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;

describe('sizes and spacing of hand-made files', () => {
  it('DOCX: docDefaults Arial 12 pt, 1.5 lines and 12 pt after: the next paragraph is 12 × 1.15 × 1.5 + 12 pt lower', async () => {
    const defaults = '<w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="24"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="240" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault>';
    const words = wordBoxes(await pdf(docx(defaults, p('Eerste alinea.') + p('Tweede alinea.'))));
    const { word, next } = lineAfter(words, 'Eerste');
    expect(word.yMax - word.yMin).toBeCloseTo(12 * ARIMO_BOX_EM, 0);
    expect(next.yMin - word.yMin).toBeCloseTo(12 * 1.1499 * 1.5 + 12, 0);
  });

  it('DOCX: an exact line height (w:lineRule="exact"), space before from the paragraph style, a run of its own size', async () => {
    const styles = `<w:style w:type="paragraph" w:styleId="Ruim"><w:name w:val="Ruim"/><w:pPr><w:spacing w:before="480"/></w:pPr></w:style>`;
    const body = `${p('Regel een', '<w:spacing w:line="480" w:lineRule="exact"/>')}${p('Regel twee', '<w:pStyle w:val="Ruim"/>')}<w:p><w:r><w:rPr><w:sz w:val="40"/></w:rPr><w:t>Groot</w:t></w:r></w:p>`;
    const words = wordBoxes(await pdf(docx('', body, styles)));
    const one = lineAfter(words, 'Regel');
    // The 24 pt exact line sets its 10.5 pt text with the baseline at Open Sans' ascent share
    // (1.069 / 1.362) of the line; the next paragraph begins 24 pt + the style's 24 pt lower and
    // its single 10.5 pt line puts its box at its top.
    const firstBoxTop = 24 * (1.069 / BOX_EM) - 10.5 * 1.069;
    expect(one.next.yMin - one.word.yMin).toBeCloseTo(48 - firstBoxTop, 0);
    const big = words.find((w) => w.text === 'Groot') as Word;
    expect(big.yMax - big.yMin).toBeCloseTo(20 * BOX_EM, 0);
  });

  it('DOCX: 10 pt after and 24 pt before are a 24 pt gap (the larger), 34 pt (both) with w:compat/w:doNotUseHTMLParagraphAutoSpacing', async () => {
    // Measured with soffice 7.4 on these files: Arial 12 pt single lines 13.8 pt apart, then 24 pt
    // without the setting and 34 pt with it (a w:doNotUseHTMLParagraphAutoSpacing outside w:compat changes nothing).
    const defaults = '<w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="24"/></w:rPr></w:rPrDefault>';
    const body = p('Eerste alinea.', '<w:spacing w:after="200" w:line="240" w:lineRule="auto"/>') + p('Tweede alinea.', '<w:spacing w:before="480" w:line="240" w:lineRule="auto"/>');
    const gap = async (inner: string | undefined): Promise<number> => {
      const bytes = inner === undefined ? docx(defaults, body) : docxWith(defaults, body, { 'word/settings.xml': settings(inner) });
      const { word, next } = lineAfter(wordBoxes(await pdf(bytes)), 'Eerste');
      return next.yMin - word.yMin;
    };
    const line = 12 * 1.1499;
    expect(await gap(undefined)).toBeCloseTo(line + 24, 0);
    expect(await gap('<w:compat/>')).toBeCloseTo(line + 24, 0);
    expect(await gap('<w:doNotUseHTMLParagraphAutoSpacing/>')).toBeCloseTo(line + 24, 0);
    expect(await gap('<w:compat><w:doNotUseHTMLParagraphAutoSpacing/></w:compat>')).toBeCloseTo(line + 34, 0);
  });

  it('ODT: fo:font-size, fo:margin-bottom and fo:line-height of the paragraph style', async () => {
    const body = '<text:p text:style-name="Ruim">Eerste alinea.</text:p><text:p text:style-name="Ruim">Tweede alinea.</text:p>';
    const stylesExtra =
      '<style:style style:name="Ruim" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.5cm" fo:line-height="200%"/><style:text-properties fo:font-size="14pt"/></style:style>';
    const words = wordBoxes(await pdf(makeOdt(body, { stylesExtra })));
    const { word, next } = lineAfter(words, 'Eerste');
    expect(word.yMax - word.yMin).toBeCloseTo(14 * BOX_EM, 0);
    // No font named: Open Sans' own line (1.362 em), doubled, then 0.5 cm.
    expect(next.yMin - word.yMin).toBeCloseTo(14 * BOX_EM * 2 + 14.17, 0);
  });

  it('RTF: \\fs, \\sa and \\sl with \\slmult1 in Times New Roman', async () => {
    const rtf = String.raw`{\rtf1\ansi\deff0{\fonttbl{\f0\froman Times New Roman;}}\pard\fs32\sa480\sl360\slmult1 Eerste alinea.\par Tweede alinea.\par}`;
    const words = wordBoxes(await pdf(new TextEncoder().encode(rtf)));
    const { word, next } = lineAfter(words, 'Eerste');
    expect(word.yMax - word.yMin).toBeCloseTo(16 * TINOS_BOX_EM, 0);
    expect(next.yMin - word.yMin).toBeCloseTo(16 * 1.1499 * 1.5 + 24, 0);
  });
});
