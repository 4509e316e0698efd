// Issue 14, the RTF and symbol-font files that fell short of LibreOffice's words (the fidelity
// bench): a footnote's own mark, nested list levels, nested tables read as tables in cells (and a
// malformed nesting that keeps its text), Wingdings 2 read as Wingdings 2, and a picture pandoc
// writes as hex after a count-less \bin. On the real files of the shared corpus, read in place:
// the reader's model first, then our PDF through poppler (text, and word positions where the
// layout is the point).
import { expect, it } from 'vitest';
import { Deadline } from '../../../utils/core/documents/convert/errors.ts';
import { convertToPdf, type ConversionNote } from '../../../utils/core/documents/convert/index.ts';
import type { Block, ListItem, Table, TableCell, TableRow } from '../../../utils/core/documents/convert/model.ts';
import { modelText } from '../../../utils/core/documents/convert/model.ts';
import { readRtf } from '../../../utils/core/documents/convert/rtf.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { type PdfWord, pdfScratch, pdfWords, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-rtf-fidelity-');

needSystemTools('pdftotext');

/** Our PDF of a corpus file, its path and the conversion notes. */
async function ours(name: string): Promise<{ path: string; notes: ConversionNote[] }> {
  const notes: ConversionNote[] = [];
  const type: DocType = name.endsWith('.docx') ? 'docx' : 'rtf';
  const path = pdfs.save(await convertToPdf(corpusFile(name), type, limits, notes), `${name}.pdf`);
  return { path, notes };
}

const text = (path: string): string => popplerText(path);

/** Every word poppler finds, with its left edge (points). */
function wordBoxes(path: string): Array<{ word: string; x: number; y: number }> {
  return pdfWords(path).map((w) => ({ word: w.text, x: w.xMin, y: w.yMin }));
}

const model = (name: string): Block[] => readRtf(corpusFile(name), new Deadline(10_000)).blocks;

