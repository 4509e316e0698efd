// Colour in the PDF: text in its colour, table cells and paragraphs shaded, runs highlighted, as
// the documents set them — read back from the pixels poppler renders (pdftoppm at 72 dpi: one
// pixel a point, so poppler's word boxes give the places to look) and from the page's content
// stream. And the safety rule: text whose colour would vanish on what it is drawn on (white on
// the paper) is drawn in black instead.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../utils/core/documents/convert/errors.ts';
import type { DocModel } from '../../../utils/core/documents/convert/model.ts';
import { renderPdf } from '../../../utils/core/documents/convert/render.ts';
import { makeSendable } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, pdfWords, type PdfWord } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-colour-');

needSystemTools('pdftotext', 'pdftoppm');

/** A page rendered at 72 dpi: the colour at a point (x, y from the page's top-left, in points). */
interface Raster {
  at(x: number, y: number): [number, number, number];
  /** The darkest pixel of a word's box: the colour its letters are drawn in. */
  ink(w: PdfWord): [number, number, number];
}

function raster(pdf: string, page: number): Raster {
  const prefix = join(pdfs.dir, `page-${page}-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  const ppm = readFileSync(`${prefix}.ppm`);
  // P6 header: magic, width, height, maxval, each followed by one white-space byte.
  const head = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!head) throw new Error('not a PPM');
  const width = Number(head[1]);
  const height = Number(head[2]);
  const data = ppm.subarray(head[0].length);
  const at = (x: number, y: number): [number, number, number] => {
    const px = Math.min(Math.max(Math.round(x), 0), width - 1);
    const py = Math.min(Math.max(Math.round(y), 0), height - 1);
    const i = (py * width + px) * 3;
    return [data[i] as number, data[i + 1] as number, data[i + 2] as number];
  };
  return {
    at,
    ink(w) {
      let best: [number, number, number] = [255, 255, 255];
      for (let y = Math.ceil(w.yMin); y <= Math.floor(w.yMax); y++) {
        for (let x = Math.ceil(w.xMin); x <= Math.floor(w.xMax); x++) {
          const c = at(x, y);
          if (c[0] + c[1] + c[2] < best[0] + best[1] + best[2]) best = c;
        }
      }
      return best;
    },
  };
}

/** "D3DFEE" as channels. */
const hex = (h: string): [number, number, number] => [Number.parseInt(h.slice(0, 2), 16), Number.parseInt(h.slice(2, 4), 16), Number.parseInt(h.slice(4, 6), 16)];

/** Each channel of `got` within `tolerance` of `want`'s. */
function near(got: [number, number, number], want: string, tolerance = 6): boolean {
  return hex(want).every((v, i) => Math.abs(v - (got[i] as number)) <= tolerance);
}

async function convert(name: string, type: DocType): Promise<string> {
  const out = await makeSendable(corpusFile(name), type, { limits, protect: false });
  return pdfs.save(out.bytes, `${name}.pdf`);
}

/** The decoded content streams of a PDF's pages. */
async function pageContent(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    return streams.map((s) => (s instanceof PDFRawStream ? new TextDecoder('latin1').decode(decodePDFRawStream(s).decode()) : '')).join('\n');
  });
}

describe('cell shading in the documents LibreOffice wrote', () => {
  // tests/fixtures/convert/shading/: one row, a yellow cell (FFCC00), a dark blue one (1F4E79), one with none.
  it.each(['docx', 'odt', 'rtf'] as const)('libreoffice-shading.%s: each cell filled in its colour, the plain one white', async (type) => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/convert/shading', `libreoffice-shading.${type}`)));
    const out = await makeSendable(bytes, type, { limits, protect: false });
    const pdf = pdfs.save(out.bytes, `shading-${type}.pdf`);
    const words = pdfWords(pdf);
    const page = raster(pdf, 1);
    // Right of each cell's last word, inside the cell: the fill, not the letters.
    const after = (text: string, k = 0): [number, number, number] => {
      const w = words.filter((x) => x.text === text)[k];
      if (!w) throw new Error(`no word ${text} #${k}`);
      return page.at(w.xMax + 6, (w.yMin + w.yMax) / 2);
    };
    expect(after('vak', 0)).toSatisfy((c: [number, number, number]) => near(c, 'FFCC00'));
    expect(after('vak', 1)).toSatisfy((c: [number, number, number]) => near(c, '1F4E79'));
    expect(after('kleur')).toSatisfy((c: [number, number, number]) => near(c, 'FFFFFF'));
  });
});

