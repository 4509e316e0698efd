// Pictures set "as character" (ODT text:anchor-type="as-char", DOCX wp:inline) stand in their line
// of text as LibreOffice prints them: the picture takes its width in the line (the words after it
// move right by it), and the line grows to its height — on the baseline by default, at the top,
// middle or bottom of the line for an ODT picture whose style says vertical-rel="line". Date
// fields print what LibreOffice prints: the document's save date instead of Word's cached one.
// Read back with poppler (`pdftotext -bbox` word positions, y from the top; `pdfimages -list`).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { makeDocx } from '../../helpers/office-fixtures.ts';
import { pdfScratch, pdfWords, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const pdfs = pdfScratch('rg-inline-');

needSystemTools('pdftotext', 'pdfimages');

interface Word {
  text: string;
  x1: number;
  x2: number;
  y: number;
}

async function convert(name: string, bytes: Uint8Array): Promise<{ words: Word[]; text: string; images: number }> {
  const type: DocType = name.endsWith('.docx') ? 'docx' : 'odt';
  const path = pdfs.save(await convertToPdf(bytes, type, limits), `${name}.pdf`);
  const words: Word[] = pdfWords(path).map((w) => ({ text: w.text, x1: w.xMin, x2: w.xMax, y: w.yMin }));
  const text = popplerText(path).replace(/\s+/g, ' ');
  const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').length - 2;
  return { words, text, images };
}

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

function at(words: Word[], text: string): Word {
  const w = words.find((x) => x.text === text);
  if (!w) throw new Error(`"${text}" not in the PDF`);
  return w;
}

// inline.fodt (make-inline.mjs): 12 pt Liberation Serif, single lines; pictures 2 × 1.5 cm and 1.5 × 1.5 cm.
const LINE = 12 * 1.15;
const PIC_H = (1.5 / 2.54) * 72;
const PIC_W = (2 / 2.54) * 72;

describe.each(['libreoffice-inline-picture.odt', 'libreoffice-inline-picture.docx'])('%s: pictures set as characters', (name) => {
  it('draws every picture in its line, the words after it moved right by its width, no word lost', async () => {
    const c = await convert(name, fixture(name));
    expect(c.images).toBe(7);
    // (pdftotext reads the words right of a tall picture as a block of their own, on LibreOffice's PDF too.)
    for (const s of ['Alfa bravo staat naast het logo.', 'Delta echo in het midden van de regel.', 'Mike november met een klein icoon, en', 'oscar met twee afbeeldingen.', 'Papa volgt onder de vijfde regel.', 'Quebec romeo hangt aan de basislijn.', 'Sierra is de laatste regel.']) expect(c.text).toContain(s);
    const alfa = at(c.words, 'Alfa');
    const bravo = at(c.words, 'bravo');
    expect(bravo.y).toBeCloseTo(alfa.y, 1);
    // Two spaces and the picture between the words.
    expect(bravo.x1 - alfa.x2).toBeGreaterThan(PIC_W);
    expect(bravo.x1 - alfa.x2).toBeLessThan(PIC_W + 8);
    const oscar = at(c.words, 'oscar');
    expect(oscar.y).toBeCloseTo(at(c.words, 'Mike').y, 1);
  });

  it('a picture on the baseline makes its line taller by what it needs above the text; the next line follows one line below', async () => {
    const { words } = await convert(name, fixture(name));
    const step = at(words, 'Charlie').y - at(words, 'Alfa').y;
    // The text after the picture's line is one ordinary line (and paragraph space) below it.
    expect(step).toBeGreaterThan(LINE - 0.5);
    expect(step).toBeLessThan(LINE + 8);
    expect(at(words, 'Papa').y - at(words, 'Mike').y).toBeCloseTo(step, 1);
    // Word's inline pictures all stand on the baseline (LibreOffice writes wp:inline for every one).
    if (name.endsWith('.docx')) expect(at(words, 'Quebec').y - at(words, 'Papa').y - step).toBeGreaterThan(PIC_H - LINE);
    // The line with the picture begins one step below the first and is as much taller as the picture rises above the text's ascent.
    const grow = at(words, 'Alfa').y - at(words, 'Eerste').y - step;
    expect(grow).toBeGreaterThan(PIC_H - LINE);
    expect(grow).toBeLessThan(PIC_H - 0.6 * LINE);
  });
});

describe('pictures in the line that this project writes', () => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const doc = (run: string): string =>
    `<w:document xmlns:w="${W}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:t xml:space="preserve">Voor </w:t></w:r><w:r>${run}</w:r><w:r><w:t xml:space="preserve"> na het plaatje.</w:t></w:r></w:p><w:p><w:r><w:t>Volgende alinea.</w:t></w:r></w:p></w:body></w:document>`;

  it('an unpositioned VML picture (w:pict) stands in its line at its style size', async () => {
    const bytes = makeDocx([], { override: { 'word/document.xml': doc('<w:pict><v:shape style="width:72pt;height:36pt"><v:imagedata r:id="rIdImg1"/></v:shape></w:pict>') } });
    const c = await convert('vml-inline.docx', bytes);
    expect(c.images).toBe(1);
    const voor = at(c.words, 'Voor');
    const na = at(c.words, 'na');
    expect(na.y).toBeCloseTo(voor.y, 1);
    expect(na.x1 - voor.x2).toBeGreaterThan(72);
    expect(c.text).toContain('Volgende alinea.');
  });

  it('a picture taller than the page is scaled down so its line fits on one page, its text kept', async () => {
    const bytes = makeDocx([], { override: { 'word/document.xml': doc('<w:pict><v:shape style="width:200pt;height:2000pt"><v:imagedata r:id="rIdImg1"/></v:shape></w:pict>') } });
    const c = await convert('tall-inline.docx', bytes);
    expect(c.images).toBe(1);
    for (const s of ['Voor', 'na het plaatje.', 'Volgende alinea.']) expect(c.text).toContain(s);
    // The line's words are on the page (y from the top, within A4's 842 pt).
    expect(at(c.words, 'Voor').y).toBeLessThan(842);
  });
});