describeCorpus('RTF against LibreOffice (shared corpus)', () => {
  it('pandoc-image.rtf: the JPEG written as hex after a count-less \\bin is drawn, not a placeholder (LibreOffice cannot open this file)', async () => {
    const images = model('pandoc-image.rtf').filter((b) => b.kind === 'image');
    expect(images).toHaveLength(1);
    const jpeg = images[0]?.kind === 'image' ? images[0].bytes : new Uint8Array();
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    const { path, notes } = await ours('pandoc-image.rtf');
    expect(notes.filter((n) => n.kind === 'picture-placeholder')).toEqual([]);
    expect(text(path)).not.toMatch(/afbeelding|picture/i);
  });

  it('pandoc-footnote.rtf: a note that writes its own mark ({\\up6\\chftn}) has its number there, with only the space the file gives ("1See", as LibreOffice prints it)', async () => {
    const { path } = await ours('pandoc-footnote.rtf');
    const t = text(path).replace(/\s+/g, ' ');
    expect(t).toContain('amply annotated.1 It was her work');
    expect(t).toContain('As others have noted,2 this period');
    // The notes after the body, in order, each number once.
    const body = t.indexOf('Margaret Mead.');
    expect(t.indexOf('1See Sahlins, Bateson, and Geertz for a complete bibliography.')).toBeGreaterThan(body);
    expect(t.indexOf('2A complete bibliography will be found at the end of this chapter.')).toBeGreaterThan(t.indexOf('1See Sahlins'));
    expect(t).not.toContain('1 1See');
  });

  it('pandoc-list_complex.rtf: every item at its own level (a marker group\'s \\pard does not reset the next item), markers and text at the file\'s \\li/\\fi', async () => {
    const items = model('pandoc-list_complex.rtf').filter((b): b is ListItem => b.kind === 'list-item');
    expect(items.map((i) => `${i.level}:${i.marker}`)).toEqual([
      '0:1.', '0:2.', '1:a.', '1:b.', '2:i.', '2:ii.', '3:A.', '3:B.', '4:I.', '4:II.', '5:o', '5:o', '0:7.', '0:8.',
    ]);
    // Level 1: \li1440\fi-360 (text 72 pt in, marker 54 pt); level 5: \li4500\fi-360.
    expect(items[2]).toMatchObject({ indent: 72, markerAt: 54 });
    expect(items[3]).toMatchObject({ indent: 72, markerAt: 54 });
    expect(items[10]).toMatchObject({ indent: 225, markerAt: 207 });

    // In the PDF: both items of a level start at the same place, each level further in, where
    // LibreOffice's PDF of the file has them (text of level n at the margin + \li: 108, 144, 180, 216, 243, 297 pt).
    const { path } = await ours('pandoc-list_complex.rtf');
    const boxes = wordBoxes(path);
    const xOf = (w: string): number => boxes.find((b) => b.word === w)?.x ?? Number.NaN;
    const left = xOf('Out');
    const pairs = [['One', 'Two'], ['Three', 'Four'], ['Five', 'Six'], ['Seven', 'Eight'], ['Nine', 'Ten'], ['Eleven', 'Twelve']] as const;
    const expected = [36, 72, 108, 144, 171, 225];
    pairs.forEach(([a, b], k) => {
      expect(Math.abs(xOf(a) - xOf(b)), `${a} / ${b}`).toBeLessThan(0.5);
      expect(Math.abs(xOf(a) - left - (expected[k] as number)), a).toBeLessThan(1);
    });
    expect(text(path).replace(/\s+/g, ' ')).toContain('Out of list! Start with 7. Seven Start 8. Eight Continue');
  });

  it('pandoc-table_nested.rtf: tables nested three deep (\\itap, \\nestcell, {\\*\\nesttableprops … \\nestrow}) are tables in cells, as in LibreOffice; the {\\nonesttables} fallback, which repeats them, is not printed', async () => {
    const blocks = model('pandoc-table_nested.rtf');
    expect(blocks.map((b) => b.kind)).toEqual(['table', 'paragraph']);
    const outer = blocks[0] as Table;
    // Level 1: one row, one 5000-twip cell holding the level-2 table, then "Outer after".
    expect(outer.rows).toHaveLength(1);
    expect(outer.width).toEqual({ pt: 250 });
    const outerCell = (outer.rows[0] as TableRow).cells;
    expect(outerCell).toHaveLength(1);
    expect(outerCell[0]?.blocks.map((b) => b.kind)).toEqual(['table', 'paragraph']);
    const second = outerCell[0]?.blocks[0] as Table;
    expect(second.width).toEqual({ pt: 200 });
    // Level 2: "Level two before", the level-3 table, "Level two after", in one cell.
    const secondCell = (second.rows[0] as TableRow).cells[0] as TableCell;
    expect(second.rows).toHaveLength(1);
    expect(secondCell.blocks.map((b) => (b.kind === 'table' ? 'table' : b.kind === 'image' ? 'image' : b.runs.map((r) => r.text).join('')))).toEqual(['Level two before', 'table', 'Level two after']);
    // Level 3: two rows of two 2000-twip cells (100 pt).
    const third = secondCell.blocks[1] as Table;
    expect(third.rows.map((r) => r.cells.map((c) => modelText({ blocks: c.blocks })))).toEqual([
      ['Deep A', 'Deep B'],
      ['Deep C', 'Deep D'],
    ]);
    expect(third.columnWidths).toEqual([2000, 2000]);
    // No \\trgaph, \\trpadd or \\clpad: RTF's cells have no padding (LibreOffice sets their text at the cell's edge).
    expect(third.padding).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });

    const { path } = await ours('pandoc-table_nested.rtf');
    // Poppler's reading of LibreOffice's PDF: the left column of every level, then the level-3
    // table's second column (read as a column of its own).
    expect(text(path).replace(/\s+/g, ' ').trim()).toBe('Level two before Deep A Deep C Level two after Outer after Outside table Deep B Deep D');
    expect(text(path)).not.toMatch(/FALLBACK|\|/);
    // Where LibreOffice puts the words (its PDF of the file, pdftotext -bbox; from the first word,
    // its page being Letter with 72 pt margins, ours A4): every level's text at the margin, the
    // second column 100 pt right of the first, one 13.8 pt line (Times New Roman 12 pt) after another.
    const lo: Array<[string, number, number]> = [
      ['Level', 72.1, 71.8],
      ['Deep', 72.1, 85.6],
      ['Deep', 172.1, 85.6],
      ['Deep', 72.1, 99.4],
      ['Deep', 172.1, 99.4],
      ['Level', 72.1, 113.2],
      ['Outer', 72.1, 127.0],
      ['Outside', 72.1, 140.8],
    ];
    const got = pdfWords(path).filter((w) => lo.some(([t]) => t === w.text)).toSorted((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    expect(got.map((w) => w.text)).toEqual(lo.map(([t]) => t));
    const [x0, y0] = [got[0]?.xMin ?? 0, got[0]?.yMin ?? 0];
    lo.forEach(([t, x, y], k) => {
      const w = got[k] as PdfWord;
      expect(Math.abs(w.xMin - x0 - (x - 72.1)), `${t} ${k} across`).toBeLessThan(1);
      expect(Math.abs(w.yMin - y0 - (y - 71.8)), `${t} ${k} down`).toBeLessThan(1);
    });
  });

  it('pandoc-table_nested_malformed_itap.rtf: a nesting level skipped (\\itap2 then \\itap5) keeps every text, once, in order, in the model and in the PDF', async () => {
    const blocks = model('pandoc-table_nested_malformed_itap.rtf');
    const t = modelText({ blocks }).replace(/\s+/g, ' ');
    const phrases = ['Parent before', 'Child at skipped level', 'Parent after', 'Outer cell'];
    for (const w of phrases) expect(t.split(w)).toHaveLength(2);
    expect(phrases.map((w) => t.indexOf(w))).toEqual(phrases.map((w) => t.indexOf(w)).toSorted((a, b) => a - b));
    // The child is inside the parent's cell, between its two paragraphs (the levels between them, never closed in the file, end there).
    const outer = blocks[0] as Table;
    const parent = outer.rows[0]?.cells[0]?.blocks[0] as Table;
    expect(parent.kind).toBe('table');
    const parentCell = parent.rows[0]?.cells[0] as TableCell;
    expect(parentCell.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(modelText({ blocks: [parentCell.blocks[1] as Table] })).toBe('Child at skipped level');

    const { path } = await ours('pandoc-table_nested_malformed_itap.rtf');
    const pdf = text(path).replace(/\s+/g, ' ');
    for (const w of phrases) expect(pdf.split(w), w).toHaveLength(2);
    expect(phrases.map((w) => pdf.indexOf(w))).toEqual(phrases.map((w) => pdf.indexOf(w)).toSorted((a, b) => a - b));
  });

  it('docx4j-Symbols.docx: a Wingdings 2 run shows Wingdings 2\'s pictures, not Wingdings\' (each row: code, then Webdings, Wingdings, Wingdings 2, Symbol)', async () => {
    const { path, notes } = await ours('docx4j-Symbols.docx');
    const t = text(path);
    // 0x6C: Wingdings' round bullet, Wingdings 2's circled 3, Symbol's lambda.
    expect(t).toContain('●③λ');
    // 0x52 / 0x54: Wingdings' sun and snowflake, Wingdings 2's ticked and crossed boxes.
    expect(t).toContain('☼☑Ρ');
    expect(t).toContain('❄☒Τ');
    // Wingdings' picture is not repeated in the Wingdings 2 column any more.
    expect(t).not.toContain('●●λ');
    // What no table knows (most of Webdings, Wingdings 2's pens and clocks) is a box, named in the notes.
    expect(notes.some((n) => /symbol-font character\(s\) with no known picture/.test(n.detail))).toBe(true);
  });
});
