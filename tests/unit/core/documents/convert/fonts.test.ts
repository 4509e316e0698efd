// Metric-compatible faces (session 21): a run is drawn in the open face with the widths of the
// font the document names (Calibri → Carlito, Cambria → Caladea, Arial → Arimo, Times New Roman
// → Tinos, Courier New → Cousine), any other font in Open Sans; a character the face lacks falls
// to Open Sans, then DejaVu Sans, then Noto Sans JP, and one no face has is still refused naming it.
import { PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../../../utils/core/documents/convert/docx.ts';
import { ConversionError, Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import { familyLoaded, loadFamilies, metricFamily } from '../../../../../utils/core/documents/convert/fonts.ts';
import type { DocModel, Run } from '../../../../../utils/core/documents/convert/model.ts';
import { readOdt } from '../../../../../utils/core/documents/convert/odt.ts';
import { renderPdf } from '../../../../../utils/core/documents/convert/render.ts';
import { breakLines, runFace, tokenize } from '../../../../../utils/core/documents/convert/render/lines.ts';
import { readRtf } from '../../../../../utils/core/documents/convert/rtf.ts';
import type { AnalysisLimits } from '../../../../../utils/core/documents/types.ts';
import { makeDocx, makeOdt } from '../../../../helpers/office-fixtures.ts';
import { packageAdvanceEm } from '../../../../helpers/package-faces.ts';

const LIMITS: AnalysisLimits = { maxBytes: 25e6, maxDecompressedBytes: 20e6, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };
const deadline = () => new Deadline(LIMITS.timeoutMs);
const render = (model: DocModel) => renderPdf(model, { deadline: deadline(), maxPages: 50 });

/** The BaseFont names of the fonts a PDF's pages use. */
async function pageFonts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const names = new Set<string>();
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const ref of fonts?.values() ?? []) {
      const base = doc.context.lookup(ref, PDFDict).get(PDFName.of('BaseFont'));
      if (base) names.add(base.toString().replace(/^\//, '').replace(/-\d+$/, ''));
    }
  }
  return [...names].toSorted();
}

/** Every run of a model's top-level text blocks as [text, font]. */
const runFonts = (m: DocModel): Array<[string, string | undefined]> => m.blocks.flatMap((b) => ('runs' in b ? b.runs.map((r): [string, string | undefined] => [r.text, r.font]) : []));

const SENTENCE = 'Rapportage over de voortgang van het traject';
const para = (font: string | undefined, text: string): DocModel['blocks'][number] => ({ kind: 'paragraph', runs: [{ text, ...(font ? { font } : {}) }] });

describe('metricFamily', () => {
  it("maps the fonts reports name to their metric-compatible face, any other to none (Open Sans)", () => {
    expect(metricFamily('Calibri')).toBe('carlito');
    expect(metricFamily('Calibri Light')).toBe('carlito');
    expect(metricFamily(' calibri ')).toBe('carlito');
    expect(metricFamily('Cambria')).toBe('caladea');
    expect(metricFamily('Arial')).toBe('arimo');
    expect(metricFamily('Helvetica')).toBe('arimo');
    expect(metricFamily('Liberation Sans')).toBe('arimo');
    expect(metricFamily('Times New Roman')).toBe('tinos');
    expect(metricFamily("'Liberation Serif'")).toBe('tinos');
    expect(metricFamily('Courier New')).toBe('cousine');
    expect(metricFamily('Liberation Mono')).toBe('cousine');
    // StarOffice's metric twins, as old OpenOffice files name them.
    expect(metricFamily('Thorndale')).toBe('tinos');
    expect(metricFamily('Albany AMT')).toBe('arimo');
    expect(metricFamily('Cumberland')).toBe('cousine');
    // Fixed-pitch fonts with no open twin keep their columns in Cousine.
    for (const mono of ['Consolas', 'Lucida Console', 'Menlo', 'DejaVu Sans Mono', 'Source Code Pro']) expect(metricFamily(mono), mono).toBe('cousine');
    for (const other of ['Comic Sans MS', 'Verdana', 'Open Sans', 'Symbol', 'Wingdings', '', undefined]) expect(metricFamily(other)).toBeUndefined();
  });
});

describe('run fonts from the readers', () => {
  it('DOCX: w:rFonts on the run, through the paragraph style, and the theme fonts (minorHAnsi, majorHAnsi)', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const styles = `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Code"><w:name w:val="Code"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:style>
</w:styles>`;
    const theme = `<?xml version="1.0" encoding="UTF-8"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Cambria"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>`;
    const body = `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Kop</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Tekst </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr><w:t>Times</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Code"/></w:pPr><w:r><w:t>code</w:t></w:r></w:p>`;
    const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
    expect(runFonts(readDocx(makeDocx([], { override: { 'word/styles.xml': styles, 'word/theme/theme1.xml': theme, 'word/document.xml': doc } }), LIMITS, deadline()))).toEqual([
      ['Kop', 'Cambria'],
      ['Tekst ', 'Calibri'],
      ['Times', 'Times New Roman'],
      ['code', 'Courier New'],
    ]);
  });

  it('ODT: style:font-name through the font-face declarations (a declaration named apart from its family), and fo:font-family', () => {
    const NS =
      'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"';
    const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3">
<office:font-face-decls><style:font-face style:name="Liberation Serif1" svg:font-family="'Liberation Serif'"/><style:font-face style:name="Carlito" svg:font-family="Carlito"/></office:font-face-decls>
<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph"><style:text-properties style:font-name="Liberation Serif1"/></style:style>
<style:style style:name="T1" style:family="text"><style:text-properties style:font-name="Carlito"/></style:style>
<style:style style:name="T2" style:family="text"><style:text-properties fo:font-family="Arial"/></style:style>
</office:automatic-styles><office:body><office:text><text:p text:style-name="P1">Serif <text:span text:style-name="T1">Carlito</text:span> <text:span text:style-name="T2">Arial</text:span></text:p></office:text></office:body></office:document-content>`;
    expect(runFonts(readOdt(makeOdt(undefined, { extra: { 'content.xml': strToU8(content) } }), LIMITS, deadline()))).toEqual([
      ['Serif ', 'Liberation Serif'],
      ['Carlito', 'Carlito'],
      [' ', 'Liberation Serif'],
      ['Arial', 'Arial'],
    ]);
  });

  it('RTF: \\fN by the font table, the default font (\\deffN) where a run names none', () => {
    const rtf = String.raw`{\rtf1\ansi\deff1{\fonttbl{\f0\fswiss Arial;}{\f1\froman Times New Roman;}{\f2\fmodern Courier New;}}
\pard Standaard {\f0 Arial} {\f2 mono}\par}`;
    expect(runFonts(readRtf(strToU8(rtf), deadline()))).toEqual([
      ['Standaard ', 'Times New Roman'],
      ['Arial', 'Arial'],
      [' ', 'Times New Roman'],
      ['mono', 'Courier New'],
    ]);
  });
});

describe('the face a run is drawn in', () => {
  it('draws the document in the faces it names, loading only those; an unknown font in Open Sans', async () => {
    const pdf = await render({
      blocks: [para('Calibri', 'Calibri-tekst'), { kind: 'paragraph', runs: [{ text: 'vet cursief', font: 'Calibri', bold: true, italic: true }] }, para('Times New Roman', 'Times-tekst'), para('Comic Sans MS', 'Onbekend lettertype')],
    });
    const fonts = await pageFonts(pdf);
    expect(fonts).toEqual(expect.arrayContaining(['Carlito-Regular', 'Carlito-BoldItalic', 'Tinos-Regular', 'OpenSans']));
    expect(fonts.some((f) => /Arimo|Caladea|Cousine/.test(f))).toBe(false);
    expect([familyLoaded('carlito'), familyLoaded('tinos'), familyLoaded('arimo'), familyLoaded('caladea'), familyLoaded('cousine')]).toEqual([true, true, false, false, false]);
  });

  it("measures a Calibri, Arial, Times New Roman, Cambria or Courier New run with that face's own widths; bold and italic in their own styles", async () => {
    await loadFamilies(['carlito', 'arimo', 'tinos', 'caladea', 'cousine']);
    const cases: Array<[string, string, string, Partial<Run>]> = [
      ['Calibri', 'carlito', '400-normal', {}],
      ['Calibri', 'carlito', '700-italic', { bold: true, italic: true }],
      ['Arial', 'arimo', '400-normal', {}],
      ['Arial', 'arimo', '700-normal', { bold: true }],
      ['Times New Roman', 'tinos', '400-normal', {}],
      ['Times New Roman', 'tinos', '400-italic', { italic: true }],
      ['Cambria', 'caladea', '400-normal', {}],
      ['Courier New', 'cousine', '400-normal', {}],
    ];
    for (const [font, id, file, style] of cases) {
      const run: Run = { text: SENTENCE, font, size: 11, ...style };
      const [line] = breakLines(tokenize([run], 11, false, 1), 10_000, 11);
      expect(line?.width, `${font} ${file}`).toBeCloseTo(packageAdvanceEm(id, file, SENTENCE) * 11, 3);
      expect(runFace(run)).toBe(`${id}-${style.bold && style.italic ? 'boldItalic' : style.bold ? 'bold' : style.italic ? 'italic' : 'regular'}`);
    }
    // Calibri is narrower than Open Sans: the same words take less room.
    const [open] = breakLines(tokenize([{ text: SENTENCE, size: 11 }], 11, false, 1), 10_000, 11);
    const [calibri] = breakLines(tokenize([{ text: SENTENCE, size: 11, font: 'Calibri' }], 11, false, 1), 10_000, 11);
    expect(calibri!.width).toBeLessThan(open!.width * 0.95);
  });

  it('falls back to Open Sans for a character the face lacks (ĳ), to DejaVu Sans for one Open Sans lacks, and still refuses one no face has', async () => {
    await loadFamilies(['carlito']);
    const tokens = tokenize([{ text: 'ĳs', font: 'Calibri', size: 11 }], 11, false, 1);
    const word = tokens.find((t) => t.t === 'word');
    expect(word?.t === 'word' && word.parts.map((p) => [p.text, p.style.face])).toEqual([
      ['ĳ', 'regular'],
      ['s', 'carlito-regular'],
    ]);
    const pdf = await render({ blocks: [{ kind: 'paragraph', runs: [{ text: 'Vrijĳ ☒ שלום klaar', font: 'Calibri' }] }] });
    expect(await pageFonts(pdf)).toEqual(expect.arrayContaining(['Carlito-Regular', 'OpenSans', 'DejaVuSans']));
    const refused = await render({ blocks: [{ kind: 'paragraph', runs: [{ text: 'Seoul 서울', font: 'Calibri' }] }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConversionError);
    expect((refused as ConversionError).message).toContain('"서" (U+C11C)');
  });

  it('draws kana and kanji in Noto Sans JP after DejaVu Sans, loaded only for them', async () => {
    const latin = await render({ blocks: [{ kind: 'paragraph', runs: [{ text: 'Vrij ☒ klaar' }] }] });
    expect(await pageFonts(latin)).not.toEqual(expect.arrayContaining([expect.stringMatching(/NotoSansJP/)]));
    const pdf = await render({ blocks: [{ kind: 'paragraph', runs: [{ text: 'Tokio (東京, とうきょう) ☒ klaar', font: 'Calibri' }] }] });
    const fonts = await pageFonts(pdf);
    expect(fonts).toEqual(expect.arrayContaining(['Carlito-Regular', 'DejaVuSans']));
    expect(fonts.some((f) => /NotoSansJP/.test(f))).toBe(true);
    const tokens = tokenize([{ text: 'Tokio 東京', font: 'Calibri', size: 11 }], 11, false, 1);
    const faces = tokens.flatMap((t) => (t.t === 'word' ? t.parts.map((p) => [p.text, p.style.face]) : []));
    expect(faces).toEqual([
      ['Tokio', 'carlito-regular'],
      ['東', 'cjk'],
      ['京', 'cjk'],
    ]);
  });
});
