import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ConversionError, Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import { PAGE_FIELD, modelText, type Block, type Run } from '../../../../../utils/core/documents/convert/model.ts';
import { readOdt } from '../../../../../utils/core/documents/convert/odt.ts';
import type { AnalysisLimits } from '../../../../../utils/core/documents/types.ts';
import { makeOdt } from '../../../../helpers/office-fixtures.ts';
import { makePng } from '../../../../helpers/fixtures.ts';

/** The package again, Pictures/ left out and `extra` added. */
function rezip(odt: Uint8Array, extra: Zippable): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(unzipSync(odt))) if (!name.startsWith('Pictures/')) files[name] = name === 'mimetype' ? [data, { level: 0 }] : data;
  return zipSync({ ...files, ...extra });
}

const LIMITS: AnalysisLimits = { maxBytes: 25e6, maxDecompressedBytes: 20e6, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };
const read = (bytes: Uint8Array) => readOdt(bytes, LIMITS, new Deadline(LIMITS.timeoutMs));

/** settings.xml with one boolean config item, AddParaTableSpacing. */
const settingsXml = (v: string) => strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"><office:settings><config:config-item-set config:name="ooo:configuration-settings"><config:config-item config:name="AddParaTableSpacing" config:type="boolean">${v}</config:config-item></config:config-item-set></office:settings></office:document-settings>`);