describeCorpus('colours of real documents against what LibreOffice prints', () => {
  it('odftk-BigTable.odt: alternate rows shaded light blue (fo:background-color of their cells), the others not, and the text blue (fo:color)', async () => {
    const pdf = await convert('odftk-BigTable.odt', 'odt');
    const words = pdfWords(pdf, { first: 1, last: 1 });
    const page = raster(pdf, 1);
    // The first column: "f" in the shaded rows (TableCell53: #D3DFEE), "Asdf" between them.
    const x = Math.min(...words.filter((w) => w.text === 'Asdf').map((w) => w.xMin));
    const column = words.filter((w) => Math.abs(w.xMin - x) < 1);
    const shaded = column.filter((w) => w.text === 'f');
    const plain = column.filter((w) => w.text === 'Asdf');
    expect(shaded.length).toBeGreaterThanOrEqual(10);
    expect(plain.length).toBeGreaterThanOrEqual(10);
    // In the cell's padding, just left of the word.
    for (const w of shaded) expect(page.at(w.xMin - 2, (w.yMin + w.yMax) / 2), `${w.text} at ${w.yMin}`).toSatisfy((c: [number, number, number]) => near(c, 'D3DFEE'));
    for (const w of plain) expect(page.at(w.xMin - 2, (w.yMin + w.yMax) / 2), `${w.text} at ${w.yMin}`).toSatisfy((c: [number, number, number]) => near(c, 'FFFFFF'));
    // The letters in the table's text colour, #365F91; the heading above the table in black.
    for (const w of [...shaded.slice(0, 3), ...plain.slice(0, 3)]) expect(page.ink(w), w.text).toSatisfy((c: [number, number, number]) => near(c, '365F91', 24));
    const title = words.find((w) => w.text === 'Big');
    expect(title && Math.max(...page.ink(title))).toBeLessThan(40);
  });

  it('docx4j-tables.docx: cells shaded by w:tcPr/w:shd and by the table\'s w:tblPr/w:shd, a cell\'s own "auto" fill over the table\'s', async () => {
    const pdf = await convert('docx4j-tables.docx', 'docx');
    const words = pdfWords(pdf);
    const find = (text: string): PdfWord => {
      const w = words.find((v) => v.text === text);
      if (!w) throw new Error(`no word ${text}`);
      return w;
    };
    // "Shading, Margins, Cell spacing": the table is w:fill FFC000; row 1's cells say fill auto
    // (not shaded, as LibreOffice prints them), row 2's pct5 over FFC000 (5 % black: F2B600).
    const row1 = find('1a');
    const row2 = find('2a');
    const page = raster(pdf, row2.page);
    expect(page.at(row1.xMax + 3, (row1.yMin + row1.yMax) / 2)).toSatisfy((c: [number, number, number]) => near(c, 'FFFFFF'));
    expect(page.at(row2.xMax + 3, (row2.yMin + row2.yMax) / 2)).toSatisfy((c: [number, number, number]) => near(c, 'F2B600'));
    // The first table: A and B in pct5 of black over no fill (F2F2F2, LibreOffice's grey), C not shaded.
    const a = find('A');
    const first = raster(pdf, a.page);
    expect(first.at(a.xMax + 3, (a.yMin + a.yMax) / 2)).toSatisfy((c: [number, number, number]) => near(c, 'F2F2F2'));
    const c = words.find((v) => v.text === 'C' && v.page === a.page);
    expect(c && first.at(c.xMax + 3, (c.yMin + c.yMax) / 2)).toSatisfy((px: [number, number, number]) => near(px, 'FFFFFF'));
  });

  it('docx4j-headers_footers.docx: the header rows of its tables grey, by their table style\'s first-row format (ElementTable: C0C0C0), the rows below not', async () => {
    const pdf = await convert('docx4j-headers_footers.docx', 'docx');
    const words = pdfWords(pdf);
    const heads = words.filter((w) => w.text === 'Elements' && words.some((v) => v.text === 'Parent' && v.page === w.page && Math.abs(v.yMin - w.yMin) < 1));
    expect(heads.length).toBeGreaterThanOrEqual(3);
    for (const w of heads.slice(0, 3)) {
      const page = raster(pdf, w.page);
      expect(page.at(w.xMax + 4, (w.yMin + w.yMax) / 2), `page ${w.page}`).toSatisfy((c: [number, number, number]) => near(c, 'C0C0C0'));
      // The row below (in the left padding of its first word) on the paper.
      const below = words.filter((v) => v.page === w.page && v.yMin > w.yMax + 2).toSorted((a, b) => a.yMin - b.yMin)[0] as PdfWord;
      expect(page.at(below.xMin - 2, (below.yMin + below.yMax) / 2), `page ${w.page}`).toSatisfy((c: [number, number, number]) => near(c, 'FFFFFF'));
    }
  });
});

