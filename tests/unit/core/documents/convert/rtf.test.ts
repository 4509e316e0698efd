import { describe, expect, it } from 'vitest';
import { ConversionError, Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import { PAGE_FIELD, modelText } from '../../../../../utils/core/documents/convert/model.ts';
import type { Block, Table, TableCell } from '../../../../../utils/core/documents/convert/model.ts';
import { readRtf } from '../../../../../utils/core/documents/convert/rtf.ts';
import { makePng } from '../../../../helpers/fixtures.ts';
import { makeRtf } from '../../../../helpers/office-fixtures.ts';

const read = (rtf: string | Uint8Array) => readRtf(typeof rtf === 'string' ? new TextEncoder().encode(rtf) : rtf, new Deadline(10_000));

/** Each cell's text of a table's rows. */
const texts = (t: Table): string[][] => t.rows.map((r) => r.cells.map((c) => modelText({ blocks: c.blocks })));
/** The k-th table among `blocks`. */
function tableAt(blocks: Block[] | TableCell['blocks'], k = 0): Table {
  const t = blocks.filter((b) => b.kind === 'table')[k];
  expect(t?.kind).toBe('table');
  return t as Table;
}

describe('readRtf', () => {
  it('reads emphasis, code-page and unicode escapes, skipping metadata destinations', () => {
    const m = read(makeRtf());
    const text = modelText(m);
    expect(text).toContain('Rapportage cliënt C-1042');
    expect(text).toContain('Coördinator, reïntegratie, ĳzer en € 12,50 “citaat”.');
    expect(text).not.toMatch(/Arial|Geheim|Iemand|Handwerk|verborgen/);
    expect(m.blocks[0]).toMatchObject({ kind: 'paragraph', align: 'center', runs: [{ text: 'Rapportage cliënt C-1042', bold: true }] });
    const second = m.blocks[1];
    expect(second?.kind === 'paragraph' && second.runs.filter((r) => r.bold || r.italic || r.underline)).toEqual([
      // RTF's default size (no \fs): 12 pt; the default font (\deff0) by the font table.
      { text: 'vet', bold: true, size: 12, font: 'Arial' },
      { text: 'cursief', italic: true, size: 12, font: 'Arial' },
      { text: 'onderstreept', underline: true, size: 12, font: 'Arial' },
    ]);
  });

  it('reads a picture\'s hex digits after a \\bin with no count (which carries no bytes), as pandoc writes it', () => {
    const png = makePng(4, 3);
    const hex = [...png].map((b) => b.toString(16).padStart(2, '0')).join('');
    const m = read(`{\\rtf1\\ansi {\\pard {\\pict\\pngblip\\picw4\\pich3\\picwgoal600\\pichgoal450 \\bin ${hex}}\\par}}`);
    const image = m.blocks.find((b) => b.kind === 'image');
    expect(image).toMatchObject({ kind: 'image', format: 'png' });
    expect(image?.kind === 'image' && [...image.bytes]).toEqual([...png]);
  });

  it('sets text of a file with no font table in Times New Roman, as Word and LibreOffice do, and leaves a font table\'s missing entry alone', () => {
    const bare = read(String.raw`{\rtf1\ansi Plain\par}`);
    expect(bare.blocks[0]).toMatchObject({ kind: 'paragraph', runs: [{ text: 'Plain', font: 'Times New Roman', size: 12 }] });
    expect(bare.lineEm).toBeDefined();
    const listed = read(String.raw`{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f3 Other\par}`);
    const run = listed.blocks[0]?.kind === 'paragraph' ? listed.blocks[0].runs[0] : undefined;
    expect(run?.text).toBe('Other');
    expect(run?.font).toBeUndefined();
  });

  it('reads unescaped bytes above 127 in the document code page, not as Latin-1 control characters', () => {
    const head = new TextEncoder().encode('{\\rtf1\\ansi\\ansicpg1252 Bedrag ');
    const tail = new TextEncoder().encode('\\par}');
    // 0x80 is € and 0x93/0x94 are curly quotes in Windows-1252 (C1 controls in Latin-1); 0xEB is ë.
    const bytes = new Uint8Array([...head, 0x80, 0x20, 0x31, 0x32, 0x20, 0x93, 0x63, 0x6f, 0xeb, 0x94, ...tail]);
    expect(modelText(read(bytes))).toBe('Bedrag € 12 “coë”');
  });

  it('builds table rows, keeps the PNG picture, skips the WMF fallback and breaks the page', () => {
    const m = read(makeRtf());
    const table = m.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r.cells.map((c) => modelText({ blocks: c.blocks })))).toEqual([
      ['Datum', 'Resultaat'],
      ['12-10-2026', 'Naïeve vraag'],
    ]);
    expect(m.blocks.filter((b) => b.kind === 'image')).toHaveLength(1);
    expect(m.blocks.map((b) => b.kind).slice(-2)).toEqual(['page-break', 'paragraph']);
    expect(modelText(m).endsWith('Laatste pagina, „slot”.')).toBe(true);
  });

  it('reads a nested row (\\itap2, \\nestcell, {\\*\\nesttableprops … \\nestrow}) as a table inside the outer cell, between that cell\'s paragraphs, with its own widths', () => {
    const m = read(String.raw`{\rtf1\ansi\trowd\trgaph0\cellx6000\cellx9000
\pard\intbl Voor\par
\pard\intbl\itap2 a1\nestcell a2\nestcell{\*\nesttableprops\trowd\trgaph0\cellx1000\cellx4000\nestrow}{\nonesttables a1 a2\par}
\pard\intbl\itap2 b1\nestcell b2\nestcell{\*\nesttableprops\trowd\trgaph0\cellx1000\cellx4000\nestrow}{\nonesttables b1 b2\par}
\pard\intbl\itap1 Na\cell Rechts\cell\row\pard Buiten\par}`);
    expect(m.blocks.map((b) => b.kind)).toEqual(['table', 'paragraph']);
    const outer = tableAt(m.blocks);
    expect(outer.rows).toHaveLength(1);
    expect(outer.columnWidths).toEqual([6000, 3000]);
    const first = outer.rows[0]?.cells[0] as TableCell;
    expect(first.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const inner = tableAt(first.blocks);
    expect(texts(inner)).toEqual([['a1', 'a2'], ['b1', 'b2']]);
    expect(inner.columnWidths).toEqual([1000, 3000]);
    expect(inner.width).toEqual({ pt: 200 });
    expect(modelText({ blocks: outer.rows[0]?.cells[1]?.blocks ?? [] })).toBe('Rechts');
    // The {\nonesttables} copy is not read; the outer row's \cellx are not the nested row's.
    expect(modelText(m)).not.toMatch(/a1 a2|b1 b2/);
    expect(modelText(m).split('\n')).toEqual(['Voor', 'a1', 'a2', 'b1', 'b2', 'Na', 'Rechts', 'Buiten']);
  });

  it('nests three deep: a table in a nested table\'s cell', () => {
    const m = read(String.raw`{\rtf1\trowd\cellx8000
\pard\intbl\itap3 diep\nestcell{\*\nesttableprops\trowd\cellx2000\nestrow}
\pard\intbl\itap2 midden\nestcell{\*\nesttableprops\trowd\cellx5000\nestrow}
\pard\intbl\itap1 boven\cell\row}`);
    const one = tableAt(m.blocks);
    const two = tableAt(one.rows[0]?.cells[0]?.blocks ?? []);
    const three = tableAt(two.rows[0]?.cells[0]?.blocks ?? []);
    expect(texts(three)).toEqual([['diep']]);
    expect(modelText({ blocks: two.rows[0]?.cells[0]?.blocks ?? [] }).split('\n')).toEqual(['diep', 'midden']);
    expect(modelText({ blocks: one.rows[0]?.cells[0]?.blocks ?? [] }).split('\n')).toEqual(['diep', 'midden', 'boven']);
  });

  it('reads cell padding: \\trgaph on the left and right, \\trpadd* (with \\trpaddf*3) over it, a cell\'s \\clpad* (Word\'s \\clpadt is the left, \\clpadl the top), none when the row sets none', () => {
    const m = read(String.raw`{\rtf1\trowd\trgaph108\trleft-108\trpaddt40\trpaddft3\trpaddb60\trpaddfb3\clpadt200\clpadft3\clpadl20\clpadfl3\clpadr0\clpadfr0\cellx3000\cellx6000
\pard\intbl a\cell b\cell\row\pard x\par
\trowd\cellx3000\pard\intbl c\cell\row}`);
    const [padded, bare] = [tableAt(m.blocks), tableAt(m.blocks, 1)];
    expect(padded.padding).toEqual({ top: 2, right: 5.4, bottom: 3, left: 5.4 });
    // \clpadfr0: no value; the cell's left (\clpadt) and top (\clpadl).
    expect(padded.rows[0]?.cells[0]?.padding).toEqual({ top: 1, left: 10 });
    expect(padded.rows[0]?.cells[1]?.padding).toBeUndefined();
    // \trleft: the first cell from there to its \cellx; the table's edge, as LibreOffice places
    // it, a row padding (here \trgaph's) further left. LibreOffice's own \trleft-108 with
    // \trpaddl0 and the padding in the cells (\clpadt108) has its edge at -5.4 pt, its text at the margin.
    expect(padded.indent).toBeCloseTo(-10.8, 6);
    expect(padded.columnWidths).toEqual([3108, 3000]);
    const own = tableAt(read(String.raw`{\rtf1\trowd\trleft-108\trpaddfl3\trpaddl0\clpadft3\clpadt108\cellx3000\pard\intbl a\cell\row}`).blocks);
    expect(own.indent).toBeCloseTo(-5.4, 6);
    expect(own.rows[0]?.cells[0]?.padding).toEqual({ left: 5.4 });
    expect(bare.padding).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
    expect(bare.indent).toBeUndefined();
  });

  it('reads merges down (\\clvmgf/\\clvmrg) and across (\\clmgf/\\clmrg), vertical alignment, header rows, row height and alignment', () => {
    const m = read(String.raw`{\rtf1
\trowd\trhdr\trqc\trrh400\clvmgf\clvertalc\cellx2000\clmgf\cellx4000\clmrg\cellx6000\pard\intbl Links\cell Kop\cell\cell\row
\trowd\trrh-300\clvmrg\cellx2000\clvertalb\cellx4000\cellx6000\pard\intbl\cell m1\cell m2\cell\row
\trowd\clvmrg\cellx2000\cellx4000\cellx6000\pard\intbl\cell n1\cell n2\cell\row
\trowd\cellx2000\cellx4000\cellx6000\pard\intbl o0\cell o1\cell o2\cell\row}`);
    const t = tableAt(m.blocks);
    expect(t.headerRows).toBe(1);
    expect(t.align).toBe('center');
    expect(t.columnWidths).toEqual([2000, 2000, 2000]);
    const [r0, r1, r2, r3] = t.rows;
    // Across: "Kop" spans the two columns its \clmrg neighbour gave up.
    expect(r0?.cells.map((c) => c.colSpan ?? 1)).toEqual([1, 2]);
    expect(r0?.cells[0]).toMatchObject({ rowSpan: 3, vAlign: 'center' });
    expect(r0?.height).toEqual({ rule: 'atLeast', value: 20 });
    expect(r1?.height).toEqual({ rule: 'exact', value: 15 });
    expect(r1?.cells[0]?.covered).toBe(true);
    expect(r1?.cells[1]?.vAlign).toBe('bottom');
    expect(r2?.cells[0]?.covered).toBe(true);
    expect(r3?.cells.some((c) => c.covered || c.rowSpan)).toBe(false);
    expect(texts(t)).toEqual([['Links', 'Kop'], ['', 'm1', 'm2'], ['', 'n1', 'n2'], ['o0', 'o1', 'o2']]);
  });

  it('keeps the text of a merged-away cell in the cell that takes its place', () => {
    const m = read(String.raw`{\rtf1\trowd\clvmgf\cellx2000\clmgf\cellx4000\clmrg\cellx6000\pard\intbl a\cell b\cell c\cell\row
\trowd\clvmrg\cellx2000\cellx4000\cellx6000\pard\intbl d\cell e\cell f\cell\row}`);
    const t = tableAt(m.blocks);
    expect(texts(t)).toEqual([['a\nd', 'b\nc'], ['', 'e', 'f']]);
  });

  it('gives rows with different cell edges one grid: a cell spans the columns between its edges', () => {
    const m = read(String.raw`{\rtf1\trowd\cellx3000\cellx6000\pard\intbl a\cell b\cell\row
\trowd\cellx1000\cellx3000\cellx6000\pard\intbl c\cell d\cell e\cell\row}`);
    const t = tableAt(m.blocks);
    expect(t.columnWidths).toEqual([1000, 2000, 3000]);
    expect(t.rows.map((r) => r.cells.map((c) => c.colSpan ?? 1))).toEqual([[2, 1], [1, 1, 1]]);
    expect(t.width).toEqual({ pt: 300 });
  });

  it('reads a percentage or twips table width (\\trftsWidth2 / 3 with \\trwWidth)', () => {
    expect(tableAt(read(String.raw`{\rtf1\trowd\trftsWidth2\trwWidth2500\cellx3000\pard\intbl a\cell\row}`).blocks).width).toEqual({ share: 0.5 });
    expect(tableAt(read(String.raw`{\rtf1\trowd\trftsWidth3\trwWidth4000\cellx3000\pard\intbl a\cell\row}`).blocks).width).toEqual({ pt: 200 });
  });

  it('never loses text to malformed nesting: a skipped level, no \\nestrow, \\nestcell without \\itap or \\nesttableprops, \\cell deep inside, no closing \\row', () => {
    const cases: Array<[string, string[]]> = [
      // \itap jumps from 1 to 4: the levels between are one-cell tables.
      [String.raw`{\rtf1\trowd\cellx5000\pard\intbl\itap4 diep\nestcell{\*\nesttableprops\trowd\cellx1000\nestrow}\pard\intbl\itap1 boven\cell\row}`, ['diep', 'boven']],
      // Nested cells whose row is never ended: they end with the outer cell.
      [String.raw`{\rtf1\trowd\cellx5000\pard\intbl\itap2 x1\nestcell x2\nestcell\pard\intbl\itap1 boven\cell\row}`, ['x1', 'x2', 'boven']],
      // \nestcell in a plain \intbl paragraph (no \itap), and a \nestrow outside any group.
      [String.raw`{\rtf1\trowd\cellx5000\pard\intbl y1\nestcell y2\nestcell\nestrow\pard\intbl z\cell\row}`, ['y1', 'y2', 'z']],
      // \nestcell outside any table, then plain text.
      [String.raw`{\rtf1 los\nestcell ook\nestcell\pard daarna\par}`, ['los', 'ook', 'daarna']],
      // \cell and \row at \itap3: the nested levels end inside the top-level cell.
      [String.raw`{\rtf1\trowd\cellx5000\pard\intbl\itap3 drie\cell\row\pard na\par}`, ['drie', 'na']],
      // No \row, no \nestrow, no closing brace.
      [String.raw`{\rtf1\trowd\cellx5000\pard\intbl a\cell\pard\intbl\itap2 b\nestcell c`, ['a', 'b', 'c']],
      // A \nestrow without cells and \itap values out of range.
      [String.raw`{\rtf1{\*\nesttableprops\trowd\cellx10\nestrow}\pard\intbl\itap-3 p\cell\row\pard\intbl\itap999 q\nestcell{\*\nesttableprops\nestrow}}`, ['p', 'q']],
    ];
    for (const [rtf, words] of cases) {
      const text = modelText(read(rtf)).split('\n').filter((l) => l.trim());
      expect(text, rtf).toEqual(words);
    }
  });

  it('reads a thousand nested cells and deep \\itap quickly (no hang)', () => {
    const cells = Array.from({ length: 1000 }, (_, k) => String.raw`\pard\intbl\itap${(k % 12) + 1} c${k}\nestcell{\*\nesttableprops\trowd\cellx${100 + k}\nestrow}`).join('\n');
    const started = performance.now();
    const m = read(String.raw`{\rtf1\trowd\cellx9000 ${cells}\pard\intbl\itap1 end\cell\row}`);
    expect(performance.now() - started).toBeLessThan(2000);
    const text = modelText(m);
    for (const k of [0, 1, 11, 500, 999]) expect(text).toContain(`c${k}\n`);
    expect(text.endsWith('end')).toBe(true);
  });

  it('uses the list marker text, headings from outline levels and live page fields in the footer', () => {
    const m = read(String.raw`{\rtf1\ansi{\footer\pard Pagina {\field{\*\fldinst PAGE}{\fldrslt 7}}\par}\pard\outlinelevel0 Kop\par\pard{\listtext 1.\tab}\ls1 Eerste\par{\listtext \'b7\tab}\ls2 Punt\par}`);
    expect(m.blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
    expect(m.blocks[1]).toMatchObject({ kind: 'list-item', ordered: true, marker: '1.' });
    expect(m.blocks[2]).toMatchObject({ kind: 'list-item', ordered: false, marker: '•' });
    expect(modelText({ blocks: m.footer ?? [] })).toBe(`Pagina ${PAGE_FIELD}`);
  });

  it('keeps metafile pictures (named by their keyword) and refuses non-RTF input', () => {
    expect(read(String.raw`{\rtf1 a{\pict\wmetafile8 0100}}`).blocks).toContainEqual(expect.objectContaining({ kind: 'image', format: 'wmf' }));
    expect(read(String.raw`{\rtf1 a{\pict\emfblip 0100}}`).blocks).toContainEqual(expect.objectContaining({ kind: 'image', format: 'emf' }));
    expect(() => read('hello')).toThrow(ConversionError);
  });

  it('refuses absurd group nesting', () => {
    expect(() => read(`{\\rtf1 ${'{'.repeat(10_000)}x${'}'.repeat(10_000)}}`)).toThrow(/nested deeper/);
  });
});

describe('readRtf: table borders', () => {
  const COLORS = '{\\colortbl;\\red0\\green0\\blue0;\\red31\\green56\\blue100;}';
  const tableOf = (rows: string[], colors = COLORS) => {
    const t = read(`{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}${colors}\n${rows.join('\n')}\n\\pard Na\\par}`).blocks.find((b) => b.kind === 'table');
    if (t?.kind !== 'table') throw new Error('no table');
    return t;
  };
  const sides = (t: ReturnType<typeof tableOf>) => t.rows.map((r) => r.cells.map((c) => c.borders));

  it('reads each cell’s sides before its \\cellx: width in twips, colour from the colour table, \\brdrnone as none', () => {
    const t = tableOf([
      '\\trowd\\clbrdrt\\brdrs\\brdrw30\\brdrcf2\\clbrdrb\\brdrs\\brdrw10\\clbrdrl\\brdrnone\\cellx2000\\clbrdrb\\brdrdb\\brdrw10\\brdrcf1\\cellx4000\\pard\\intbl A\\cell B\\cell\\row',
    ]);
    expect(sides(t)).toEqual([
      [
        { top: { width: 1.5, color: '1F3864' }, bottom: { width: 0.5 }, left: null, right: null },
        // A double line: both lines and the gap, each \brdrw wide.
        { top: null, bottom: { width: 1.5, color: '000000', double: true }, left: null, right: null },
      ],
    ]);
  });

  it('takes the row’s \\trbrdr* for the sides its cells leave unset: outer sides on the edges, \\trbrdrh and \\trbrdrv inside', () => {
    const def = '\\trowd\\trbrdrt\\brdrs\\brdrw20\\trbrdrb\\brdrs\\brdrw40\\trbrdrh\\brdrs\\brdrw5\\trbrdrl\\brdrnone\\trbrdrv\\brdrs\\brdrw10';
    const t = tableOf([
      `${def}\\clbrdrr\\brdrnone\\cellx2000\\cellx4000\\pard\\intbl a\\cell b\\cell\\row`,
      `${def}\\cellx2000\\cellx4000\\pard\\intbl c\\cell d\\cell\\row`,
    ]);
    const [[a, b], [c, d]] = sides(t) as [[unknown, unknown], [unknown, unknown]];
    expect(a).toEqual({ top: { width: 1 }, bottom: { width: 0.25 }, left: null, right: null });
    expect(b).toEqual({ top: { width: 1 }, bottom: { width: 0.25 }, left: { width: 0.5 }, right: null });
    expect(c).toEqual({ top: { width: 0.25 }, bottom: { width: 2 }, left: null, right: { width: 0.5 } });
    expect(d).toMatchObject({ bottom: { width: 2 } });
  });

  it('keeps paragraph and page borders out of the cells, and a new \\trowd without borders has none', () => {
    const t = tableOf([
      '\\trowd\\clbrdrb\\brdrs\\brdrw10\\cellx2000\\pard\\intbl\\brdrt\\brdrs\\brdrw60 a\\cell\\row',
      '\\trowd\\cellx2000\\pard\\intbl b\\cell\\row',
    ]);
    expect(sides(t)).toEqual([[{ top: null, bottom: { width: 0.5 }, left: null, right: null }], [{ top: null, bottom: null, left: null, right: null }]]);
  });

  it('survives malformed border words: no width, a colour not in the table, a negative width, no colour table', () => {
    const t = tableOf(['\\trowd\\clbrdrt\\brdrs\\clbrdrb\\brdrs\\brdrw-20\\clbrdrl\\brdrs\\brdrw10\\brdrcf99\\clbrdrr\\brdrw99999\\cellx2000\\pard\\intbl a\\cell\\row'], '');
    // \brdrs alone: Word's half point; a negative width: none; an unknown colour: black; a huge width: capped.
    expect(sides(t)).toEqual([[{ top: { width: 0.5 }, bottom: null, left: { width: 0.5 }, right: { width: 12 } }]]);
  });
});

/** The first paragraph's runs as [text, colour, highlight]. */
function colourRuns(rtf: string): Array<[string, string | undefined, string | undefined]> {
  const b = read(rtf).blocks[0];
  return b?.kind === 'paragraph' ? b.runs.map((r) => [r.text, r.color, r.highlight]) : [];
}

describe('readRtf colours', () => {
  const table = String.raw`{\colortbl;\red255\green0\blue0;\red255\green255\blue0;\red31\green56\blue100;\red300\green0\blue0;}`;

  it('reads \\cf, \\highlight and \\chcbpat by the colour table; index 0 and \\plain back to the defaults', () => {
    expect(colourRuns(String.raw`{\rtf1\ansi${table}\pard gewoon {\cf1 rood} {\highlight2 geel} {\chcbpat3 blauw} {\cf1\highlight2\chcbpat3 alles} {\cf1 a\cf0 b} {\cf1\highlight2 c\plain d}\par}`)).toEqual([
      ['gewoon ', undefined, undefined],
      ['rood', 'FF0000', undefined],
      [' ', undefined, undefined],
      ['geel', undefined, 'FFFF00'],
      [' ', undefined, undefined],
      ['blauw', undefined, '1F3864'],
      [' ', undefined, undefined],
      // A highlight over the character shading.
      ['alles', 'FF0000', 'FFFF00'],
      [' ', undefined, undefined],
      ['a', 'FF0000', undefined],
      ['b ', undefined, undefined],
      ['c', 'FF0000', 'FFFF00'],
      ['d', undefined, undefined],
    ]);
  });

  it('a colour after the group ends is the one before it; a style\'s \\cf applies to its paragraphs', () => {
    expect(colourRuns(String.raw`{\rtf1\ansi${table}{\stylesheet{\s1\cf1 Rood;}}\pard\s1 stijl {\cf2 eigen} weer\par}`)).toEqual([
      ['stijl ', 'FF0000', undefined],
      ['eigen', 'FFFF00', undefined],
      [' weer', 'FF0000', undefined],
    ]);
  });

  it('ignores what the colour table does not hold: an index past its end, a negative one, an out-of-range entry, no table at all', () => {
    expect(colourRuns(String.raw`{\rtf1\ansi${table}\pard {\cf4 te groot} {\cf9 voorbij} {\cf-1 negatief} {\highlight77 ver}\par}`).every(([, c, h]) => c === undefined && h === undefined)).toBe(true);
    expect(colourRuns(String.raw`{\rtf1\ansi\pard {\cf1 geen tabel}\par}`)).toEqual([['geen tabel', undefined, undefined]]);
    // The colour table's text is not the document's.
    expect(read(String.raw`{\rtf1\ansi${table}\pard x\par}`).blocks.map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''))).toEqual(['x']);
  });
});

