// Builders for conversion tests: office documents generated in memory (DOCX, ODT, RTF, TXT),
// PNG/JPEG images, and hostile variants. Generated rather than checked in, so each test shows
// exactly what its input holds.
import { strToU8, zipSync, zlibSync } from 'fflate';
import type { Zippable } from 'fflate';

// ---------------------------------------------------------------------------------------------
// Images.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts) for (const b of p) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function be32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

function chunk(type: string, data: Uint8Array): Uint8Array[] {
  const t = strToU8(type);
  return [be32(data.length), t, data, be32(crc32([t, data]))];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const PNG_SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(w: number, h: number): Uint8Array {
  return concat([be32(w), be32(h), new Uint8Array([8, 2, 0, 0, 0])]); // 8-bit RGB
}

/** An RGB PNG: a diagonal gradient with a dark frame, so a rendered page shows where it sits. */
export function makePng(width = 240, height = 120): Uint8Array {
  const raw = new Uint8Array((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const frame = x < 3 || y < 3 || x >= width - 3 || y >= height - 3;
      const o = row + 1 + x * 3;
      raw[o] = frame ? 20 : Math.round((x / width) * 255);
      raw[o + 1] = frame ? 40 : Math.round((y / height) * 200);
      raw[o + 2] = frame ? 90 : 180;
    }
  }
  return concat([PNG_SIG, ...chunk('IHDR', ihdr(width, height)), ...chunk('IDAT', zlibSync(raw)), ...chunk('IEND', new Uint8Array())]);
}

let cachedPng: Uint8Array | null = null;
function defaultPng(): Uint8Array {
  cachedPng ??= makePng();
  return cachedPng;
}

/** A tiny PNG whose header claims huge dimensions (a decompression bomb once decoded). */
export function hugeHeaderPng(width = 30_000, height = 30_000): Uint8Array {
  return concat([PNG_SIG, ...chunk('IHDR', ihdr(width, height)), ...chunk('IDAT', zlibSync(new Uint8Array(1000))), ...chunk('IEND', new Uint8Array())]);
}

/** A real 34×48 baseline JPEG (made once with pdftoppm from a rendered page). */
const TINY_JPEG_B64 =
  '/9j/4AAQSkZJRgABAQEABAAEAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAwACIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD3S5uHikAUHbtySGA7/Q0n27A5QnHvTL7/AFn/AAEfzNVj0NAF6O8DnBTH/Ah/XFSrOrMFA5P+0P8AGqEBw/XHHrj+oq3G2ZFG7P8AwL/7KgCzRRRQBQvv9Z/wEfzNVj0NWb7/AFn/AAEfzNVz19t1AD4Dh+uOPXH9RVuNsyKN2f8AgX/2VUEZlb5SR9D9K0oDndzn8c/1NAE1FFFAFC+/1n/AR/M1XP3v+BVfntvPbO/HGOmaj+w858zvn7tAFIdf8+1acBzu5z+Of6moBYY/5af+O1ajQpnLZz9f6k0APooooA//2Q==';

export function tinyJpeg(): Uint8Array {
  return new Uint8Array(Buffer.from(TINY_JPEG_B64, 'base64'));
}

// ---------------------------------------------------------------------------------------------
// Dutch report text. Sentences carry diacritics, ĳ, curly quotes and € so extraction can be checked.

export const DUTCH_SENTENCES = [
  'De cliënt heeft in de afgelopen periode een reïntegratietraject gevolgd bij de eigen werkgever.',
  'Tijdens het gesprek op 12 oktober gaf hij aan dat het werk „in principe” weer haalbaar is.',
  'De bedrijfsarts adviseert een opbouw van vier uur per dag, met een evaluatie na zes weken.',
  'Zijn coördinator ziet geen belemmeringen; de kosten van € 1.250,00 worden door de werkgever gedragen.',
  'Financiële afspraken zijn vastgelegd in de overeenkomst die beide partijen hebben ondertekend.',
  'Het ĳzeren principe van hoor en wederhoor is bij elke stap toegepast, aldus mevrouw Çelik.',
  'Een ‘tijdelijke’ aanpassing van de werkplek bleek voldoende om de taken weer op te pakken.',
  'De cliënt reageerde positief op de naïeve vraag of hij de rol van teamleider ambieert.',
];

export function dutchParagraph(seed: number, sentences = 5): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(DUTCH_SENTENCES[(seed * 3 + i) % DUTCH_SENTENCES.length] as string);
  return out.join(' ');
}