const render = (model: DocModel): Promise<Uint8Array> => renderPdf(model, { deadline: new Deadline(30_000), maxPages: 10, notes: [] });
const grey = (c: [number, number, number]): boolean => near(c, 'D9D9D9');

describe('text is never drawn invisible', () => {

  it('white text on no shading is drawn black; white on a dark cell stays white; red stays red', async () => {
    const bytes = await render({
      blocks: [
        { kind: 'paragraph', runs: [{ text: 'Wit op papier', color: 'FFFFFF' }] },
        { kind: 'paragraph', runs: [{ text: 'Rood', color: 'FF0000' }] },
        { kind: 'table', borders: false, rows: [{ cells: [{ shading: '1F3864', blocks: [{ kind: 'paragraph', runs: [{ text: 'Wit op blauw', color: 'FFFFFF' }] }] }] }] },
        { kind: 'paragraph', shading: 'FFFFFF', runs: [{ text: 'Geel op wit', color: 'FFFF00' }] },
      ],
    });
    const pdf = pdfs.save(bytes, 'invisible.pdf');
    const words = pdfWords(pdf);
    const page = raster(pdf, 1);
    const word = (text: string): PdfWord => words.find((w) => w.text === text) as PdfWord;
    expect(page.ink(word('papier'))).toSatisfy((c: [number, number, number]) => near(c, '000000', 40));
    expect(page.ink(word('Rood'))).toSatisfy((c: [number, number, number]) => near(c, 'FF0000', 40));
    expect(page.ink(word('Geel'))).toSatisfy((c: [number, number, number]) => near(c, '000000', 40));
    // On the dark cell: the cell's fill around the word, and its letters light.
    const blue = word('blauw');
    expect(page.at(blue.xMax + 2, (blue.yMin + blue.yMax) / 2)).toSatisfy((c: [number, number, number]) => near(c, '1F3864'));
    const content = (await pageContent(bytes)).join('\n');
    const texts = content.split(/\bBT\b/).slice(1).map((t) => t.split(/\bET\b/)[0] as string);
    // White text once: on the dark cell; none on the paper (the white paragraph's fill is no text).
    expect(texts.filter((t) => /(?:^|\s)1 1 1 rg/.test(t))).toHaveLength(1);
    // Each BT…ET that sets a colour ends in black again (what is drawn after relies on it).
    for (const body of texts) {
      const sets = [...body.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) rg/g)];
      if (sets.length) expect(sets[sets.length - 1]?.slice(1, 4)).toEqual(['0', '0', '0']);
    }
  });

  it('a highlight is filled behind its run, the run drawn over it', async () => {
    const bytes = await render({ blocks: [{ kind: 'paragraph', runs: [{ text: 'Let ' }, { text: 'op', highlight: 'FFFF00' }, { text: ' dit' }] }] });
    const pdf = pdfs.save(bytes, 'highlight.pdf');
    const words = pdfWords(pdf);
    const op = words.find((w) => w.text === 'op') as PdfWord;
    const dit = words.find((w) => w.text === 'dit') as PdfWord;
    const page = raster(pdf, 1);
    expect(page.at(op.xMin + 0.5, op.yMin + 1)).toSatisfy((c: [number, number, number]) => near(c, 'FFFF00', 10));
    expect(page.at(dit.xMax - 0.5, dit.yMin + 1)).toSatisfy((c: [number, number, number]) => near(c, 'FFFFFF'));
    expect(page.ink(op)).toSatisfy((c: [number, number, number]) => Math.max(...c) < 60);
    // The fill comes before the text in the content stream.
    const content = (await pageContent(bytes))[0] as string;
    expect(content.indexOf('1 1 0 rg')).toBeGreaterThan(-1);
    expect(content.indexOf('1 1 0 rg')).toBeLessThan(content.indexOf('BT'));
  });

  it('a shaded paragraph is filled from its left indent to its right one, behind all its lines', async () => {
    // Its last line, after a line break, is short.
    const text = `${'Een gearceerde alinea die over meer dan een regel loopt, zodat de vulling achter elke regel moet staan en niet alleen achter de eerste. '.repeat(2)}\nSlot.`;
    const bytes = await render({ blocks: [{ kind: 'paragraph', shading: 'D9D9D9', indents: { left: 36, right: 36 }, runs: [{ text }] }, { kind: 'paragraph', runs: [{ text: 'Daarna niet.' }] }] });
    const pdf = pdfs.save(bytes, 'paragraph.pdf');
    const words = pdfWords(pdf);
    const page = raster(pdf, 1);
    const body = words.filter((w) => w.text !== 'Daarna' && w.text !== 'niet.');
    const tops = [...new Set(body.map((w) => Math.round(w.yMin)))].toSorted((a, b) => a - b);
    expect(tops.length).toBeGreaterThanOrEqual(3);
    const left = Math.min(...body.map((w) => w.xMin));
    const right = Math.max(...body.map((w) => w.xMax));
    for (const w of body) {
      // Between the words and lines: the fill (the gap after each word, at the top of its box).
      expect(page.at(w.xMax + 1, w.yMin + 0.5), `after ${w.text}`).toSatisfy((c: [number, number, number]) => grey(c) || w.xMax + 1 > right);
    }
    // Left of the indent and right of the right indent: the paper.
    expect(page.at(left - 4, (tops[0] as number) + 4)).toSatisfy((c: [number, number, number]) => near(c, 'FFFFFF'));
    expect(page.at(right + 6, (tops[0] as number) + 4)).toSatisfy((c: [number, number, number]) => near(c, 'FFFFFF'));
    // The last line is short: the fill still goes on to the right indent.
    const last = body.filter((w) => Math.round(w.yMin) === tops[tops.length - 1]);
    const end = Math.max(...last.map((w) => w.xMax));
    expect(end).toBeLessThan(right - 40);
    expect(page.at(right - 3, (last[0] as PdfWord).yMin + 4)).toSatisfy(grey);
    // The next paragraph is not shaded.
    const after = words.find((w) => w.text === 'niet.') as PdfWord;
    expect(page.at(after.xMax + 5, (after.yMin + after.yMax) / 2)).toSatisfy((c: [number, number, number]) => near(c, 'FFFFFF'));
  });
});
