// Issue 14, text beside text boxes and the text of grouped shapes, measured against LibreOffice:
// where a box's own text sits and where the body lines beside it begin and end, read back with
// `pdftotext -bbox` (x from the page's left edge, y from its top) and compared with the words of
// LibreOffice 7.4's PDFs of the same files (7.4.7.2, headless --convert-to pdf, with the
// Liberation, Carlito and Caladea fonts installed; measured 2026-12-02). What is compared is what
// the box's placement decides: its wrap distances by side (DOCX distL/distR/distT/distB, ODT
// fo:margin-*), its text inset (bodyPr lIns…, fo:padding-*), the side the text may run on
// (wrapText, style:wrap), the text area of an ellipse, a drawing shape's text block (ODT
// draw:textarea-horizontal-align) and the empty line of a paragraph holding only a drawing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfWords, type PdfWord } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rg-textbox-wrap-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

needSystemTools('pdftotext');

interface Converted {
  words: PdfWord[];
  /** pdftotext's plain reading, spaces collapsed. */
  text: string;
}

async function convert(name: string, bytes: Uint8Array): Promise<Converted> {
  const pdf = await convertToPdf(bytes, name.endsWith('.docx') ? 'docx' : 'odt', limits, []);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  return { words: pdfWords(path), text: execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ') };
}

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** The nth word `text` on the page (poppler's reading order). */
function word(c: Converted, text: string, nth = 0): PdfWord {
  const w = c.words.filter((x) => x.text === text)[nth];
  if (!w) throw new Error(`"${text}" (${nth}) not on the page`);
  return w;
}

/** The last word of each printed line that begins at x (±1 pt) from `from` down to `to` (y, from the top). */
function lineEnds(c: Converted, x: number, from: number, to: number): string[] {
  const starts = c.words.filter((w) => Math.abs(w.xMin - x) < 1 && w.yMin >= from - 1 && w.yMin <= to + 1);
  return starts.map((s) => {
    const line = c.words.filter((w) => Math.abs(w.yMin - s.yMin) < 1 && w.xMin >= s.xMin - 0.5).toSorted((a, b) => a.xMin - b.xMin);
    // The line's words up to the first gap wider than a few spaces (the box or another column).
    let end = line[0] as PdfWord;
    for (const w of line.slice(1)) {
      if (w.xMin - end.xMax > 12) break;
      end = w;
    }
    return end.text;
  });
}

/** Expects `actual` within `tol` points of LibreOffice's `lo`. */
const near = (actual: number, lo: number, tol = 1): void => {
  expect(Math.abs(actual - lo), `${actual.toFixed(1)} for LibreOffice's ${lo}`).toBeLessThan(tol);
};

describe('libreoffice-wrap (wrap.fodt): boxes aligned right and left, asymmetric wrap distances and padding, text on one side only', () => {
  it.each(['libreoffice-wrap.odt', 'libreoffice-wrap.docx'])('%s: box text and the body lines beside it where LibreOffice prints them', async (name) => {
    const c = await convert(name, fixture(name));
    // Right-aligned box (5.5 cm, wrap only on its left; wrap distances 0.5 cm on its left, 0.7 cm
    // on its right — kept from the margin it is aligned to — and 0.3 cm above; padding 0.2 cm
    // across, 0.4 cm at the top): its text at x 368.5, 76.4 down (the paragraph's first line at
    // 56.5), in two lines 13.8 apart.
    const first = word(c, 'Het');
    near(first.xMin, 56.8);
    near(word(c, 'Kader').xMin, 368.5);
    near(word(c, 'Kader').yMin - first.yMin, 76.4 - 56.5);
    near(word(c, 'rugklachten').xMin, 368.5);
    near(word(c, 'rugklachten').yMin - word(c, 'Kader').yMin, 90.2 - 76.4);
    // The paragraph beside it on the left only, ending each line where LibreOffice ends it
    // (the box and its 14.2 pt distance leave 56.7 … 348.6).
    expect(lineEnds(c, 56.8, first.yMin, first.yMin + 4 * 13.8)).toEqual(['in', 'De', 'en', 'dat', 'opgebouwd.']);
    expect(c.words.filter((w) => w.yMin < word(c, 'Tussenregel').yMin - 1 && w.xMin < 360).every((w) => w.xMax < 348.7)).toBe(true);
    // Left-aligned box 0.2 cm below its paragraph's top, wrap on its right only; wrap distances
    // 0.6 cm on its left (from the margin) and 0.8 cm on its right; padding 0.3 cm on its left
    // and 0.2 cm at the top: its text at x 82.2; the paragraph at x 238.3 beside it (and beside
    // the first box's foot: its first two lines end early).
    const second = word(c, 'Het', 1);
    near(second.xMin, 238.3);
    near(second.yMin - first.yMin, 139.3 - 56.5);
    near(word(c, 'Kader', 1).xMin, 82.2);
    near(word(c, 'Kader', 1).yMin - second.yMin, 150.6 - 139.3);
    near(word(c, 'vervolgafspraak').xMin, 82.2);
    expect(lineEnds(c, 238.3, second.yMin, second.yMin + 5 * 13.8)).toEqual(['gesprek', 'de', 'stoel', 'dag.', 'voortgang', 'belastbaarheid.']);
    // The last paragraph below both boxes, at the margin.
    near(word(c, 'Einde').xMin, 56.8);
    near(word(c, 'Einde').yMin - first.yMin, 222.1 - 56.5);
  });
});

describe('libreoffice-textbox: a centred text box with text on both sides, a group of a rectangle and an ellipse', () => {
  // The file is set in DejaVu Serif (the fixture machine had no Liberation fonts), which we draw in
  // Open Sans, a little narrower: compared are the places the box decides, not where words wrap.
  it.each(['libreoffice-textbox.docx', 'libreoffice-textbox.odt'])('%s: the box, the columns beside it and the shapes where LibreOffice puts them', async (name) => {
    const c = await convert(name, fixture(name));
    const het = word(c, 'Het');
    // The 8 cm box centred in the column (184.3 … 411.0), its text 4.25 pt in (padding / lIns)
    // and 10 pt below the paragraph's top (5.7 pt wrap distance above it, then the padding).
    near(word(c, 'Opmerking').xMin, 188.6);
    near(word(c, 'Opmerking').yMin - het.yMin, 105.3 - 95.4, 1.2);
    // Text on both sides: the left column at the margin, the right one 5.7 pt past the box.
    near(het.xMin, 56.8);
    near(word(c, 'plaats').xMin, 416.9);
    near(word(c, 'plaats').yMin, het.yMin);
    near(word(c, 'volgt.').xMin, 416.9);
    near(word(c, 'volgt.').yMin, word(c, 'Een').yMin);
    // The paragraph holding only the group keeps its empty line: the last one two lines below "Een".
    near(word(c, 'Einde').yMin - word(c, 'Een').yMin, 151.4 - 123.4);
    // The group 28.35 pt below that empty line's top; the rectangle's text at its left edge
    // (x 47.3, no inset), the ellipse's in its inscribed rectangle (x 194.0, 14.6 % in).
    near(word(c, 'Vorm').xMin, 47.3);
    near(word(c, 'Vorm').yMin - word(c, 'Einde').yMin, 165.7 - 151.4, 1.5);
    near(word(c, 'Vorm', 1).xMin, 194.0);
    for (const s of ['Opmerking in een tekstvak: de', 'Vorm een: werkplekbezoek gepland', 'Vorm twee: gesprek met de leidinggevende']) expect(c.text).toContain(s);
  });
});

describeCorpus('odftk-groupshape.odt: text frames of a centred group', () => {
  it('each frame\u2019s text in its padding, its block as wide as its widest line, read in LibreOffice\u2019s order', async () => {
    const c = await convert('odftk-groupshape.odt', corpusFile('odftk-groupshape.odt'));
    // fo:padding-left/-right 2.5 mm and -top 1.25 mm (it was read from fo:padding only: none).
    near(word(c, 'Zwei').xMin, 88.5, 1.5);
    near(word(c, 'Zwei').yMin, 60.35);
    near(word(c, 'Ab').xMin, 296.2, 1.5);
    near(word(c, 'Ab').yMin, 60.25);
    near(word(c, 'Normaler').xMin, 140.4, 1.5);
    near(word(c, 'Normaler').yMin, 220.45);
    near(word(c, 'Kopfzeile').xMin, 348.1, 1.5);
    // draw:textarea-horizontal-align="left": the lines of "Manueller Seitenumbruch mit Seitenzahl 1"
    // centred in a block as wide as "mit Seitenzahl 1", at the frame's left (not in the whole frame).
    near(word(c, 'Manueller').xMin, 255.2, 1.5);
    near(word(c, 'Seitenzahl').xMin, 256.9, 1.5);
    // The 192 pt inside the padding break "… Nummerierung / beginnend mit 1" as LibreOffice does.
    near(word(c, 'beginnend').xMin, 355.4, 1.5);
    near(word(c, 'beginnend').yMin, 68.35);
    // pdftotext then reads the blocks in LibreOffice's order.
    const order = ['Ab hier', 'Zwei „Erste', 'Normaler Seitenumbruch', 'Manueller Seitenumbruch', 'Kopfzeile (Nummerierung'].map((s) => c.text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual(order.toSorted((a, b) => a - b));
  });
});
