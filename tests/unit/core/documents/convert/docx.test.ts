import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../../../utils/core/documents/convert/docx.ts';
import { ConversionError, Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import { PAGE_FIELD, PAGES_FIELD, modelText } from '../../../../../utils/core/documents/convert/model.ts';
import type { Block, Run } from '../../../../../utils/core/documents/convert/model.ts';
import type { AnalysisLimits } from '../../../../../utils/core/documents/types.ts';
import { blockXml, dutchReportBlocks, makeDocx, makeDocxPart, nestedXmlDocx, zipBombDocx } from '../../../../helpers/office-fixtures.ts';

const LIMITS: AnalysisLimits = { maxBytes: 25e6, maxDecompressedBytes: 20e6, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };
const read = (bytes: Uint8Array, limits = LIMITS) => readDocx(bytes, limits, new Deadline(limits.timeoutMs));

function headingXml(n: number, t: string): string {
  return `<w:p><w:pPr><w:pStyle w:val="H${n}"/></w:pPr><w:r><w:t>${t}</w:t></w:r></w:p>`;
}

function refusal(f: () => unknown): ConversionError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConversionError) return e;
    throw e;
  }
  throw new Error('expected a ConversionError');
}

describe('readDocx', () => {
  it('maps headings, emphasis runs and alignment', () => {
    const m = read(makeDocx([
      { h: 1, text: 'Titel' },
      { h: 3, text: 'Sub' },
      { p: ['Gewoon ', { text: 'vet', b: true }, ' ', { text: 'schuin', i: true }, ' ', { text: 'onder', u: true }], align: 'center' },
    ]));
    expect(m.blocks[0]).toMatchObject({ kind: 'heading', level: 1, runs: [{ text: 'Titel', bold: true }] });
    expect(m.blocks[1]).toMatchObject({ kind: 'heading', level: 3 });
    expect(m.blocks[2]).toEqual({
      kind: 'paragraph',
      align: 'center',
      runs: [{ text: 'Gewoon ' }, { text: 'vet', bold: true }, { text: ' ' }, { text: 'schuin', italic: true }, { text: ' ' }, { text: 'onder', underline: true }],
      // Word's own spacing where the file sets none (this one has no docDefaults).
      spacing: { before: 0, after: 0 },
      // Widow/orphan control: on when nothing in the style hierarchy switches it off.
      breaking: { widows: 2, orphans: 2 },
    });
  });

  it('tells bulleted from numbered lists and numbers nested levels', () => {
    const m = read(makeDocx([
      { bullet: 'a' },
      { bullet: 'b', level: 1 },
      { number: 'een' },
      { number: 'twee' },
      { number: 'sub', level: 1 },
      { number: 'sub2', level: 1 },
      { number: 'drie' },
      { number: 'sub3', level: 1 },
    ]));
    const items = m.blocks.filter((b): b is Extract<Block, { kind: 'list-item' }> => b.kind === 'list-item');
    expect(items.map((i) => [i.ordered, i.level, i.marker])).toEqual([
      [false, 0, '\uf0b7'], // the Symbol-font bullet, drawn as • by the renderer
      [false, 1, 'o'],
      [true, 0, '1.'],
      [true, 0, '2.'],
      [true, 1, 'a)'],
      [true, 1, 'b)'],
      [true, 0, '3.'],
      [true, 1, 'a)'], // a deeper level restarts under a new parent item
    ]);
  });

  it('reads a bordered table, an image with its size, a page break, header and footer fields', () => {
    const m = read(makeDocx([{ table: [['A', 'B'], ['1', '2']] }, { image: true }, { pageBreak: true }, { p: ['Na'] }], { header: 'Kop', footer: 'Pagina' }));
    const table = m.blocks[0];
    expect(table?.kind).toBe('table');
    if (table?.kind === 'table') {
      expect(table.borders).toBe(true);
      expect(table.rows.map((r) => r.cells.map((c) => modelText({ blocks: c.blocks })))).toEqual([['A', 'B'], ['1', '2']]);
      expect(table.columnWidths).toEqual([2600, 3200]);
    }
    // A wp:inline picture stands in its paragraph's line, as a character.
    expect(m.blocks[1]).toMatchObject({ kind: 'paragraph', runs: [{ text: '', picture: { image: { kind: 'image', format: 'png', width: 180, height: 90 } } }] });
    expect(m.blocks[2]).toEqual({ kind: 'page-break' });
    expect(modelText({ blocks: m.sections?.[0]?.header ?? [] })).toBe('Kop');
    expect(modelText({ blocks: m.sections?.[0]?.footer ?? [] })).toBe(`Pagina ${PAGE_FIELD} van ${PAGES_FIELD}`);
  });

  it('keeps every paragraph of the 20-page report in order', () => {
    const m = read(makeDocx(dutchReportBlocks(22)));
    const text = modelText(m);
    let last = -1;
    for (let s = 1; s <= 22; s++) {
      for (const part of ['A', 'B', 'C', 'D']) {
        const at = text.indexOf(`Sectie ${s} alinea ${part}.`);
        expect(at, `Sectie ${s} alinea ${part}`).toBeGreaterThan(last);
        last = at;
      }
    }
  });

  it('takes the header from an earlier section when the next one inherits it; the section break begins section 1', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const xml = `<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body><w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/></w:sectPr></w:pPr><w:r><w:t>Deel 1</w:t></w:r></w:p><w:p><w:r><w:t>Deel 2</w:t></w:r></w:p><w:sectPr/></w:body></w:document>`;
    const m = read(makeDocx([], { header: 'Kop', override: { 'word/document.xml': xml } }));
    expect(m.sections?.map((f) => modelText({ blocks: f.header ?? [] }))).toEqual(['Kop', 'Kop']);
    expect(m.blocks.map((b) => b.kind)).toEqual(['paragraph', 'page-break', 'paragraph']);
    expect(m.blocks[1]).toEqual({ kind: 'page-break', section: 1 });
  });

  it('walks through bidi containers (w:dir, w:bdo), and prints a ruby\'s base and reading and a w:pgNum page number', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:dir w:val="rtl"><w:r><w:t>שלום </w:t></w:r></w:dir><w:bdo w:val="ltr"><w:r><w:t>klant </w:t></w:r></w:bdo><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>とうきょう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>東京</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t xml:space="preserve"> pagina </w:t><w:pgNum/></w:r></w:p></w:body></w:document>`;
    expect(modelText(read(makeDocx([], { override: { 'word/document.xml': xml } })))).toBe(`שלום klant 東京とうきょう pagina ${PAGE_FIELD}`);
  });

  it('walks through hyperlinks, content controls and tracked insertions but drops deletions and hidden text', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:hyperlink><w:r><w:t>link </w:t></w:r></w:hyperlink><w:sdt><w:sdtContent><w:r><w:t>veld </w:t></w:r></w:sdtContent></w:sdt><w:ins><w:r><w:t>nieuw</w:t></w:r></w:ins><w:del><w:r><w:delText>oud</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>verborgen</w:t></w:r></w:p></w:body></w:document>`;
    expect(modelText(read(makeDocx([], { override: { 'word/document.xml': xml } })))).toBe('link veld nieuw');
  });

  it('keeps a picture inside a table cell (a signature or logo), and a nested table as a table', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const inner = `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;
    const xml = `<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Handtekening</w:t></w:r></w:p></w:tc><w:tc>${blockXml({ image: true })}${inner}<w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`;
    const m = read(makeDocx([], { override: { 'word/document.xml': xml } }));
    const table = m.blocks[0];
    expect(table?.kind).toBe('table');
    if (table?.kind === 'table') {
      expect(table.rows[0]?.cells[1]?.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
      expect(table.rows[0]?.cells[1]?.blocks[0]).toMatchObject({ runs: [{ picture: { image: { kind: 'image', format: 'png' } } }] });
      const nested = table.rows[0]?.cells[1]?.blocks[1];
      expect(nested?.kind === 'table' ? nested.rows.map((r) => r.cells.map((c) => modelText({ blocks: c.blocks }))) : []).toEqual([['x', 'y']]);
    }
  });

  it('finds styles and numbering through the relationships, not by file name', () => {
    const bytes = makeDocx([{ h: 2, text: 'Kop' }, { number: 'een' }], {
      override: {
        'word/styles.xml': null,
        'word/numbering.xml': null,
        'word/stijlen.xml': makeDocxPart('styles'),
        'word/nummering.xml': makeDocxPart('numbering'),
        'word/_rels/document.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="stijlen.xml"/><Relationship Id="n" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="/word/nummering.xml"/></Relationships>`,
      },
    });
    const m = read(bytes);
    expect(m.blocks[0]).toMatchObject({ kind: 'heading', level: 2 });
    expect(m.blocks[1]).toMatchObject({ kind: 'list-item', ordered: true, marker: '1.' });
  });

  it('puts the chapter number of numbered headings into their text', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const styles = `<w:styles xmlns:w="${W}">${[1, 2].map((n) => `<w:style w:type="paragraph" w:styleId="H${n}"><w:name w:val="heading ${n}"/><w:pPr><w:numPr><w:ilvl w:val="${n - 1}"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>`).join('')}</w:styles>`;
    const numbering = `<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>`;
    const xml = `<w:document xmlns:w="${W}"><w:body>${headingXml(1, 'Inleiding')}${headingXml(2, 'Vraagstelling')}${headingXml(2, 'Aanpak')}${headingXml(1, 'Bevindingen')}${headingXml(2, 'Werk')}</w:body></w:document>`;
    const m = read(makeDocx([], { override: { 'word/document.xml': xml, 'word/styles.xml': styles, 'word/numbering.xml': numbering } }));
    expect(m.blocks.map((b) => (b.kind === 'heading' ? `${b.level}:${modelText({ blocks: [b] })}` : b.kind))).toEqual([
      '1:1 Inleiding',
      '2:1.1 Vraagstelling',
      '2:1.2 Aanpak',
      '1:2 Bevindingen',
      '2:2.1 Werk',
    ]);
  });

  it('reads symbol-font characters as the pictures they show', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t xml:space="preserve"> akkoord</w:t></w:r></w:p></w:body></w:document>`;
    expect(modelText(read(makeDocx([], { override: { 'word/document.xml': xml } })))).toBe('✓ akkoord'); // mapped by the run's font (symbols.ts)
  });

  it('treats a damaged list level as the outer level', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val=" "/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>een</w:t></w:r></w:p></w:body></w:document>`;
    expect(read(makeDocx([], { override: { 'word/document.xml': xml } })).blocks[0]).toMatchObject({ kind: 'list-item', level: 0, marker: '1.' });
  });

  it('refuses a DOCX without its document part', () => {
    const e = refusal(() => read(makeDocx([{ p: ['x'] }], { override: { 'word/document.xml': null } })));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toContain('word/document.xml');
  });

  it('refuses malformed XML', () => {
    const e = refusal(() => read(makeDocx([], { override: { 'word/document.xml': '<w:document><w:body><w:p></w:body>' } })));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/malformed XML/);
  });

  it('refuses a zip bomb through the bounded zip reader', () => {
    const e = refusal(() => read(zipBombDocx(8 * 1024 * 1024), { ...LIMITS, maxDecompressedBytes: 4 * 1024 * 1024 }));
    expect(e.kind).toBe('zip-bomb');
  });

  it('refuses an XML nesting bomb', () => {
    const e = refusal(() => read(nestedXmlDocx()));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/nested deeper/);
  });

  it('keeps pictures of other formats for the renderer, whatever the part is called', () => {
    const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
    const m = read(makeDocx([{ image: true }], { override: { 'word/media/image1.png': gif } }));
    const para = m.blocks.find((b) => b.kind === 'paragraph' && b.runs.some((r) => r.picture));
    expect(para?.kind === 'paragraph' ? para.runs.find((r) => r.picture)?.picture?.image : undefined).toMatchObject({ kind: 'image', format: 'gif', name: 'word/media/image1.png' });
  });
});