describe('a logo set in the header line', () => {
  it('is drawn in the header with its text; one taller than the page is scaled so the body keeps its room', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const header = (h: number): string =>
      `<w:hdr xmlns:w="${W}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:p><w:r><w:t xml:space="preserve">Kop </w:t></w:r><w:r><w:pict><v:shape style="width:60pt;height:${h}pt"><v:imagedata r:id="rIdLogo"/></v:shape></w:pict></w:r><w:r><w:t xml:space="preserve"> met logo</w:t></w:r></w:p></w:hdr>`;
    const rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>';
    for (const h of [30, 3000]) {
      const bytes = makeDocx([{ p: ['De tekst van het verslag.'] }], { header: 'x', override: { 'word/header1.xml': header(h), 'word/_rels/header1.xml.rels': rels } });
      const c = await convert(`header-logo-${h}.docx`, bytes);
      expect(c.images).toBe(1);
      for (const s of ['Kop', 'met logo', 'De tekst van het verslag.']) expect(c.text).toContain(s);
      expect(at(c.words, 'met').y).toBeCloseTo(at(c.words, 'Kop').y, 1);
    }
  });
});

describe('libreoffice-inline-picture.odt: vertical-rel="line"', () => {
  it('middle of the line: the line as tall as the picture, the text in its middle', async () => {
    const { words } = await convert('libreoffice-inline-picture.odt', fixture('libreoffice-inline-picture.odt'));
    const before = at(words, 'Delta').y - at(words, 'Charlie').y;
    const after = at(words, 'Foxtrot').y - at(words, 'Delta').y;
    expect(before).toBeCloseTo(after, 0);
    const step = at(words, 'Charlie').y - at(words, 'Alfa').y;
    expect(before + after - 2 * step).toBeCloseTo(PIC_H - LINE, 0);
  });

  it('bottom of the line: the text at the foot of a line as tall as the picture', async () => {
    const { words } = await convert('libreoffice-inline-picture.odt', fixture('libreoffice-inline-picture.odt'));
    const step = at(words, 'Charlie').y - at(words, 'Alfa').y;
    expect(at(words, 'Lima').y - at(words, 'Juliet').y).toBeCloseTo(step, 1);
    expect(at(words, 'Juliet').y - at(words, 'India').y - step).toBeCloseTo(PIC_H - LINE, 0);
  });
});

describe('libreoffice-inline-picture.odt: a frame whose style gives no position', () => {
  it('hangs from the baseline (LibreOffice\'s vertical-pos "from-top"): its line keeps the text\'s place and grows below', async () => {
    const { words } = await convert('libreoffice-inline-picture.odt', fixture('libreoffice-inline-picture.odt'));
    const step = at(words, 'Charlie').y - at(words, 'Alfa').y;
    expect(at(words, 'Quebec').y - at(words, 'Papa').y).toBeCloseTo(step, 1);
    // Below the baseline: the picture's height, less the text's descent the line had already.
    const grow = at(words, 'Sierra').y - at(words, 'Quebec').y - step;
    expect(grow).toBeGreaterThan(PIC_H - 0.4 * LINE);
    expect(grow).toBeLessThan(PIC_H);
  });
});

describe.each(['libreoffice-dates.odt', 'libreoffice-dates.docx'])('%s: date fields', (name) => {
  it('prints the metadata dates in the field formats, today for a live date field, and keeps a fixed one as stored', async () => {
    const { text } = await convert(name, fixture(name));
    const now = new Date();
    const today = `${String(now.getDate()).padStart(2, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${now.getFullYear()}`;
    expect(text).toContain(`Vandaag: ${today} om`);
    expect(text).toContain('Vast: 06-05-2018.');
    expect(text).toContain('Gemaakt: March 4, 2021.');
    // The stored text says "January 1, 2020"; meta.xml / core.xml say it was saved on 24 November 2023.
    expect(text).toContain('Gewijzigd: November 24, 2023.');
    expect(text).toContain('Afgedrukt: 08-07-2022.');
    expect(text).not.toContain('January 1, 2020');
  });
});

describe('libreoffice-dates.odt: a date field in Dutch', () => {
  it('has its month name in Dutch, the day first (number:automatic-order), as LibreOffice prints it', async () => {
    const { text } = await convert('libreoffice-dates.odt', fixture('libreoffice-dates.odt'));
    expect(text).toContain('In het Nederlands: 24 november 2023.');
  });
});

describeCorpus('real file: a SAVEDATE field', () => {
  it('pandoc-text_in_shape_format.docx: the save date of docProps/core.xml in Estonian, not the cached "May 1, 2017"', async () => {
    const { text } = await convert('pandoc-text_in_shape_format.docx', corpusFile('pandoc-text_in_shape_format.docx'));
    expect(text).toContain('Last update: november 24, 2023');
    expect(text).not.toContain('May 1, 2017');
  });
});
