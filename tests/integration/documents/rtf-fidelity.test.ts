// Issue 14, the RTF and symbol-font files that fell short of LibreOffice's words (the fidelity
// bench): a footnote's own mark, nested list levels, nested tables with their fallback text,
// Wingdings 2 read as Wingdings 2, and a picture pandoc writes as hex after a count-less \bin.
// On the real files of the shared corpus, read in place: the reader's model first, then our PDF
// through poppler (text, and word positions where the layout is the point).
import { expect, it } from 'vitest';
import { Deadline } from '../../../utils/core/documents/convert/errors.ts';
import { convertToPdf, type ConversionNote } from '../../../utils/core/documents/convert/index.ts';
import type { Block, ListItem } from '../../../utils/core/documents/convert/model.ts';
import { modelText } from '../../../utils/core/documents/convert/model.ts';
import { readRtf } from '../../../utils/core/documents/convert/rtf.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, pdfWords, popplerText } from '../../helpers/pdf-words.ts';
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

  it('pandoc-table_nested.rtf: a nested row is one line of its cells; the {\\nonesttables} fallback, which repeats them, is not printed', async () => {
    const cell = model('pandoc-table_nested.rtf').find((b) => b.kind === 'table');
    expect(cell?.kind).toBe('table');
    const lines = cell?.kind === 'table' ? cell.rows.flatMap((r) => r.cells.flatMap((c) => c.blocks.map((b) => (b.kind === 'image' || b.kind === 'table' ? '' : b.runs.map((x) => x.text).join(''))))) : [];
    expect(lines).toEqual(['Level two before', 'Deep A | Deep B', 'Deep C | Deep D', 'Level two after', 'Outer after']);
    const { path } = await ours('pandoc-table_nested.rtf');
    const t = text(path).replace(/\s+/g, ' ');
    expect(t).not.toMatch(/FALLBACK/);
    expect(t).toContain('Level two before Deep A | Deep B Deep C | Deep D Level two after Outer after Outside table');
  });

  it('pandoc-table_nested_malformed_itap.rtf: a nesting level skipped keeps every text, once, in order', () => {
    const t = modelText({ blocks: model('pandoc-table_nested_malformed_itap.rtf') }).replace(/\s+/g, ' ');
    for (const w of ['Parent before', 'Child at skipped level', 'Parent after', 'Outer cell']) expect(t.split(w)).toHaveLength(2);
    expect(t.indexOf('Parent before')).toBeLessThan(t.indexOf('Child at skipped level'));
    expect(t.indexOf('Parent after')).toBeLessThan(t.indexOf('Outer cell'));
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
