// Issue 14, text in text boxes and shapes: DOCX w:txbxContent (DrawingML wps:txbx, grouped in
// wpg:wgp, and VML v:textbox) and ODT draw:text-box, draw:g groups and shapes with text are
// drawn in reading order — and, since the health check reads what is sent, a health term in a
// text box is found. Checked with poppler on LibreOffice-written files and the shared corpus.
// Floating ones are drawn where they float (not as blocks at their anchor), with the body text
// beside or below them; pictures with text wrapped beside them; table rows as tall as the file
// sets them; no text lost — read back with `pdftotext -bbox` (word positions, y from the top).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import type { ConversionNote } from '../../../utils/core/documents/convert/render.ts';
import { makeSendable, prepareForSend } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { detectHealthTerms } from '../../../utils/core/health/detect.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, pdfWords, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const pdfs = pdfScratch('rg-shapes-');

needSystemTools('pdftotext', 'pdfinfo');

async function sentText(name: string, bytes: Uint8Array): Promise<string> {
  const type: DocType = name.endsWith('.docx') ? 'docx' : 'odt';
  const out = await makeSendable(bytes, type, { limits, protect: false });
  return popplerText(pdfs.save(out.bytes, `${name}.pdf`)).replace(/\s+/g, ' ');
}

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('text boxes and shapes LibreOffice wrote', () => {
  it.each(['libreoffice-textbox.docx', 'libreoffice-textbox.odt'])('%s: the text box and both grouped shapes are drawn, nothing twice', async (name) => {
    const t = await sentText(name, fixture(name));
    // The box's two lines (it floats beside its paragraph now: text extraction may read the
    // paragraph's words to its right between them, as it does on LibreOffice's own PDF).
    for (const s of ['Opmerking in een tekstvak', 'herstellende van een hernia', 'Vorm een: werkplekbezoek gepland', 'Vorm twee: gesprek met de leidinggevende', 'Einde van het verslag']) {
      expect(t).toContain(s);
      // DOCX keeps a VML copy of every shape for old readers: it must not be drawn as well.
      expect(t.split(s).length - 1, s).toBe(1);
    }
  });

  it.each(['libreoffice-textbox.docx', 'libreoffice-textbox.odt'])('%s: a health term in a text box is found, in what is sent and by the send check', async (name) => {
    expect(detectHealthTerms(await sentText(name, fixture(name)))).toContain('hernia');
    // The send check's one path: the text it reads is the sent PDF's, as pdf.js extracts it.
    const { analysis } = await prepareForSend(name, fixture(name), { maxAttachmentMB: 25, protectPdf: true }, limits);
    expect(detectHealthTerms(analysis.text)).toContain('hernia');
  });
});

describeCorpus('text in shapes of real documents', () => {
  it('odftk-groupshape.odt: the text of its grouped shapes is on the page (it was a blank page)', async () => {
    const t = await sentText('odftk-groupshape.odt', corpusFile('odftk-groupshape.odt'));
    expect(t).toContain('Manueller Seitenumbruch');
    expect(t).toContain('Kopfzeile (Nummerierung beginnt mit 1)');
  });

  it.each([
    ['docx4j-textbox.docx', 'v:textbox/w:txbxContent'],
    ['pandoc-textbox_image.docx', 'The image is below'],
  ])('%s: text box text drawn', async (name, expected) => {
    expect(await sentText(name, corpusFile(name))).toContain(expected);
  });
});

interface Word {
  page: number;
  text: string;
  x1: number;
  x2: number;
  /** From the page's top edge. */
  y: number;
}

interface Converted {
  words: Word[];
  text: string;
  pages: number;
  notes: ConversionNote[];
}