// ---------------------------------------------------------------------------------------------
// DOCX.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface DocxRun {
  text: string;
  b?: boolean;
  i?: boolean;
  u?: boolean;
}

export type DocxBlock =
  | { h: number; text: string }
  | { p: Array<DocxRun | string>; align?: 'center' | 'right' | 'both' }
  | { bullet: string; level?: number }
  | { number: string; level?: number }
  | { table: string[][] }
  | { image: true }
  | { pageBreak: true };

function runXml(r: DocxRun | string): string {
  const run = typeof r === 'string' ? { text: r } : r;
  const props = `${run.b ? '<w:b/>' : ''}${run.i ? '<w:i/>' : ''}${run.u ? '<w:u w:val="single"/>' : ''}`;
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(run.text)}</w:t></w:r>`;
}

export function blockXml(b: DocxBlock): string {
  if ('h' in b) return `<w:p><w:pPr><w:pStyle w:val="Heading${b.h}"/></w:pPr>${runXml(b.text)}</w:p>`;
  if ('p' in b) return `<w:p>${b.align ? `<w:pPr><w:jc w:val="${b.align}"/></w:pPr>` : ''}${b.p.map(runXml).join('')}</w:p>`;
  if ('bullet' in b) return `<w:p><w:pPr><w:numPr><w:ilvl w:val="${b.level ?? 0}"/><w:numId w:val="1"/></w:numPr></w:pPr>${runXml(b.bullet)}</w:p>`;
  if ('number' in b) return `<w:p><w:pPr><w:numPr><w:ilvl w:val="${b.level ?? 0}"/><w:numId w:val="2"/></w:numPr></w:pPr>${runXml(b.number)}</w:p>`;
  if ('table' in b) {
    const cols = b.table[0]?.length ?? 1;
    const grid = `<w:tblGrid>${Array.from({ length: cols }, (_, i) => `<w:gridCol w:w="${i === 0 ? 2600 : 3200}"/>`).join('')}</w:tblGrid>`;
    const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="single" w:sz="4"/>`).join('');
    const rows = b.table
      .map((row) => `<w:tr>${row.map((cell) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr><w:p>${runXml(cell)}</w:p></w:tc>`).join('')}</w:tr>`)
      .join('');
    return `<w:tbl><w:tblPr><w:tblBorders>${borders}</w:tblBorders></w:tblPr>${grid}${rows}</w:tbl>`;
  }
  if ('image' in b) {
    return `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="${240 * 9525}" cy="${120 * 9525}"/><wp:docPr id="1" name="Afbeelding 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdImg1"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
  }
  return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
}

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
${[1, 2, 3].map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="${n - 1}"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>`).join('\n')}
</w:styles>`;

const NUMBERING_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">
<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
</w:numbering>`;

/** The standard styles or numbering part of makeDocx, for tests that store it under another name. */
export function makeDocxPart(which: 'styles' | 'numbering'): string {
  return which === 'styles' ? STYLES_XML : NUMBERING_XML;
}

function hfXml(tag: 'hdr' | 'ftr', inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:${tag} xmlns:w="${W}" xmlns:r="${R}">${inner}</w:${tag}>`;
}

export interface DocxOptions {
  header?: string;
  /** Footer text; the page number field follows it ("Pagina 3 van 20"). */
  footer?: string;
  /** Replace or drop parts to build damaged files. */
  override?: Record<string, string | Uint8Array | null>;
}

