// PDF fixtures built by the tests themselves: a realistic "everything in it" form PDF, and a
// hostile corpus written byte by byte so each defect is exactly the one intended.
import {
  PDFDocument,
  PDFName,
  PDFString,
  StandardFonts,
} from '@cantoo/pdf-lib';
import type { PDFContext, PDFDict, PDFPage, PDFRef } from '@cantoo/pdf-lib';

export const FIELD_NAME_VALUE = 'Jan de Vries';
export const FIELD_CHOICE_VALUE = 'Regiokantoor Utrecht';
export const NOTE_TEXT = 'Geheime notitie van de reviewer';
export const FREETEXT_TEXT = 'Opmerking in de marge';
export const EMBEDDED_TEXT = 'bijlage met BSN 123456782';
export const pageText = (i: number): string => `Voortgangsrapportage pagina ${i} van het traject`;
export const pageFieldValue = (i: number): string => `Veldwaarde-${i}`;

export interface FormPdfOptions {
  pages?: number;
  /** Leave pdf-lib's generated appearances out, so the flattener must draw the values itself. */
  withoutAppearances?: boolean;
}

const enc = new TextEncoder();

function formXObject(ctx: PDFContext, w: number, h: number, ops: string, resources?: PDFDict): PDFRef {
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, w, h],
  };
  if (resources) dict.Resources = resources;
  return ctx.register(ctx.stream(ops, dict as never));
}

function addAnnot(page: PDFPage, ref: PDFRef): void {
  const ctx = page.doc.context;
  const annots = page.node.Annots();
  if (annots) annots.push(ref);
  else page.node.set(PDFName.of('Annots'), ctx.obj([ref]));
}

/**
 * The kitchen-sink form: filled text / checkbox / choice fields, annotations of several kinds,
 * document and page JavaScript, an embedded file, a FileAttachment annotation, full Info and XMP.
 */
export async function makeFormPdf(opts: FormPdfOptions = {}): Promise<Uint8Array> {
  const pageCount = opts.pages ?? 100;
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const form = doc.getForm();
  const fontRes = ctx.obj({ Font: { Helv: font.ref } });

  for (let i = 1; i <= pageCount; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(pageText(i), { x: 50, y: 780, size: 14, font });
    page.drawText('Naam:', { x: 50, y: 700, size: 11, font });

    const tf = form.createTextField(`veld.p${i}`);
    tf.setText(pageFieldValue(i));
    tf.addToPage(page, { x: 120, y: 640, width: 200, height: 22, font });

    if (i === 1) {
      const name = form.createTextField('naam');
      name.setText(FIELD_NAME_VALUE);
      name.addToPage(page, { x: 120, y: 695, width: 220, height: 22, font });
      const cb = form.createCheckBox('akkoord');
      cb.addToPage(page, { x: 120, y: 600, width: 18, height: 18 });
      cb.check();
      const dd = form.createDropdown('regio');
      dd.addOptions(['Regiokantoor Amsterdam', FIELD_CHOICE_VALUE]);
      dd.select(FIELD_CHOICE_VALUE);
      dd.addToPage(page, { x: 120, y: 560, width: 220, height: 22, font });
    }

    // Sticky note (Text) with a Popup.
    const note = ctx.register(ctx.obj({
      Type: 'Annot', Subtype: 'Text', Rect: [400, 760, 420, 780],
      Contents: PDFString.of(NOTE_TEXT), T: PDFString.of('Reviewer'), F: 4,
    }));
    addAnnot(page, note);
    // Highlight over the heading, with its own appearance.
    // Real highlight appearances multiply onto the text beneath instead of covering it.
    const multiply = ctx.obj({ ExtGState: { GS0: { Type: 'ExtGState', BM: 'Multiply' } } });
    const hlAp = formXObject(ctx, 300, 18, '/GS0 gs 1 1 0 rg 0 0 300 18 re f', multiply);
    addAnnot(page, ctx.register(ctx.obj({
      Type: 'Annot', Subtype: 'Highlight', Rect: [48, 776, 348, 794], F: 4,
      QuadPoints: [48, 794, 348, 794, 48, 776, 348, 776], C: [1, 1, 0],
      AP: { N: hlAp },
    })));
    // FreeText with an appearance showing its text.
    const ftAp = formXObject(ctx, 200, 20, `BT /Helv 10 Tf 2 6 Td (${FREETEXT_TEXT}) Tj ET`, fontRes);
    addAnnot(page, ctx.register(ctx.obj({
      Type: 'Annot', Subtype: 'FreeText', Rect: [350, 500, 550, 520], F: 4,
      Contents: PDFString.of(FREETEXT_TEXT), DA: PDFString.of('/Helv 10 Tf 0 g'),
      AP: { N: ftAp },
    })));
    // A plain link (URI) that must survive, and a JavaScript link that must not.
    addAnnot(page, ctx.register(ctx.obj({
      Type: 'Annot', Subtype: 'Link', Rect: [50, 100, 250, 120], Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of('https://www.uwv.nl/') },
    })));
    addAnnot(page, ctx.register(ctx.obj({
      Type: 'Annot', Subtype: 'Link', Rect: [300, 100, 500, 120], Border: [0, 0, 0],
      A: { Type: 'Action', S: 'JavaScript', JS: PDFString.of("app.alert('link')") },
    })));
    // Page open action.
    page.node.set(PDFName.of('AA'), ctx.obj({
      O: { Type: 'Action', S: 'JavaScript', JS: PDFString.of("app.alert('page open')") },
    }));
  }

  // Embedded file (names tree) + a FileAttachment annotation on page 2 (or 1).
  await doc.attach(enc.encode(EMBEDDED_TEXT), 'bijlage.txt', { mimeType: 'text/plain', description: 'bijlage' });
  const fileStream = ctx.register(ctx.stream(EMBEDDED_TEXT, { Type: 'EmbeddedFile' } as never));
  const fileSpec = ctx.register(ctx.obj({
    Type: 'Filespec', F: PDFString.of('extra.txt'), UF: PDFString.of('extra.txt'), EF: { F: fileStream },
  }));
  const attachPage = doc.getPage(Math.min(1, pageCount - 1));
  addAnnot(attachPage, ctx.register(ctx.obj({
    Type: 'Annot', Subtype: 'FileAttachment', Rect: [500, 700, 520, 720], FS: fileSpec, F: 4,
  })));

  // Document JavaScript (names tree) and an OpenAction script.
  doc.addJavaScript('init', "app.alert('document script');");
  doc.catalog.set(PDFName.of('OpenAction'), ctx.obj({
    Type: 'Action', S: 'JavaScript', JS: PDFString.of("app.alert('open');"),
  }));
  doc.catalog.set(PDFName.of('AA'), ctx.obj({
    WC: { Type: 'Action', S: 'JavaScript', JS: PDFString.of("app.alert('close');") },
  }));

  doc.setTitle('Rapport C-1042');
  doc.setAuthor('A. Jansen');
  doc.setSubject('Voortgang');
  doc.setKeywords(['re-integratie', 'C-1042']);
  doc.setCreator('Word');
  doc.setProducer('Test producer');
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>A. Jansen</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' } as never)));

  if (opts.withoutAppearances) {
    const bytes = await doc.save({ updateFieldAppearances: false });
    return stripWidgetAppearances(bytes);
  }
  return doc.save();
}