describe('readOdt', () => {
  it('prints what any field shows (a note reference, a sequence reference, initials, an input field), never a hidden text, a mark or a script', () => {
    const m = read(makeOdt(`<text:p>LINEST<text:note-ref text:note-class="footnote" text:ref-name="ftn9">9</text:note-ref> zie tabel <text:sequence-ref text:ref-name="t1">3</text:sequence-ref>, door <text:author-initials>AJ</text:author-initials> <text:text-input text:description="x">ingevuld</text:text-input><text:variable-set text:name="a" office:value-type="string">[A]</text:variable-set><text:variable-set text:name="b" text:display="none" office:value-type="string">[B]</text:variable-set><text:hidden-text text:condition="ooow:1" text:string-value="verborgen" text:is-hidden="true">verborgen</text:hidden-text><text:script script:language="js">alert(1)</text:script><text:bookmark-start text:name="m"/>slot<text:bookmark-end text:name="m"/></text:p>`));
    expect(modelText(m)).toContain('LINEST9 zie tabel 3, door AJ ingevuld[A]slot');
    expect(modelText(m)).not.toMatch(/verborgen|alert|\[B\]/);
  });

  it("prints an index's title and entries (never its templates) and the paragraphs of any other container; tracked changes and declarations stay out", () => {
    const m = read(makeOdt(`<text:variable-decls><text:variable-decl office:value-type="string" text:name="v"/></text:variable-decls>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>weggehaald</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:table-of-content text:name="toc"><text:table-of-content-source text:outline-level="2"><text:index-title-template>Sjabloon</text:index-title-template></text:table-of-content-source>
<text:index-body><text:index-title text:name="toc_Head"><text:p>Inhoud</text:p></text:index-title><text:p>1 Inleiding<text:tab/>3</text:p></text:index-body></text:table-of-content>
<text:numbered-paragraph text:list-id="l1"><text:p>Genummerde alinea</text:p></text:numbered-paragraph>
<text:p>Slot</text:p>`));
    expect(modelText(m)).toMatch(/^Inhoud\n1 Inleiding\t3\nGenummerde alinea\nSlot$/);
  });

  it("a paragraph's padding and border width are room around its text; alike boxes one after another share one box", () => {
    const styles = `<style:style style:name="Box" style:family="paragraph"><style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="0pt" fo:padding="6pt" fo:padding-left="10pt" fo:border="2pt solid #000000"/></style:style>`;
    const m = read(makeOdt(`<text:p text:style-name="Box">een</text:p><text:p text:style-name="Box">twee</text:p><text:p>los</text:p>`, { stylesExtra: styles }));
    const [a, b, c] = m.blocks;
    expect(a).toMatchObject({ kind: 'paragraph', spacing: { before: 8, after: 0 }, indents: { left: 12, right: 8 } });
    expect(b).toMatchObject({ kind: 'paragraph', spacing: { before: 0, after: 8 }, indents: { left: 12, right: 8 } });
    expect(c).toMatchObject({ kind: 'paragraph', spacing: { before: 0, after: 0 } });
  });

  it('settings.xml AddParaTableSpacing false: between two paragraphs the larger space counts, not both; without it they add up', () => {
    const styles = `<style:style style:name="A" style:family="paragraph"><style:paragraph-properties fo:margin-top="4pt" fo:margin-bottom="20pt"/></style:style>
<style:style style:name="B" style:family="paragraph"><style:paragraph-properties fo:margin-top="12pt" fo:margin-bottom="0pt"/></style:style>
<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:margin-top="30pt" fo:margin-bottom="0pt"/></style:style>`;
    const body = `<text:p text:style-name="A">een</text:p><text:p text:style-name="B">twee</text:p><text:p text:style-name="A">drie</text:p><text:p text:style-name="C">vier</text:p>`;
    const befores = (m: ReturnType<typeof read>) => m.blocks.map((bl) => (bl.kind === 'paragraph' ? bl.spacing?.before : null));
    // 20 below "een" and 12 above "twee": 20 in all; 20 below "drie" and 30 above "vier": 30.
    expect(befores(read(makeOdt(body, { stylesExtra: styles, extra: { 'settings.xml': settingsXml('false') } })))).toEqual([4, 0, 4, 10]);
    expect(befores(read(makeOdt(body, { stylesExtra: styles, extra: { 'settings.xml': settingsXml('true') } })))).toEqual([4, 12, 4, 30]);
    expect(befores(read(makeOdt(body, { stylesExtra: styles })))).toEqual([4, 12, 4, 30]);
  });

  it('maps headings, styled spans, lists, a bordered table, an image, a page break and the footer', () => {
    const m = read(makeOdt());
    const kinds = m.blocks.map((b) => b.kind);
    expect(kinds).toEqual(['heading', 'paragraph', 'list-item', 'list-item', 'list-item', 'list-item', 'table', 'paragraph', 'image', 'page-break', 'paragraph']);
    expect(m.blocks[1]).toMatchObject({
      align: 'justify',
      runs: [{ text: 'Eerste alinea met ' }, { text: 'vette', bold: true }, { text: ' en ' }, { text: 'cursieve', italic: true }, { text: ' tekst: reïntegratie, coördinator, € 12,50.' }],
    });
    expect(m.blocks.slice(2, 6).map((b) => (b.kind === 'list-item' ? [b.ordered, b.marker] : null))).toEqual([
      [false, '•'],
      [false, '•'],
      [true, '1.'],
      [true, '2.'],
    ]);
    const table = m.blocks[6];
    expect(table?.kind === 'table' && table.borders).toBe(true);
    expect(m.blocks[8]).toMatchObject({ kind: 'image', format: 'png' });
    expect(modelText({ blocks: m.sections?.[0]?.footer ?? [] })).toBe(`Voettekst pagina ${PAGE_FIELD}`);
    expect(modelText(m)).toContain('Tweede punt met ĳ en ë');
  });

  it('continues numbering across lists joined by text:continue-list', () => {
    const m = read(makeOdt(`<text:list xml:id="a" text:style-name="L2"><text:list-item><text:p>een</text:p></text:list-item><text:list-item><text:p>twee</text:p></text:list-item></text:list>
<text:p>tussendoor</text:p>
<text:list text:continue-list="a" text:style-name="L2"><text:list-item><text:p>drie</text:p></text:list-item></text:list>
<text:list text:style-name="L2"><text:list-item><text:p>opnieuw</text:p></text:list-item></text:list>`));
    expect(m.blocks.flatMap((b) => (b.kind === 'list-item' ? [b.marker] : []))).toEqual(['1.', '2.', '3.', '1.']);
  });

  it('numbers lists in letters and roman numerals, and a start value below 1 counts from a', () => {
    const styles = `<text:list-style style:name="LA"><text:list-level-style-number text:level="1" style:num-format="a" style:num-suffix=")"/></text:list-style>
<text:list-style style:name="LR"><text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/></text:list-style>`;
    const m = read(makeOdt(`<text:list text:style-name="LA"><text:list-item><text:p>een</text:p></text:list-item><text:list-item><text:p>twee</text:p></text:list-item></text:list>
<text:list text:style-name="LR"><text:list-item text:start-value="4"><text:p>vier</text:p></text:list-item></text:list>
<text:list text:style-name="LA"><text:list-item text:start-value="-40"><text:p>vreemd</text:p></text:list-item></text:list>`, { stylesExtra: styles }));
    expect(m.blocks.flatMap((b) => (b.kind === 'list-item' ? [b.marker] : []))).toEqual(['a)', 'b)', 'IV.', 'a)']);
  });

  it('numbers headings by the outline style', () => {
    const outline = `<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/><text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/></text:outline-style>`;
    const m = read(makeOdt(`<text:h text:outline-level="1">Inleiding</text:h><text:h text:outline-level="2">Vraag</text:h><text:h text:outline-level="2">Aanpak</text:h><text:h text:outline-level="1">Slot</text:h>`, { stylesExtra: outline }));
    expect(m.blocks.map((b) => modelText({ blocks: [b] }))).toEqual(['1. Inleiding', '1.1 Vraag', '1.2 Aanpak', '2. Slot']);
  });

  it('numbers headings by an unnamed outline style (ODF 1.1, as OpenOffice 2 wrote it)', () => {
    const outline = `<text:outline-style><text:outline-level-style text:level="1" style:num-format="1"/><text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/></text:outline-style>`;
    const m = read(makeOdt(`<text:h text:outline-level="1">Inleiding</text:h><text:h text:outline-level="2">Vraag</text:h>`, { stylesExtra: outline }));
    expect(m.blocks.map((b) => modelText({ blocks: [b] }))).toEqual(['1 Inleiding', '1.1 Vraag']);
  });

  it('lets a style turn its parent\'s page break off with fo:break-before="auto"', () => {
    const styles = `<style:style style:name="Kop" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style><style:style style:name="KopDoor" style:family="paragraph" style:parent-style-name="Kop"><style:paragraph-properties fo:break-before="auto"/></style:style>`;
    const m = read(makeOdt(`<text:p>Begin</text:p><text:p text:style-name="Kop">Nieuwe pagina</text:p><text:p text:style-name="KopDoor">Zelfde pagina</text:p><text:p text:style-name="Kop">Weer nieuw</text:p>`, { stylesExtra: styles }));
    expect(m.blocks.map((b) => (b.kind === 'page-break' ? '|' : modelText({ blocks: [b] })))).toEqual(['Begin', '|', 'Nieuwe pagina', 'Zelfde pagina', '|', 'Weer nieuw']);
  });

  it('collapses white space like ODF but keeps text:s spaces', () => {
    const m = read(makeOdt('<text:p>a\n    b<text:s text:c="3"/>c</text:p>'));
    expect(modelText(m)).toBe('a b   c');
  });

  it('refuses an encrypted ODT', () => {
    const manifest = `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`;
    let err: unknown;
    try {
      read(makeOdt(undefined, { manifest }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConversionError);
    expect((err as ConversionError).kind).toBe('encrypted');
  });

  it('refuses an OpenDocument spreadsheet', () => {
    const bytes = makeOdt(undefined, { extra: { mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet') } });
    expect(() => read(bytes)).toThrow(/not a text document/);
  });

  it('finds a picture wherever the package keeps it, stored uncompressed or not (media/, no Pictures/ folder)', () => {
    const body = '<text:p><draw:frame svg:width="4cm" svg:height="2cm"><draw:image xlink:href="media/image2.png"/></draw:frame></text:p>';
    const m = read(rezip(makeOdt(body), { 'media/image2.png': [makePng(40, 20), { level: 0 }] }));
    expect(m.blocks[0]).toMatchObject({ kind: 'image', format: 'png' });
  });
});

const cellStyle = (name: string, props: string, parent = ''): string =>
  `<style:style style:name="${name}" style:family="table-cell"${parent ? ` style:parent-style-name="${parent}"` : ''}><style:table-cell-properties ${props}/></style:style>`;
/** A one-row table whose cells have these (named) styles, '' for none. */
function tableOf(cells: string[], styles: string) {
  const body = `<table:table table:name="T"><table:table-column table:number-columns-repeated="${cells.length}"/><table:table-row>${cells.map((s) => `<table:table-cell${s ? ` table:style-name="${s}"` : ''}><text:p>x</text:p></table:table-cell>`).join('')}</table:table-row></table:table>`;
  const t = read(makeOdt(body, { stylesExtra: styles })).blocks[0];
  if (t?.kind !== 'table') throw new Error('no table');
  return t;
}

describe('readOdt: cell borders', () => {

  it('reads each side: its own fo:border-* over the fo:border shorthand, widths in any unit, colours as hex', () => {
    const t = tableOf(['Rule', 'Frame'], cellStyle('Rule', 'fo:border-top="0.0138in solid #4F81BD" fo:border-bottom="0.5pt solid #000000" fo:border-left="none" fo:border-right="none"') + cellStyle('Frame', 'fo:border="0.06pt solid #000000" fo:border-left="2pt double #ff0000"'));
    const [rule, frame] = t.rows[0]?.cells.map((c) => c.borders) ?? [];
    expect(rule?.top?.width).toBeCloseTo(0.9936, 3);
    expect(rule).toMatchObject({ top: { color: '4F81BD' }, bottom: { width: 0.5, color: '000000' }, left: null, right: null });
    expect(frame).toEqual({ top: { width: 0.06, color: '000000' }, right: { width: 0.06, color: '000000' }, bottom: { width: 0.06, color: '000000' }, left: { width: 2, color: 'FF0000', double: true } });
    expect(t.borders).toBe(true);
  });

  it('gives a cell without border properties no lines at all, and reads "none" as none', () => {
    const t = tableOf(['', 'None'], cellStyle('None', 'fo:border="none"'));
    for (const c of t.rows[0]?.cells ?? []) expect(c.borders).toEqual({ top: null, right: null, bottom: null, left: null });
    expect(t.borders).toBe(false);
  });

  it('takes a parent style’s borders, and leaves out values it cannot read (no line, no crash)', () => {
    const t = tableOf(['Child', 'Bad'], cellStyle('Base', 'fo:border-bottom="1pt solid #000000"') + cellStyle('Child', 'fo:padding="2pt"', 'Base') + cellStyle('Bad', 'fo:border="wide solid #000000" fo:border-bottom="1pt solid #12" fo:border-top="-1pt solid #000000"'));
    const [child, bad] = t.rows[0]?.cells.map((c) => c.borders) ?? [];
    expect(child).toEqual({ top: null, right: null, bottom: { width: 1, color: '000000' }, left: null });
    // An unreadable width: the side as if unset; a colour that isn't six hex digits: black; a negative width: none.
    expect(bad).toEqual({ top: null, right: null, bottom: { width: 1 }, left: null });
  });
});

const runsOf = (b: Block | undefined): Run[] => (b?.kind === 'paragraph' ? b.runs : []);
const styledCell = (style: string, t: string): string => `<table:table-cell${style ? ` table:style-name="${style}"` : ''}><text:p>${t}</text:p></table:table-cell>`;

describe('readOdt colours', () => {
  const styles = `<style:style style:name="Rood" style:family="text"><style:text-properties fo:color="#c00000"/></style:style>
<style:style style:name="Geel" style:family="text"><style:text-properties fo:background-color="#FFFF00"/></style:style>
<style:style style:name="Venster" style:family="text"><style:text-properties fo:color="#FF0000" style:use-window-font-color="true" fo:background-color="transparent"/></style:style>
<style:style style:name="Kapot" style:family="text"><style:text-properties fo:color="#F00" fo:background-color="yellow"/></style:style>
<style:style style:name="Blauw" style:family="paragraph"><style:paragraph-properties fo:background-color="#DEEAF6"/><style:text-properties fo:color="#1F4E79"/></style:style>
<style:style style:name="BlauwKind" style:family="paragraph" style:parent-style-name="Blauw"/>
<style:style style:name="Helder" style:family="paragraph" style:parent-style-name="Blauw"><style:paragraph-properties fo:background-color="transparent"/></style:style>
<style:style style:name="Tabel" style:family="table"><style:table-properties fo:background-color="#EEEEEE"/></style:style>
<style:style style:name="Kop" style:family="table-row"><style:table-row-properties fo:background-color="#4472C4"/></style:style>
<style:style style:name="Cel" style:family="table-cell"><style:table-cell-properties fo:background-color="#FFC000"/></style:style>
<style:style style:name="Open" style:family="table-cell"><style:table-cell-properties fo:background-color="transparent"/></style:style>
<style:style style:name="CelKapot" style:family="table-cell"><style:table-cell-properties fo:background-color="#12345"/></style:style>`;

  it('reads text styles\' fo:color and fo:background-color; use-window-font-color and transparent are the defaults; malformed values ignored', () => {
    const m = read(makeOdt(`<text:p>gewoon <text:span text:style-name="Rood">rood <text:span text:style-name="Geel">en geel</text:span></text:span> <text:span text:style-name="Kapot">kapot</text:span></text:p>
<text:p text:style-name="Blauw">blauw <text:span text:style-name="Venster">venster</text:span></text:p>`, { stylesExtra: styles }));
    expect(runsOf(m.blocks[0]).map((r) => [r.text, r.color, r.highlight])).toEqual([
      ['gewoon ', undefined, undefined],
      ['rood ', 'C00000', undefined],
      ['en geel', 'C00000', 'FFFF00'],
      // #F00 and "yellow" are not read: the run is plain, one with the space before it.
      [' kapot', undefined, undefined],
    ]);
    // The paragraph style's text colour for its runs; the window's colour over it.
    expect(runsOf(m.blocks[1]).map((r) => [r.text, r.color, r.highlight])).toEqual([
      ['blauw ', '1F4E79', undefined],
      ['venster', undefined, undefined],
    ]);
  });

  it('shades paragraphs by their style\'s fo:background-color, inherited from a parent, transparent over it', () => {
    const m = read(makeOdt('<text:p text:style-name="Blauw">a</text:p><text:p text:style-name="BlauwKind">b</text:p><text:p text:style-name="Helder">c</text:p><text:p>d</text:p>', { stylesExtra: styles }));
    expect(m.blocks.map((b) => (b.kind === 'paragraph' ? b.shading : 'x'))).toEqual(['DEEAF6', 'DEEAF6', undefined, undefined]);
  });

  it('shades a cell by its own background, else its row\'s, else its table\'s', () => {
    const m = read(makeOdt(`<table:table table:style-name="Tabel"><table:table-column table:number-columns-repeated="3"/><table:table-row table:style-name="Kop">${styledCell('', 'rij')}${styledCell('Cel', 'cel')}${styledCell('Open', 'open')}</table:table-row><table:table-row>${styledCell('', 'tabel')}${styledCell('CelKapot', 'kapot')}${styledCell('Cel', 'cel')}</table:table-row></table:table>`, { stylesExtra: styles }));
    const t = m.blocks[0];
    expect(t?.kind).toBe('table');
    if (t?.kind !== 'table') return;
    expect(t.rows.map((r) => r.cells.map((c) => c.shading))).toEqual([
      ['4472C4', 'FFC000', undefined],
      ['EEEEEE', 'EEEEEE', 'FFC000'],
    ]);
  });
});