describe('readRtf: cell shading', () => {
  const table = String.raw`{\colortbl;\red255\green204\blue0;\red0\green0\blue255;\red31\green78\blue121;}`;

  it('reads \\clcbpat as the fill, \\clshdng hundredths of a percent of \\clcfpat (black when automatic) over it, nothing for no fill', () => {
    const rtf = String.raw`{\rtf1\ansi${table}\trowd\clcbpat1\cellx2000\clcbpat3\cellx4000\clcbpat1\clcfpat2\clshdng2500\cellx6000\clshdng1000\cellx8000\cellx10000\clcbpat0\cellx12000\clcbpat9\cellx14000
\pard\intbl geel\cell blauw\cell mix\cell tien\cell geen\cell auto\cell ver\cell\row}`;
    const t = tableAt(read(rtf).blocks);
    expect(t.rows[0]?.cells.map((c) => c.shading)).toEqual([
      'FFCC00',
      '1F4E79',
      // 25 % of 0000FF over FFCC00: (0·250 + 255·750)/1000, (0·250 + 204·750)/1000, (255·250 + 0·750)/1000.
      'BF993F',
      // 10 % black over no fill (white).
      'E5E5E5',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('readRtf: borders of a cell merged down', () => {
  it('gives the merged cell the foot of the last row it covers', () => {
    const rtf = [
      '{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}',
      '\\trowd\\clvmgf\\clbrdrt\\brdrs\\brdrw10\\clbrdrb\\brdrnone\\cellx2000\\clbrdrb\\brdrs\\brdrw10\\cellx4000\\pard\\intbl a\\cell b\\cell\\row',
      '\\trowd\\clvmrg\\clbrdrb\\brdrs\\brdrw40\\cellx2000\\clbrdrb\\brdrs\\brdrw10\\cellx4000\\pard\\intbl\\cell c\\cell\\row',
      '\\pard Na\\par}',
    ].join('\n');
    const t = read(rtf).blocks.find((b) => b.kind === 'table');
    if (t?.kind !== 'table') throw new Error('no table');
    const [merged, covered] = [t.rows[0]?.cells[0], t.rows[1]?.cells[0]];
    expect(merged?.rowSpan).toBe(2);
    expect(covered?.covered).toBe(true);
    expect(merged?.borders).toEqual({ top: { width: 0.5 }, bottom: { width: 2 }, left: null, right: null });
  });
});