export function makeDocx(blocks: DocxBlock[], opts: DocxOptions = {}): Uint8Array {
  const body = blocks.map(blockXml).join('\n');
  const sect = `<w:sectPr>${opts.header ? '<w:headerReference w:type="default" r:id="rIdH1"/>' : ''}${opts.footer ? '<w:footerReference w:type="default" r:id="rIdF1"/>' : ''}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`;
  const files: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>${opts.header ? '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' : ''}${opts.footer ? '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' : ''}</Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/_rels/document.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdS1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdN1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}${sect}</w:body></w:document>`,
    'word/styles.xml': STYLES_XML,
    'word/numbering.xml': NUMBERING_XML,
    'word/media/image1.png': defaultPng(),
  };
  if (opts.header) files['word/header1.xml'] = hfXml('hdr', `<w:p><w:pPr><w:jc w:val="right"/></w:pPr>${runXml(opts.header)}</w:p>`);
  if (opts.footer) {
    files['word/footer1.xml'] = hfXml(
      'ftr',
      `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${runXml(`${opts.footer} `)}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>${runXml(' van ')}<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>`,
    );
  }
  for (const [name, v] of Object.entries(opts.override ?? {})) {
    if (v === null) delete files[name];
    else files[name] = v;
  }
  const zippable: Zippable = {};
  for (const [name, v] of Object.entries(files)) zippable[name] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(zippable, { level: 6 });
}

/** The blocks of a ~20-page Dutch progress report exercising everything the reader maps. */
export function dutchReportBlocks(sections = 12): DocxBlock[] {
  const blocks: DocxBlock[] = [
    { h: 1, text: 'Voortgangsrapportage C-1042 — re-integratie' },
    { p: [{ text: 'Opgesteld door ' }, { text: 'A. Jansen', b: true }, { text: ', ' }, { text: 'Regiokantoor Utrecht', i: true }, { text: '. ' }, { text: 'Vertrouwelijk', u: true }, { text: '.' }] },
  ];
  for (let s = 1; s <= sections; s++) {
    if (s === 7) blocks.push({ pageBreak: true });
    blocks.push({ h: 2, text: `${s}. Hoofdstuk over de voortgang (deel ${s})` });
    blocks.push({ p: [`Sectie ${s} alinea A. `, dutchParagraph(s)] });
    if (s === 2) blocks.push({ image: true });
    blocks.push({ h: 3, text: `${s}.1 Bevindingen en overwegingen` });
    blocks.push({ p: [`Sectie ${s} alinea B. `, { text: 'Belangrijk: ', b: true }, { text: dutchParagraph(s + 1, 4), i: true }] });
    blocks.push({ bullet: `Sectie ${s} opsomming één: gesprek met de cliënt` });
    blocks.push({ bullet: `Sectie ${s} opsomming twee: overleg met de coördinator` });
    blocks.push({ bullet: `Sectie ${s} opsomming drie (genest): vervolgafspraak`, level: 1 });
    blocks.push({ number: `Sectie ${s} stap een: intake afgerond` });
    blocks.push({ number: `Sectie ${s} stap twee: plan van aanpak opgesteld` });
    blocks.push({ number: `Sectie ${s} substap: evaluatie ingepland`, level: 1 });
    blocks.push({ p: [`Sectie ${s} alinea C. `, dutchParagraph(s + 2, 6)] });
    if (s === 3) {
      blocks.push({
        table: [
          ['Datum', 'Activiteit', 'Resultaat'],
          ['12-10-2026', 'Intakegesprek met cliënt', 'Afspraken gemaakt over opbouw'],
          ['19-10-2026', 'Overleg coördinator', dutchParagraph(9, 2)],
          ['26-10-2026', 'Evaluatie', 'Positief: € 1.250,00 vergoed'],
        ],
      });
    }
    blocks.push({ p: [`Sectie ${s} alinea D. `, dutchParagraph(s + 3, 7)] });
  }
  blocks.push({ p: [{ text: 'Einde van het rapport.', b: true, i: true }], align: 'center' });
  return blocks;
}

export function dutchReportDocx(sections = 26): Uint8Array {
  return makeDocx(dutchReportBlocks(sections), { header: 'Focus Nederland — vertrouwelijk', footer: 'Pagina' });
}

// ---------------------------------------------------------------------------------------------
// ODT.

const ODF = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  draw: 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
  svg: 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0',
};
const ODF_NS = Object.entries(ODF).map(([k, v]) => `xmlns:${k}="${v}"`).join(' ');

export function makeOdt(bodyXml?: string, opts: { manifest?: string; extra?: Record<string, Uint8Array>; stylesExtra?: string } = {}): Uint8Array {
  const body =
    bodyXml ??
    `<text:h text:outline-level="1">Rapportage cliënt C-1042</text:h>