const BORDERS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const tc = (text: string, tcPr = ''): string => `<w:tc><w:tcPr>${tcPr}</w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
/** The first table of a document holding only this table (two 100 pt columns), with these styles. */
function grid(tblPr: string, rows: string[][], styles?: string): Block {
  const W = BORDERS_W;
  const body = `<w:tbl><w:tblPr>${tblPr}</w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>${rows.map((r) => `<w:tr>${r.join('')}</w:tr>`).join('')}</w:tbl>`;
  const xml = `<w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const m = read(makeDocx([], { override: { 'word/document.xml': xml, ...(styles ? { 'word/styles.xml': `<w:styles xmlns:w="${W}">${styles}</w:styles>` } : {}) } }));
  const t = m.blocks[0];
  if (t?.kind !== 'table') throw new Error('no table');
  return t;
}
const cells = (t: Block) => (t.kind === 'table' ? t.rows.map((r) => r.cells.map((c) => c.borders)) : []);
const rule = (side: string, val: string, sz?: string, color?: string): string => `<w:${side} w:val="${val}"${sz !== undefined ? ` w:sz="${sz}"` : ''}${color !== undefined ? ` w:color="${color}"` : ''}/>`;

describe('readDocx: table and cell borders', () => {

  it('resolves w:tblBorders by each cell’s place: outer sides on the edge, insideH/insideV between cells', () => {
    // A booktabs-like table: rules above and below, a thin one between the rows, no verticals.
    const t = grid(`<w:tblBorders>${rule('top', 'single', '12', '1F3864')}${rule('bottom', 'single', '12')}${rule('insideH', 'single', '4', 'auto')}${rule('left', 'none')}${rule('insideV', 'nil')}</w:tblBorders>`, [
      [tc('a'), tc('b')],
      [tc('c'), tc('d')],
    ]);
    const [[a, b], [c, d]] = cells(t) as [[unknown, unknown], [unknown, unknown]];
    expect(a).toEqual({ top: { width: 1.5, color: '1F3864' }, bottom: { width: 0.5 }, left: null, right: null });
    expect(b).toEqual({ top: { width: 1.5, color: '1F3864' }, bottom: { width: 0.5 }, left: null, right: null });
    expect(c).toEqual({ top: { width: 0.5 }, bottom: { width: 1.5 }, left: null, right: null });
    expect(d).toMatchObject({ bottom: { width: 1.5 }, right: null });
  });

  it('lets w:tcBorders override the table’s sides one by one, and “nil” take a side away', () => {
    const t = grid(`<w:tblBorders>${rule('top', 'single', '4')}${rule('bottom', 'single', '4')}${rule('insideH', 'single', '4')}</w:tblBorders>`, [
      [tc('a', `<w:tcBorders>${rule('bottom', 'thick', '24', 'FF0000')}${rule('top', 'nil')}</w:tcBorders>`), tc('b', `<w:tcBorders>${rule('end', 'double', '4')}</w:tcBorders>`)],
    ]);
    const [[a, b]] = cells(t) as [[unknown, unknown]];
    expect(a).toEqual({ top: null, bottom: { width: 3, color: 'FF0000' }, left: null, right: null });
    // A double line: two lines and the gap, each w:sz wide.
    expect(b).toEqual({ top: { width: 0.5 }, bottom: { width: 0.5 }, left: null, right: { width: 1.5, double: true } });
  });

  it('takes the borders of the table’s style (w:tblStyle) where the table sets none, its own sides first', () => {
    const style = `<w:style w:type="table" w:styleId="Rules"><w:name w:val="Rules"/><w:tblPr><w:tblBorders>${rule('top', 'single', '8')}${rule('bottom', 'single', '8')}${rule('insideH', 'none')}${rule('insideV', 'single', '2')}</w:tblBorders></w:tblPr></w:style>`;
    const t = grid(`<w:tblStyle w:val="Rules"/><w:tblBorders>${rule('bottom', 'single', '16')}</w:tblBorders>`, [[tc('a'), tc('b')]], style);
    const [[a, b]] = cells(t) as [[unknown, unknown]];
    expect(a).toEqual({ top: { width: 1 }, bottom: { width: 2 }, left: null, right: { width: 0.25 } });
    expect(b).toEqual({ top: { width: 1 }, bottom: { width: 2 }, left: { width: 0.25 }, right: null });
  });

  it('leaves out malformed sizes and colours: no side where w:sz is not a number, black for a colour that is not hex', () => {
    const t = grid(`<w:tblBorders>${rule('top', 'single', 'wide')}${rule('bottom', 'single', '4', 'blue')}${rule('left', 'single', '-3')}${rule('right', 'single', '99999')}</w:tblBorders>`, [[tc('a')]]);
    const [[a]] = cells(t) as [[unknown]];
    // An unreadable side is as if unset (none); a huge one is capped; an absent w:sz is Word's 4 (half a point).
    expect(a).toEqual({ top: null, bottom: { width: 0.5 }, left: null, right: { width: 12 } });
    const u = grid(`<w:tblBorders>${rule('top', 'single')}</w:tblBorders>`, [[tc('a')]]);
    expect(cells(u)[0]?.[0]?.top).toEqual({ width: 0.5 });
  });

  it('gives a cell no borders when neither the table, its style nor the cell sets any', () => {
    const t = grid('', [[tc('a'), tc('b')]]);
    expect(cells(t)[0]).toEqual([
      { top: null, bottom: null, left: null, right: null },
      { top: null, bottom: null, left: null, right: null },
    ]);
    expect(t.kind === 'table' && t.borders).toBe(false);
  });
});

