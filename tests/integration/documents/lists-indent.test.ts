// DOCX list indents: a list item's number and text sit where its numbering level's w:ind puts
// them (w:left the text, w:hanging back from it the number), with the paragraph style's and the
// paragraph's own w:ind over them as ECMA-376 orders them. Before, every level-0 item was set
// at our own 18 pt per level (text at x 90 where LibreOffice has 108 on a 72 pt margin).
// Measured with poppler (pdftotext -bbox) on a real file and on hand-made ones.
import { describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import { sniffType } from '../../../utils/core/documents/sniff.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { makeDocx } from '../../helpers/office-fixtures.ts';
import { pdfScratch, pdfWords } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-lists-');

needSystemTools('pdftotext');

async function pdf(bytes: Uint8Array): Promise<string> {
  return pdfs.save(await convertToPdf(bytes, sniffType(bytes), limits));
}

interface Word {
  page: number;
  text: string;
  x: number;
  y: number;
}

function words(path: string): Word[] {
  return pdfWords(path).map((w) => ({ page: w.page, text: w.text, x: w.xMin, y: w.yMin }));
}

/** The first word `text` that starts a list item, and that item's marker (the word just left of it on its line). */
function itemAt(all: Word[], text: string): { text: Word; marker: Word } {
  for (const w of all.filter((x) => x.text === text)) {
    const left = all.filter((x) => x.page === w.page && Math.abs(x.y - w.y) < 1 && x.x < w.x).toSorted((a, b) => b.x - a.x)[0];
    if (left && /^[\p{P}\p{S}\p{N}\p{Co}]+$/u.test(left.text)) return { text: w, marker: left };
  }
  throw new Error(`no list item begins with "${text}"`);
}

describeCorpus('list indents of a real file', () => {
  it('docx4j-Docx4j_GettingStarted.docx: bullets (level w:left 720, w:hanging 360) at x 90, their text at 108, as LibreOffice sets them', async () => {
    const all = words(await pdf(corpusFile('docx4j-Docx4j_GettingStarted.docx')));
    for (const first of ['Changes', 'Merging']) {
      const item = itemAt(all, first);
      expect(item.text.x).toBeCloseTo(108, 0);
      expect(item.marker.x).toBeCloseTo(90, 0);
    }
  });
});

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const lvl = (ilvl: number, left: number, hanging: number): string =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%${ilvl + 1}."/><w:pPr><w:ind w:left="${left}" w:hanging="${hanging}"/></w:pPr></w:lvl>`;
const numbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">${lvl(0, 1440, 720)}${lvl(1, 2880, 360)}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="Indented"><w:name w:val="Indented"/><w:pPr><w:ind w:left="4320"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:ind w:left="4320" w:hanging="360"/></w:pPr></w:style></w:styles>`;
const item = (text: string, pPr: string): string => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
const num = (ilvl: number): string => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>`;

describe('DOCX list indents (numbering level, style, paragraph)', () => {
  it("sets each item's text at its indent and its number a hanging indent back, the paragraph's own w:ind over the level's", async () => {
    const body = [
      item('Alpha', num(0)), // level 0: text 72 pt in, number 36 pt in
      item('Bravo', num(1)), // level 1: text 144 pt in, number 126 pt in
      item('Charlie', `${num(0)}<w:ind w:left="2160" w:hanging="360"/>`), // own: text 108 pt in, number 90 pt in
      item('Delta', `<w:pStyle w:val="Indented"/>${num(0)}`), // the paragraph brings the numbering: the level's over the style's
      item('Echo', '<w:pStyle w:val="Numbered"/>'), // the style brings it: the style's over the level's
    ].join('');
    const bytes = makeDocx([], {
      override: {
        'word/numbering.xml': numbering,
        'word/styles.xml': styles,
        'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>`,
      },
    });
    const all = words(await pdf(bytes));
    const at = (text: string): { text: number; marker: number } => {
      const found = itemAt(all, text);
      return { text: found.text.x, marker: found.marker.x };
    };
    const left = 72; // w:pgMar w:left 1440
    expect(at('Alpha')).toEqual({ text: expect.closeTo(left + 72, 0), marker: expect.closeTo(left + 36, 0) });
    expect(at('Bravo')).toEqual({ text: expect.closeTo(left + 144, 0), marker: expect.closeTo(left + 126, 0) });
    expect(at('Charlie')).toEqual({ text: expect.closeTo(left + 108, 0), marker: expect.closeTo(left + 90, 0) });
    expect(at('Delta')).toEqual({ text: expect.closeTo(left + 72, 0), marker: expect.closeTo(left + 36, 0) });
    expect(at('Echo')).toEqual({ text: expect.closeTo(left + 216, 0), marker: expect.closeTo(left + 198, 0) });
  });
});