<text:p text:style-name="P1">Eerste alinea met <text:span text:style-name="T1">vette</text:span> en <text:span text:style-name="T2">cursieve</text:span> tekst: reïntegratie, coördinator, € 12,50.</text:p>
<text:list text:style-name="L1"><text:list-item><text:p>Eerste punt van de opsomming</text:p></text:list-item><text:list-item><text:p>Tweede punt met ĳ en ë</text:p></text:list-item></text:list>
<text:list text:style-name="L2"><text:list-item><text:p>Stap één</text:p></text:list-item><text:list-item><text:p>Stap twee</text:p></text:list-item></text:list>
<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/><table:table-row><table:table-cell table:style-name="C1"><text:p>Datum</text:p></table:table-cell><table:table-cell table:style-name="C1"><text:p>Resultaat</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell table:style-name="C1"><text:p>12-10-2026</text:p></table:table-cell><table:table-cell table:style-name="C1"><text:p>Naïeve vraag beantwoord</text:p></table:table-cell></table:table-row></table:table>
<text:p>Afbeelding:</text:p><text:p><draw:frame svg:width="4cm" svg:height="2cm"><draw:image xlink:href="Pictures/logo.png"/></draw:frame></text:p>
<text:p text:style-name="PB">Laatste alinea op een nieuwe pagina, „slot”.</text:p>`;
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${ODF_NS} office:version="1.3"><office:automatic-styles>
<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/></style:style>
<style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="C1" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
<text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/></text:list-style>
</office:automatic-styles><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ODF_NS}><office:styles>${opts.stylesExtra ?? ''}</office:styles><office:master-styles><style:master-page style:name="Standard"><style:footer><text:p>Voettekst pagina <text:page-number>1</text:page-number></text:p></style:footer></style:master-page></office:master-styles></office:document-styles>`;
  const manifest =
    opts.manifest ??
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>`;
  const files: Zippable = {
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(content),
    'styles.xml': strToU8(styles),
    'META-INF/manifest.xml': strToU8(manifest),
    'Pictures/logo.png': makePng(160, 80),
    ...opts.extra,
  };
  return zipSync(files);
}

// ---------------------------------------------------------------------------------------------
// RTF, TXT, hostile inputs.

/** RTF with cp1252 escapes, \u escapes, emphasis, a table and a page break. */
export function makeRtf(): Uint8Array {
  const pngHex = Buffer.from(makePng(60, 30)).toString('hex').replace(/(.{120})/g, '$1\n');
  const rtf = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}{\f1\froman Times New Roman;}}{\colortbl;\red0\green0\blue0;}
{\stylesheet{\s0 Normal;}}{\info{\title Geheim}{\author Iemand}}{\*\generator Handwerk;}
\pard\qc\b Rapportage cli\'ebnt C-1042\b0\par
\pard Dit is een \b vet\b0 , \i cursief\i0  en \ul onderstreept\ulnone  woord. Co\'f6rdinator, re\'efntegratie, \u307?zer en \u8364? 12,50 \ldblquote citaat\rdblquote .\par
Tweede\tab alinea met een tab.\line Nieuwe regel in dezelfde alinea.\par
\trowd\cellx3000\cellx6000\intbl Datum\cell Resultaat\cell\row
\trowd\cellx3000\cellx6000\intbl 12-10-2026\cell Na\'efeve vraag\cell\row
\pard Na de tabel.\par
{\*\unknowndestination verborgen tekst}
{\*\shppict{\pict\pngblip\picw60\pich30\picwgoal1800\pichgoal900 ${pngHex}}}{\nonshppict{\pict\wmetafile8 0100}}
\page
Laatste pagina, \'84slot\'94.\par
}`;
  return strToU8(rtf);
}

export function makeTxt(): Uint8Array {
  return strToU8(
    'Geachte heer De Vries,\r\n\r\nHierbij ontvangt u de rapportage over cliënt C-1042.\r\nDe reïntegratie verloopt naar wens; kosten € 1.250,00.\r\n\r\nMet vriendelijke groet,\r\nA. Jansen — Regiokantoor Utrecht\r\n',
  );
}

/** A DOCX whose document part is a huge run of spaces: a few KB compressed, many MB inflated. */
export function zipBombDocx(inflatedBytes = 50 * 1024 * 1024): Uint8Array {
  const big = new Uint8Array(inflatedBytes).fill(0x20);
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'word/document.xml': [big, { level: 9 }],
  });
}

/** Well-formed, tiny when zipped (and under the zip reader's ratio grace size), but nested far deeper than any real document. */
export function nestedXmlDocx(depth = 20_000): Uint8Array {
  const xml = `<w:document xmlns:w="${W}"><w:body>${'<w:sdt><w:sdtContent>'.repeat(depth)}${'</w:sdtContent></w:sdt>'.repeat(depth)}</w:body></w:document>`;
  return makeDocx([], { override: { 'word/document.xml': xml } });
}

/** The OLE2 compound-file signature that starts a legacy .doc. */
export function legacyDoc(): Uint8Array {
  const b = new Uint8Array(1024);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return b;
}

/** What a password-protected DOCX looks like from outside: an OLE2 container with an EncryptedPackage stream. */
export function encryptedDocx(): Uint8Array {
  const b = legacyDoc();
  const name = Array.from('EncryptedPackage').flatMap((c) => [c.charCodeAt(0), 0]);
  b.set(name, 600);
  return b;
}