const W_MAIN = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The blocks of a document of `body`, with `styles` as its styles part when given. */
function colourDoc(body: string, styles?: string): Block[] {
  const override: Record<string, string> = { 'word/document.xml': `<w:document xmlns:w="${W_MAIN}"><w:body>${body}</w:body></w:document>` };
  if (styles) override['word/styles.xml'] = `<w:styles xmlns:w="${W_MAIN}">${styles}</w:styles>`;
  return read(makeDocx([], { override })).blocks;
}
const colourRun = (rPr: string, text: string): string => `<w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const runsOf = (b: Block | undefined): Run[] => (b?.kind === 'paragraph' || b?.kind === 'heading' ? b.runs : []);
const shadedCell = (shd: string, t: string): string => `<w:tc><w:tcPr>${shd}</w:tcPr><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;

describe('readDocx colours', () => {

  it('reads w:color, w:highlight and a run\'s w:shd fill; "auto" and "none" are the defaults, also over a style\'s', () => {
    const styles = `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="character" w:styleId="Rood"><w:name w:val="Rood"/><w:rPr><w:color w:val="C00000"/><w:highlight w:val="yellow"/></w:rPr></w:style>`;
    const [p] = colourDoc(`<w:p>${colourRun('<w:color w:val="ff0000"/>', 'rood ')}${colourRun('<w:highlight w:val="darkBlue"/>', 'gemarkeerd ')}${colourRun('<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>', 'gearceerd ')}${colourRun('<w:shd w:val="clear" w:fill="D9E2F3"/><w:highlight w:val="green"/>', 'beide ')}${colourRun('<w:rStyle w:val="Rood"/>', 'stijl ')}${colourRun('<w:rStyle w:val="Rood"/><w:color w:val="auto"/><w:highlight w:val="none"/>', 'gewoon')}</w:p>`, styles);
    expect(runsOf(p).map((r) => [r.text.trim(), r.color, r.highlight])).toEqual([
      ['rood', 'FF0000', undefined],
      ['gemarkeerd', undefined, '000080'],
      ['gearceerd', undefined, 'D9E2F3'],
      // A highlight is drawn over the shading.
      ['beide', undefined, '00FF00'],
      ['stijl', 'C00000', 'FFFF00'],
      ['gewoon', undefined, undefined],
    ]);
  });

  it('ignores malformed colours: short, long, named, junk; an unknown highlight name', () => {
    const bad = ['F00', 'FF00000', 'red', '#GG0000', '', '12 456'];
    const [p] = colourDoc(`<w:p>${bad.map((v, i) => colourRun(`<w:color w:val="${v}"/><w:shd w:val="clear" w:fill="${v}"/>`, `x${i} `)).join('')}${colourRun('<w:highlight w:val="purple"/>', 'y')}</w:p>`);
    const runs = runsOf(p);
    expect(runs.map((r) => r.text).join('')).toBe('x0 x1 x2 x3 x4 x5 y');
    for (const r of runs) {
      expect(r.color).toBeUndefined();
      expect(r.highlight).toBeUndefined();
    }
  });

  it('reads a paragraph\'s w:shd, its own over its style chain\'s', () => {
    const styles = `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Kader"><w:name w:val="Kader"/><w:basedOn w:val="Normal"/><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Kader2"><w:name w:val="Kader 2"/><w:basedOn w:val="Kader"/></w:style>`;
    const blocks = colourDoc(`<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/></w:pPr><w:r><w:t>eigen</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Kader2"/></w:pPr><w:r><w:t>geërfd</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Kader"/><w:shd w:val="clear" w:color="auto" w:fill="auto"/></w:pPr><w:r><w:t>uit</w:t></w:r></w:p><w:p><w:pPr><w:shd w:val="clear" w:fill="XYZ"/></w:pPr><w:r><w:t>kapot</w:t></w:r></w:p>`, styles);
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.shading : 'x'))).toEqual(['FFF2CC', 'F2F2F2', undefined, undefined]);
  });

  it('shades cells by w:tcPr/w:shd, else the table\'s w:tblPr/w:shd; patterns mixed as LibreOffice prints them', () => {
    const blocks = colourDoc(`<w:tbl><w:tblPr><w:shd w:val="clear" w:color="auto" w:fill="FFC000"/></w:tblPr><w:tr>${shadedCell('', 'tabel')}${shadedCell('<w:shd w:val="clear" w:color="auto" w:fill="auto"/>', 'geen')}${shadedCell('<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>', 'eigen')}</w:tr><w:tr>${shadedCell('<w:shd w:val="pct5" w:color="auto" w:fill="auto"/>', 'pct5')}${shadedCell('<w:shd w:val="pct50" w:color="FF0000" w:fill="0000FF"/>', 'pct50')}${shadedCell('<w:shd w:val="solid" w:color="00B050" w:fill="auto"/>', 'solid')}</w:tr><w:tr>${shadedCell('<w:shd w:val="reverseDiagStripe" w:color="6FB31A" w:fill="auto"/>', 'streep')}${shadedCell('<w:shd w:val="nil"/>', 'nil')}${shadedCell('<w:shd w:val="clear" w:fill="ABC"/>', 'kapot')}</w:tr></w:tbl>`);
    const table = blocks[0];
    expect(table?.kind).toBe('table');
    if (table?.kind !== 'table') return;
    expect(table.rows.map((r) => r.cells.map((c) => c.shading))).toEqual([
      ['FFC000', undefined, '1F3864'],
      // 5 % black over white; half red over blue; the pattern colour alone.
      ['F2F2F2', '7F007F', '00B050'],
      // A third of the stripes' colour over white (LibreOffice's CFE5B2 for docx4j-tables); nil: none; unreadable: the table's.
      ['CFE5B2', undefined, 'FFC000'],
    ]);
  });
  it('shades cells by their table style: the first row and the row bands as w:tblLook turns them on, else the style\'s cells', () => {
    const styles = `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:styleId="Raster"><w:name w:val="Raster"/><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/></w:tcPr></w:style><w:style w:type="table" w:styleId="Kop"><w:name w:val="Kop"/><w:basedOn w:val="Raster"/><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="4472C4"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr></w:style>`;
    // Five rows of one cell, the third with a fill of its own.
    const rows = Array.from({ length: 5 }, (_, i) => `<w:tr>${shadedCell(i === 2 ? '<w:shd w:val="clear" w:color="auto" w:fill="FF0000"/>' : '', `r${i}`)}</w:tr>`).join('');
    const table = (look: string): string => `<w:tbl><w:tblPr><w:tblStyle w:val="Kop"/>${look}</w:tblPr>${rows}</w:tbl>`;
    const blocks = colourDoc(`${table('<w:tblLook w:val="04A0" w:firstRow="1" w:noHBand="0"/>')}<w:p/>${table('<w:tblLook w:val="0220"/>')}<w:p/>${table('<w:tblLook w:firstRow="0" w:noHBand="1"/>')}<w:p/>${table('')}`, styles);
    const shades = blocks.filter((b) => b.kind === 'table').map((t) => (t.kind === 'table' ? t.rows.map((r) => r.cells[0]?.shading) : []));
    expect(shades).toEqual([
      // Header row, then bands 1 (D9E2F3) and 2 (none of its own: the style's cells) in turn; a cell's own fill over them.
      ['4472C4', 'D9E2F3', 'FF0000', 'D9E2F3', 'EEEEEE'],
      // w:val 0220: the first row on (0x20), no row bands (0x200).
      ['4472C4', 'EEEEEE', 'FF0000', 'EEEEEE', 'EEEEEE'],
      // Neither; and no w:tblLook at all: the style's cells only.
      ['EEEEEE', 'EEEEEE', 'FF0000', 'EEEEEE', 'EEEEEE'],
      ['EEEEEE', 'EEEEEE', 'FF0000', 'EEEEEE', 'EEEEEE'],
    ]);
  });
});
