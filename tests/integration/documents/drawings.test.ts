// Issue 14, DOCX drawings we draw ourselves: a chart (c:chart, word/charts/chartN.xml) from the
// values Word cached in it — title, value-axis labels, category labels, legend, in its box — and
// a SmartArt diagram from the drawing part Word saved beside it (dsp:sp shapes with their text in
// place); and content controls (w:sdt), whose shown text prints and whose list choices don't.
// Read back with poppler from the real files of the shared corpus (`pdftotext -bbox`: each word
// with its box, y from the top of the page), and on DOCX files built here for chart types.
import { execFileSync } from 'node:child_process';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import type { ConversionNote } from '../../../utils/core/documents/convert/index.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { makeDocx } from '../../helpers/office-fixtures.ts';
import { pdfScratch, pdfWords, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-drawings-');

needSystemTools('pdftotext', 'pdfimages');

interface Word {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

async function convert(name: string, bytes: Uint8Array, notes: ConversionNote[] = []): Promise<string> {
  return pdfs.save(await convertToPdf(bytes, 'docx', limits, notes), `${name}.pdf`);
}

const text = (path: string, layout = false): string =>
  popplerText(path, { layout })
    .replace(/\s+/g, ' ')
    .trim();

function words(path: string): Word[] {
  return pdfWords(path).map((w) => ({ x1: w.xMin, y1: w.yMin, x2: w.xMax, y2: w.yMax, text: w.text }));
}

/** The word, the n-th of its spelling (0 = first). */
function find(ws: Word[], t: string, n = 0): Word {
  const w = ws.filter((x) => x.text === t)[n];
  if (!w) throw new Error(`"${t}" (#${n}) is not on the page: ${ws.map((x) => x.text).join(' ')}`);
  return w;
}

/** "a b c" appears in this order in the text. */
function inOrder(t: string, parts: string[]): void {
  let at = 0;
  for (const p of parts) {
    const i = t.indexOf(p, at);
    expect(i, `"${p}" after position ${at} in: ${t}`).toBeGreaterThanOrEqual(0);
    at = i + p.length;
  }
}

describeCorpus('charts, SmartArt and content controls of real files', () => {
  it('docx4j-chart.docx: the stacked column chart is drawn with its value axis 0–14, its categories under the plot and the legend to the right', async () => {
    const notes: ConversionNote[] = [];
    const path = await convert('chart', corpusFile('docx4j-chart.docx'), notes);
    expect(notes).toEqual([]);
    // The words in LibreOffice's order (pdftotext of its PDF: "14 12 10 8 Series 3 Series 2 6 Series 1 4 2 0 Category 1 …").
    inOrder(text(path), ['14', '12', '10', '8', 'Series 3', 'Series 2', 'Series 1', '0', 'Category 1', 'Category 2', 'Category 3', 'Category 4']);
    const ws = words(path);
    const catWords = ws.filter((w) => w.text === 'Category');
    expect(catWords).toHaveLength(4);
    // The value axis, left of the categories: 0 at the foot, 14 at the top, labels every 2 in one
    // column (the stack's highest, 12.3, rounded up as Word and LibreOffice do).
    const labels = ws.filter((w) => /^\d+$/.test(w.text) && w.x2 < (catWords[0] as Word).x1).toSorted((a, b) => b.y1 - a.y1);
    expect(labels.map((w) => w.text)).toEqual(['0', '2', '4', '6', '8', '10', '12', '14']);
    expect(Math.abs((labels[0] as Word).x2 - (labels[7] as Word).x2)).toBeLessThan(1);
    // Categories: one row below the axis' foot, left to right.
    for (const c of catWords) {
      expect(c.y1).toBeGreaterThan(((labels[0] as Word).y1 + (labels[0] as Word).y2) / 2);
      expect(Math.abs(c.y1 - (catWords[0] as Word).y1)).toBeLessThan(1);
    }
    for (let i = 1; i < 4; i++) expect((catWords[i] as Word).x1).toBeGreaterThan((catWords[i - 1] as Word).x2);
    // The legend right of the plot, the last series on top (as the stack shows it).
    const series = ws.filter((w) => w.text === 'Series');
    expect(series).toHaveLength(3);
    for (const s of series) expect(s.x1).toBeGreaterThan((catWords[3] as Word).x2);
    // The whole chart stays in its 432 × 252 pt box (wp:extent), on one page, below the top margin.
    const all = [...labels, ...catWords, ...series];
    expect(Math.max(...all.map((w) => w.x2)) - Math.min(...all.map((w) => w.x1))).toBeLessThanOrEqual(432);
    expect(Math.max(...all.map((w) => w.y2)) - Math.min(...all.map((w) => w.y1))).toBeLessThanOrEqual(252);
    // Vectors, not a picture: no image in the PDF.
    expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);
  });

  it('pandoc-diagram.docx: the SmartArt pyramid is drawn in place: its three shapes\' words top to bottom, centred, below the paragraph before it', async () => {
    const path = await convert('diagram', corpusFile('pandoc-diagram.docx'));
    const t = text(path);
    inOrder(t, ['Diagram after:', 'top', 'middle', 'bottom']);
    expect(t.split('middle').length - 1).toBe(1);
    const ws = words(path);
    const before = find(ws, 'after:');
    const [top, middle, bottom] = ['top', 'middle', 'bottom'].map((s) => find(ws, s)) as [Word, Word, Word];
    expect(top.y1).toBeGreaterThan(before.y2 - 1);
    const mid = (w: Word): number => (w.y1 + w.y2) / 2;
    expect(mid(middle) - mid(top)).toBeGreaterThan(40);
    expect(mid(bottom) - mid(middle)).toBeGreaterThan(40);
    // At the shapes' 53 pt (sz="5300"), each centred in the text box Word set it in (dsp:txXfrm),
    // which all sit within a few points of the pyramid's axis.
    expect(top.y2 - top.y1).toBeGreaterThan(40);
    const centre = (w: Word): number => (w.x1 + w.x2) / 2;
    expect(Math.abs(centre(top) - centre(bottom))).toBeLessThan(12);
    expect(Math.abs(centre(middle) - centre(bottom))).toBeLessThan(12);
  });

  it('pandoc-sdt_elements.docx: the table with a drop-down content control in a cell prints the chosen item, not the list', async () => {
    const t = text(await convert('sdt', corpusFile('pandoc-sdt_elements.docx')), true);
    inOrder(t, ['col1Header', 'col2Header', 'col3Header', 'col1 content', 'Body copy', 'col3 content']);
    // The other choices of the w:dropDownList are not document text.
    expect(t).not.toContain('Accessibility text');
    expect(t).not.toContain('Select content type');
  });

  it('docx4j-invoice.docx: every paragraph inside a block content control prints, also one inside a comment range', async () => {
    // LibreOffice 7.4 leaves "Please remit funds…" out of its PDF (the control sits in a comment's
    // range); Word prints it, and so do we: a content control is shown text, not a condition we evaluate.
    // The item table is as narrow as its grid, as in LibreOffice: pdftotext reads its two columns one after the other.
    const t = text(await convert('invoice', corpusFile('docx4j-invoice.docx')));
    inOrder(t, ['INVOICE', 'Joe Bloggs', 'Item', 'apples', 'Please remit funds to ABC Bank, account number 123 456 789.', 'This paragraph should be left out.']);
    inOrder(t, ['Price', '$20']);
  });
});

// ---- charts built here, one per kind ----------------------------------------------------------

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const strCache = (vals: string[]): string => `<c:strRef><c:f>S!A1</c:f><c:strCache><c:ptCount val="${vals.length}"/>${vals.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('')}</c:strCache></c:strRef>`;
const numCache = (vals: number[], fmt = 'General'): string => `<c:numRef><c:f>S!B1</c:f><c:numCache><c:formatCode>${fmt}</c:formatCode><c:ptCount val="${vals.length}"/>${vals.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('')}</c:numCache></c:numRef>`;
const ser = (i: number, name: string, cats: string[], vals: number[], extra = ''): string => `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strCache([name])}</c:tx>${extra}<c:cat>${strCache(cats)}</c:cat><c:val>${numCache(vals)}</c:val></c:ser>`;
const axes = `<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:crossAx val="1"/></c:valAx>`;
const title = (t: string): string => `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${t}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;

function chartDocx(plot: string, opts: { title?: string; legend?: string } = {}): Uint8Array {
  const chart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:chart>${opts.title ? title(opts.title) : '<c:autoTitleDeleted val="1"/>'}<c:plotArea><c:layout/>${plot}</c:plotArea>${opts.legend ? `<c:legend><c:legendPos val="${opts.legend}"/></c:legend>` : ''}</c:chart></c:chartSpace>`;
  const drawing = `<w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="1" name="Chart 1"/><a:graphic xmlns:a="${A}"><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" r:id="rIdC1"/></a:graphicData></a:graphic></wp:inline></w:drawing>`;
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body><w:p><w:r><w:t>Voor de grafiek.</w:t></w:r></w:p><w:p><w:r>${drawing}</w:r></w:p><w:p><w:r><w:t>Na de grafiek.</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/></Relationships>`;
  return makeDocx([], { override: { 'word/document.xml': doc, 'word/_rels/document.xml.rels': rels, 'word/charts/chart1.xml': chart } });
}

const xy = (i: number, name: string, xs: number[], ys: number[]): string =>
  `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strCache([name])}</c:tx><c:spPr><a:ln><a:noFill/></a:ln></c:spPr><c:xVal>${numCache(xs)}</c:xVal><c:yVal>${numCache(ys)}</c:yVal></c:ser>`;
const axTitle = (t: string): string => `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${t}</a:t></a:r></a:p></c:rich></c:tx></c:title>`;

const CATS = ['Utrecht', 'Zwolle', 'Arnhem'];
const enc = (x: string): Uint8Array => new TextEncoder().encode(x);

describe('charts of each kind, drawn from their cached values', () => {
  it('a pie chart: its title, and its categories in the legend with the data labels it shows (percentages)', async () => {
    const notes: ConversionNote[] = [];
    const plot = `<c:pieChart><c:varyColors val="1"/>${ser(0, 'Verzuim', CATS, [50, 30, 20], '<c:dLbls><c:showVal val="0"/><c:showPercent val="1"/></c:dLbls>')}<c:firstSliceAng val="0"/></c:pieChart>`;
    const path = await convert('pie', chartDocx(plot, { title: 'Verzuim per regio', legend: 'r' }), notes);
    const t = text(path);
    expect(notes).toEqual([]);
    inOrder(t, ['Voor de grafiek.', 'Verzuim per regio']);
    inOrder(t, ['Utrecht', 'Zwolle', 'Arnhem']);
    for (const p of ['50%', '30%', '20%']) expect(t).toContain(p);
    expect(t).toContain('Na de grafiek.');
  });

  it('a horizontal clustered bar chart with data labels: categories up the left (the first at the foot), values along the bottom', async () => {
    const plot = `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>${ser(0, 'Uren', CATS, [12, 30, 7.5], '<c:dLbls><c:showVal val="1"/></c:dLbls>')}<c:gapWidth val="150"/><c:axId val="1"/><c:axId val="2"/></c:barChart>${axes}`;
    const path = await convert('hbar', chartDocx(plot, { legend: 'b' }));
    const ws = words(path);
    const [u, z, a] = CATS.map((c) => find(ws, c)) as [Word, Word, Word];
    expect(u.y1).toBeGreaterThan(z.y1);
    expect(z.y1).toBeGreaterThan(a.y1);
    // The data labels, and the value axis to 35 in steps of 5 under the bars.
    for (const v of ['12', '30', '7.5', '35']) expect(ws.some((w) => w.text === v)).toBe(true);
    expect(find(ws, '35').y1).toBeGreaterThan(u.y2);
    // The legend (one series: its name) below the plot.
    expect(find(ws, 'Uren').y1).toBeGreaterThan(find(ws, '35').y1);
  });

  it('a line chart with a percentage axis format keeps its labels in that format', async () => {
    const plot = `<c:lineChart><c:grouping val="standard"/>${ser(0, 'Herstel', CATS, [0.25, 0.5, 0.8])}<c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart>${axes.replace('<c:numFmt formatCode="General" sourceLinked="1"/>', '<c:numFmt formatCode="0%" sourceLinked="0"/>')}`;
    const t = text(await convert('line', chartDocx(plot, { legend: 'r', title: 'Herstel' })));
    for (const p of ['0%', '40%', '80%', 'Utrecht', 'Arnhem']) expect(t).toContain(p);
    expect(t).not.toContain('0.8');
  });

  it('a scatter chart: numeric x and y axes, the points where their values put them, its axis titles', async () => {
    const plot = `<c:scatterChart><c:scatterStyle val="lineMarker"/>${xy(0, 'Metingen', [1, 4, 9], [30, 55, 72])}<c:axId val="1"/><c:axId val="2"/></c:scatterChart><c:valAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>${axTitle('Weken')}<c:crossAx val="2"/></c:valAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>${axTitle('Belastbaarheid')}<c:crossAx val="1"/></c:valAx>`;
    const notes: ConversionNote[] = [];
    const path = await convert('scatter', chartDocx(plot, { legend: 'r' }), notes);
    expect(notes).toEqual([]);
    const ws = words(path);
    // x from 0 to 10 in steps of 2 along the bottom, y from 0 to 80 in steps of 10 up the left.
    const x6 = find(ws, '6');
    const y70 = find(ws, '70');
    expect(x6.y1).toBeGreaterThan(find(ws, '0').y1);
    expect(x6.y1).toBeGreaterThan(y70.y2);
    expect(x6.x1).toBeGreaterThan(y70.x2);
    for (const t of ['Weken', 'Belastbaarheid', 'Metingen']) expect(ws.some((w) => w.text === t)).toBe(true);
  });

  it("a chart in a footer, where pictures are left out, keeps its words there: title and data", async () => {
    const chart = chartDocx(`<c:barChart><c:barDir val="col"/>${ser(0, 'Uren', CATS, [1, 2, 3])}<c:axId val="1"/><c:axId val="2"/></c:barChart>${axes}`, { title: 'Voettekstgrafiek' });
    const files: Record<string, Uint8Array> = { ...unzipSync(chart) };
    const footer = new TextDecoder().decode(files['word/document.xml']).replace(/^[\s\S]*?<w:body>/, '').replace(/<w:sectPr>[\s\S]*$/, '');
    const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body><w:p><w:r><w:t>Romp.</w:t></w:r></w:p><w:sectPr><w:footerReference w:type="default" r:id="rIdF1"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
    const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`;
    files['word/document.xml'] = enc(doc);
    files['word/_rels/document.xml.rels'] = enc(rels);
    files['word/footer1.xml'] = enc(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="${W}" xmlns:r="${R}">${footer}</w:ftr>`);
    files['word/_rels/footer1.xml.rels'] = enc(rels.replace('rIdF1', 'rIdC1').replace('relationships/footer" Target="footer1.xml"', 'relationships/chart" Target="charts/chart1.xml"'));
    const t = text(await convert('footer-chart', zipSync(files)));
    for (const w of ['Romp.', 'Voettekstgrafiek', 'Utrecht', 'Zwolle', 'Arnhem', 'Uren']) expect(t).toContain(w);
  });

  it('a chart type not drawn here (radar) is a visible box naming it, its data as a table, and a note — no word lost', async () => {
    const notes: ConversionNote[] = [];
    const plot = `<c:radarChart><c:radarStyle val="marker"/>${ser(0, 'Belasting', CATS, [3, 4, 5])}<c:axId val="1"/><c:axId val="2"/></c:radarChart>${axes}`;
    const t = text(await convert('radar', chartDocx(plot, { title: 'Belastbaarheid', legend: 'r' }), notes), true);
    expect(t).toContain('grafiek (radar) niet getekend');
    inOrder(t, ['Belastbaarheid', 'Utrecht', 'Zwolle', 'Arnhem', 'Belasting', '3', '4', '5', 'Na de grafiek.']);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.detail).toMatch(/radar chart .*not drawn/);
  });
});

// ---- content controls of every kind -----------------------------------------------------------

const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';
const run = (t: string, rPr = ''): string => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;
const sdt = (pr: string, content: string): string => `<w:sdt><w:sdtPr>${pr}</w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
const cell = (t: string): string => `<w:tc><w:p>${run(t)}</w:p></w:tc>`;
const GOTHIC = '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/>';

it('content controls of every level and kind print what they show — LibreOffice 7.4 prints the same lines from this file', async () => {
  const body = [
    `<w:p>${run('Naam: ')}${sdt('<w:id w:val="1"/><w:showingPlcHdr/><w:text/>', run('Klik hier om tekst in te voeren.', '<w:color w:val="808080"/>'))}${run(' einde1.')}</w:p>`,
    `<w:p>${run('Akkoord: ')}${sdt('<w:id w:val="2"/><w14:checkbox><w14:checked w14:val="1"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/></w14:checkbox>', run('☒', GOTHIC))}${run(' ja, niet akkoord: ')}${sdt('<w:id w:val="3"/><w14:checkbox><w14:checked w14:val="0"/></w14:checkbox>', run('☐', GOTHIC))}${run(' einde2.')}</w:p>`,
    `<w:p>${run('Datum: ')}${sdt('<w:id w:val="4"/><w:date w:fullDate="2026-11-30T00:00:00Z"><w:dateFormat w:val="d-M-yyyy"/><w:lid w:val="nl-NL"/></w:date>', run('30-11-2026'))}${run(' einde3.')}</w:p>`,
    `<w:p>${run('Keuze: ')}${sdt('<w:id w:val="5"/><w:dropDownList><w:listItem w:displayText="Kies een item." w:value=""/><w:listItem w:displayText="Arbeidsongeschikt" w:value="AO"/><w:listItem w:displayText="Hersteld" w:value="H"/></w:dropDownList>', run('Hersteld'))}${run(' combo: ')}${sdt('<w:id w:val="6"/><w:showingPlcHdr/><w:comboBox><w:listItem w:displayText="Een" w:value="1"/></w:comboBox>', run('Kies een item.'))}${run(' einde4.')}</w:p>`,
    sdt('<w:id w:val="7"/><w:richText/>', `<w:p>${run('Blok alinea een.')}</w:p><w:p>${run('Blok alinea twee.')}</w:p>`),
    `<w:tbl><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid><w:tr>${cell('Kop A')}${cell('Kop B')}</w:tr>${sdt(
      '<w:id w:val="8"/><w15:repeatingSection/>',
      sdt('<w:id w:val="9"/><w15:repeatingSectionItem/>', `<w:tr>${cell('Rij een A')}${cell('Rij een B')}</w:tr>`) + sdt('<w:id w:val="10"/><w15:repeatingSectionItem/>', `<w:tr>${cell('Rij twee A')}${sdt('<w:id w:val="11"/>', cell('Rij twee B'))}</w:tr>`),
    )}</w:tbl>`,
    `<w:p>${run('Genest: ')}${sdt('<w:id w:val="13"/>', run('buiten ') + sdt('<w:id w:val="14"/>', run('binnen')))}${run(' einde6.')}</w:p>`,
  ].join('');
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:w14="${W14}" xmlns:w15="${W15}" xmlns:r="${R}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  const t = text(await convert('sdt-kinds', makeDocx([], { override: { 'word/document.xml': doc } })), true);
  inOrder(t, [
    'Naam: Klik hier om tekst in te voeren. einde1.',
    'Akkoord: ☒ ja, niet akkoord: ☐ einde2.',
    'Datum: 30-11-2026 einde3.',
    'Keuze: Hersteld combo: Kies een item. einde4.',
    'Blok alinea een. Blok alinea twee.',
    'Kop A Kop B Rij een A Rij een B Rij twee A Rij twee B',
    'Genest: buiten binnen einde6.',
  ]);
  expect(t).not.toContain('Arbeidsongeschikt');
});

// ---- Office 2016 charts (chartex) -------------------------------------------------------------

const CX = 'http://schemas.microsoft.com/office/drawing/2014/chartex';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const PIC = 'http://schemas.openxmlformats.org/drawingml/2006/picture';

function chartexDocx(withFallback: boolean): Uint8Array {
  const chartex = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cx:chartSpace xmlns:a="${A}" xmlns:r="${R}" xmlns:cx="${CX}"><cx:chartData><cx:data id="0"><cx:strDim type="cat"><cx:f>S!A2:A4</cx:f><cx:lvl ptCount="3"><cx:pt idx="0">Begin</cx:pt><cx:pt idx="1">Instroom</cx:pt><cx:pt idx="2">Uitstroom</cx:pt></cx:lvl></cx:strDim><cx:numDim type="val"><cx:f>S!B2:B4</cx:f><cx:lvl ptCount="3" formatCode="General"><cx:pt idx="0">120</cx:pt><cx:pt idx="1">35</cx:pt><cx:pt idx="2">-18</cx:pt></cx:lvl></cx:numDim></cx:data></cx:chartData><cx:chart><cx:title pos="t"><cx:tx><cx:txData><cx:v>Dossiers per kwartaal</cx:v></cx:txData></cx:tx></cx:title><cx:plotArea><cx:plotAreaRegion><cx:series layoutId="waterfall" uniqueId="{00000000-0000-0000-0000-000000000001}"><cx:dataId val="0"/></cx:series></cx:plotAreaRegion></cx:plotArea></cx:chart></cx:chartSpace>`;
  const inlineOf = (graphic: string): string => `<w:drawing><wp:inline><wp:extent cx="4572000" cy="2743200"/><wp:docPr id="1" name="Grafiek 1"/><a:graphic xmlns:a="${A}">${graphic}</a:graphic></wp:inline></w:drawing>`;
  const choice = `<mc:Choice xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" Requires="cx1">${inlineOf(`<a:graphicData uri="${CX}"><cx:chart xmlns:cx="${CX}" r:id="rIdX1"/></a:graphicData>`)}</mc:Choice>`;
  const fallback = `<mc:Fallback>${inlineOf(`<a:graphicData uri="${PIC}"><pic:pic xmlns:pic="${PIC}"><pic:blipFill><a:blip r:embed="rIdImg1"/></pic:blipFill></pic:pic></a:graphicData>`)}</mc:Fallback>`;
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:mc="${MC}" xmlns:wp="${WP}"><w:body><w:p><w:r><w:t>Voor.</w:t></w:r></w:p><w:p><w:r><mc:AlternateContent>${choice}${withFallback ? fallback : ''}</mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>Na.</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rIdX1" Type="http://schemas.microsoft.com/office/2014/relationships/chartEx" Target="charts/chartEx1.xml"/></Relationships>`;
  return makeDocx([], { override: { 'word/document.xml': doc, 'word/_rels/document.xml.rels': rels, 'word/charts/chartEx1.xml': chartex } });
}

describe('Office 2016 charts (cx:chart), which Word saves with a picture of the chart beside them', () => {
  it('the mc:Fallback picture is drawn, as LibreOffice and older Word do (the Choice requires chartex)', async () => {
    const notes: ConversionNote[] = [];
    const path = await convert('chartex-fallback', chartexDocx(true), notes);
    expect(notes).toEqual([]);
    expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(3);
    inOrder(text(path), ['Voor.', 'Na.']);
  });

  it('without a fallback picture: a box naming the chart, its title and data as a table, and a note', async () => {
    const notes: ConversionNote[] = [];
    const t = text(await convert('chartex-bare', chartexDocx(false), notes), true);
    inOrder(t, ['Voor.', 'grafiek (waterfall) niet getekend', 'Dossiers per kwartaal', 'Begin', 'Instroom', 'Uitstroom', '120', '35', '-18', 'Na.']);
    expect(notes.map((n) => n.detail)).toEqual([expect.stringMatching(/waterfall chart .*not drawn/)]);
  });
});