/** Remove /AP from every widget (so the flattener has to generate appearances). */
async function stripWidgetAppearances(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const field of doc.getForm().getFields()) {
    for (const w of field.acroField.getWidgets()) w.dict.delete(PDFName.of('AP'));
  }
  return doc.save({ updateFieldAppearances: false });
}

/**
 * The memory benches' input (bench/flatten.bench.ts, bench/offscreen-memory.bench.ts): `form`
 * (the 100-page makeFormPdf) plus one incompressible 490×490 grey image per page, about 25 MB:
 * a scan-heavy report with fields, annotations and a link on every page.
 */
export async function makeScanHeavyPdf(form: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(form, { updateMetadata: false });
  const ctx = doc.context;
  let seed = 7;
  for (const page of doc.getPages()) {
    const px = new Uint8Array(490 * 490);
    for (let i = 0; i < px.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      px[i] = seed >> 16;
    }
    const img = ctx.register(ctx.stream(px, { Type: 'XObject', Subtype: 'Image', Width: 490, Height: 490, ColorSpace: 'DeviceGray', BitsPerComponent: 8 } as never));
    const name = page.node.newXObject('Scan', img);
    const ops = ctx.register(ctx.stream(`q 200 0 0 200 300 50 cm /${name.decodeText()} Do Q`));
    page.node.addContentStream(ops);
    page.node.delete(PDFName.of('Thumb'));
  }
  return doc.save();
}

/** A plain text PDF, one line per page, with no Info entries (already flat). */
export async function makeTextPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of lines) {
    const page = doc.addPage([595, 842]);
    page.drawText(line, { x: 50, y: 780, size: 14, font });
  }
  return doc.save();
}

/** Encrypted so that opening needs a password. */
export async function makeUserPasswordPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await makeTextPdf(['Vertrouwelijk']));
  doc.encrypt({ userPassword: 'geheim', ownerPassword: 'eigenaar' });
  return doc.save();
}

/** Encrypted only for permissions (opens without a password), with a filled form. */
export async function makeOwnerOnlyEncryptedFormPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await makeFormPdf({ pages: 2 }));
  doc.encrypt({ userPassword: '', ownerPassword: 'eigenaar', permissions: { modifying: false } });
  return doc.save();
}

// ---------------------------------------------------------------------------------------------
// Hand-written PDFs for the hostile corpus.

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/**
 * A classic PDF with a correct xref for the given object bodies (object i+1 = bodies[i]).
 * Object 1 must be the catalog.
 */