async function convert(name: string, bytes: Uint8Array): Promise<Converted> {
  const notes: ConversionNote[] = [];
  const path = pdfs.save(await convertToPdf(bytes, name.endsWith('.docx') ? 'docx' : 'odt', limits, notes), `${name}.pdf`);
  const words: Word[] = pdfWords(path).map((w) => ({ page: w.page, text: w.text, x1: w.xMin, x2: w.xMax, y: w.yMin }));
  const text = popplerText(path).replace(/\s+/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  return { words, text, pages, notes };
}

const word = (c: Converted, text: string, nth = 0): Word => {
  const w = c.words.filter((x) => x.text === text)[nth];
  if (!w) throw new Error(`"${text}" not on any page`);
  return w;
};

describe('text boxes LibreOffice wrote, where they float', () => {
  it.each(['libreoffice-textbox.docx', 'libreoffice-textbox.odt'])('%s: the centred text box beside its paragraph, text on both sides of it, nothing lost', async (name) => {
    const c = await convert(name, fixture(name));
    const box = word(c, 'Opmerking');
    const het = word(c, 'Het');
    // The box is in the middle of the column, level with the paragraph it is anchored in.
    expect(box.x1).toBeGreaterThan(150);
    expect(box.x1).toBeLessThan(300);
    // Its text 10 pt below the paragraph's top, as LibreOffice 7.4 prints it (9.9–10.0): the
    // box's top wrap distance (fo:margin-top / distT 5.7 pt) and its padding (4.25 pt).
    expect(Math.abs(box.y - het.y - 10)).toBeLessThan(1);
    // The paragraph runs on both sides: its first words left of the box, later ones right of it.
    expect(het.x2).toBeLessThan(box.x1);
    const right = c.words.filter((w) => Math.abs(w.y - het.y) < 3 && w.x1 > box.x1 + 200);
    expect(right.length).toBeGreaterThan(0);
    // Grouped shapes: each text at its own place, the overlapping second one below the first.
    expect(word(c, 'twee:').y).toBeGreaterThan(word(c, 'een:').y + 5);
    for (const s of ['Opmerking in een tekstvak: de cliënt is', 'herstellende van een hernia.', 'Vorm een: werkplekbezoek gepland', 'Vorm twee: gesprek met de leidinggevende', 'Einde van het verslag.']) expect(c.text).toContain(s);
  });
});

describeCorpus('floating pictures, shapes and row heights in real documents', () => {
  it('odftk-feature_images.odt: text beside a picture aligned left, its lines ending where LibreOffice ends them', async () => {
    const c = await convert('odftk-feature_images.odt', corpusFile('odftk-feature_images.odt'));
    const heading = word(c, 'Align');
    const lorem = c.words.find((w) => w.text === 'Lorem' && w.y > heading.y) as Word;
    // The paragraph's lines start right of the 2.57 in picture. Set in Tinos (the file names
    // Liberation Serif, Times New Roman's metrics) they end at the words LibreOffice 7.4 ends
    // them at with Liberation Serif installed (its PDF, 2026-12-02), so the whole paragraph fits
    // beside the picture as there; in Open Sans it ran on below the picture at the margin.
    expect(lorem.x1).toBeGreaterThan(heading.x1 + 2.5 * 72);
    const beside = c.words.filter((w) => w.page === 1 && w.y >= lorem.y - 1 && w.y < word(c, 'Right').y);
    expect(beside.every((w) => w.x1 > heading.x1 + 2.5 * 72)).toBe(true);
    const lineEnds = [...Map.groupBy(beside, (w) => Math.round(w.y)).values()].map((line) => line.toSorted((a, b) => a.x1 - b.x1).at(-1)?.text);
    expect(lineEnds).toEqual(['sadipscing', 'ut', 'diam', 'dolores', 'takimata', 'ipsum', 'diam', 'dolore', 'voluptua.']);
  });

  it('odftk-groupshape.odt: the group on one page, as LibreOffice prints it (was 2), every text of it', async () => {
    const c = await convert('odftk-groupshape.odt', corpusFile('odftk-groupshape.odt'));
    expect(c.pages).toBe(1);
    for (const s of ['Normaler Seitenumbruch', 'Manueller Seitenumbruch', 'mit Seitenzahl 1', 'Zwei „Erste Seiten“ ohne', 'Ab hier „Standardseiten“ mit Kopfzeile, Nummerierung', 'Kopfzeile (Nummerierung beginnt mit 1)']) expect(c.text).toContain(s);
  });

  it('docx4j-tables.docx: a row with w:trHeight 1134 (56.7 pt) is that tall although its text needs less', async () => {
    const c = await convert('docx4j-tables.docx', corpusFile('docx4j-tables.docx'));
    expect(word(c, 'C').y - word(c, 'A').y).toBeGreaterThanOrEqual(56.7 - 1);
  });

  it('odftk-Formular: a row of style:min-row-height 1.9236 in is at least that tall; 2 pages as LibreOffice prints it (drawn lines take no line of text, the closing empty paragraph no page)', async () => {
    const name = 'odftk-Formular_Anzeige_01_Stand_August_2013_DOC_LO4-0-5-2.odt';
    const c = await convert(name, corpusFile(name));
    // The operator's address row ("Name/Anschrift des Anlagenbetreibers", two lines of text) is
    // the one of that height: the next row's text begins below it (LibreOffice: 167 pt down).
    const anschrift = word(c, 'Name/Anschrift');
    const next = c.words.filter((w) => w.page === anschrift.page && w.y > anschrift.y + 12 && w.x1 < 200).toSorted((a, b) => a.y - b.y)[0] as Word;
    expect(next.y - anschrift.y).toBeGreaterThan(1.9236 * 72 - 20);
    expect(c.pages).toBe(2);
  });
});