export function rawPdf(bodies: string[], opts: { trailerExtra?: string } = {}): Uint8Array {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R ${opts.trailerExtra ?? ''}>>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}

const page = (parent: number, contents: number, extra = ''): string =>
  `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 300 300] /Contents ${contents} 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> ${extra} >> >>`;
const textStream = (text: string): string => {
  const s = `BT /F1 12 Tf 20 200 Td (${text}) Tj ET`;
  return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
};

export function makeMinimalRawPdf(text = 'Gewoon een pagina'): Uint8Array {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2, 4),
    textStream(text),
  ]);
}

export interface HostileCase {
  name: string;
  bytes: Uint8Array;
}

/** Every case must end in "flattened and verified" or a one-line refusal, quickly. */
export async function makeHostileCorpus(): Promise<HostileCase[]> {
  const good = await makeFormPdf({ pages: 3 });
  const minimal = makeMinimalRawPdf();
  const minimalText = new TextDecoder('latin1').decode(minimal);

  const corruptXref = latin1(minimalText.replace(/(\d{10}) 00000 n/g, () => '9999999999 00000 n'));
  const badStartxref = latin1(minimalText.replace(/startxref\n\d+/, 'startxref\n123456789'));

  const loop = rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
    page(2, 4),
    textStream('Lus'),
    '<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>',
  ]);

  const depth = 50_000;
  const nested = rawPdf([
    '<< /Type /Catalog /Pages 2 0 R /Deep 5 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2, 4),
    textStream('Diep genest'),
    `${'['.repeat(depth)}${']'.repeat(depth)}`,
  ]);

  const img = 'x'.repeat(64);
  const hugeImage = rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2, 4, '/XObject << /Im1 5 0 R >>'),
    (() => {
      const s = 'BT /F1 12 Tf 20 250 Td (Groot plaatje) Tj ET q 100 0 0 100 20 20 cm /Im1 Do Q';
      return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
    })(),
    `<< /Type /XObject /Subtype /Image /Width 200000 /Height 200000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${img.length} >>\nstream\n${img}\nendstream`,
  ]);

  const lengthShort = latin1(minimalText.replace(/\/Length \d+/, '/Length 5'));
  const lengthHuge = latin1(minimalText.replace(/\/Length \d+/, '/Length 99999999'));

  const selfRef = rawPdf([
    '<< /Type /Catalog /Pages 2 0 R /Self 1 0 R /Loop 5 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2, 4, ''),
    textStream('Zelfverwijzing'),
    '<< /Next 5 0 R /Me [5 0 R 5 0 R] >>',
  ]);

  // A widget whose field /Parent chain loops, with an action chain that loops too.
  const fieldLoop = rawPdf([
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> /OpenAction 7 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `${page(2, 4).slice(0, -2)} /Annots [5 0 R] >>`,
    textStream('Veld met lus'),
    '<< /Type /Annot /Subtype /Widget /FT /Tx /T (a) /V (waarde) /Rect [20 20 200 40] /Parent 6 0 R >>',
    '<< /T (p) /Parent 5 0 R /Kids [5 0 R] >>',
    '<< /S /JavaScript /JS (app.alert(1)) /Next 7 0 R >>',
  ]);

  // One object holding a huge array of nulls: made an old pdf-lib parse for 22 minutes
  // (Hopding/pdf-lib#95).
  const nulls = rawPdf([
    '<< /Type /Catalog /Pages 2 0 R /Junk 5 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2, 4),
    textStream('Nullen'),
    `[${'null '.repeat(200_000)}]`,
  ]);

  const rnd = new Uint8Array(20_000);
  let seed = 12345;
  for (let i = 0; i < rnd.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    rnd[i] = seed & 0xff;
  }
  const garbageWithHeader = new Uint8Array(rnd.length + 9);
  garbageWithHeader.set(latin1('%PDF-1.7\n'));
  garbageWithHeader.set(rnd, 9);

  return [
    { name: 'truncated', bytes: good.slice(0, Math.floor(good.length * 0.6)) },
    { name: 'truncated to header', bytes: good.slice(0, 40) },
    { name: 'corrupt xref offsets', bytes: corruptXref },
    { name: 'startxref points nowhere', bytes: badStartxref },
    { name: 'user password', bytes: await makeUserPasswordPdf() },
    { name: 'page tree loop', bytes: loop },
    { name: 'deeply nested arrays', bytes: nested },
    { name: 'huge declared image', bytes: hugeImage },
    { name: '/Length too short', bytes: lengthShort },
    { name: '/Length too long', bytes: lengthHuge },
    { name: 'self-referencing objects', bytes: selfRef },
    { name: 'field parent and action loops', bytes: fieldLoop },
    { name: 'huge array of nulls', bytes: nulls },
    { name: 'garbage after a PDF header', bytes: garbageWithHeader },
    { name: 'garbage', bytes: rnd },
    { name: 'empty', bytes: new Uint8Array(0) },
  ];
}
