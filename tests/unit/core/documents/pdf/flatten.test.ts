import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { flattenPdf } from '../../../../../utils/core/documents/pdf/flatten.ts';
import { PdfError } from '../../../../../utils/core/documents/pdf/errors.ts';
import { pageTexts, verifyPdfFlat } from '../../../../../utils/core/documents/pdf/verify.ts';
import {
  EMBEDDED_TEXT,
  FIELD_CHOICE_VALUE,
  FIELD_NAME_VALUE,
  makeFormPdf,
  makeOwnerOnlyEncryptedFormPdf,
  makeTextPdf,
  makeUserPasswordPdf,
  pageFieldValue,
  pageText,
} from '../../../../helpers/pdf-fixtures.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };
const latin1 = (b: Uint8Array): string => new TextDecoder('latin1').decode(b);

async function annotationSubtypes(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { password: '', updateMetadata: false });
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    for (const ref of annots?.asArray() ?? []) {
      const a = doc.context.lookup(ref, PDFDict);
      out.push(a.lookup(PDFName.of('Subtype'), PDFName).decodeText());
    }
  }
  return out;
}

describe('flattenPdf on a filled form with everything in it', () => {
  let form: Uint8Array;
  let flat: Awaited<ReturnType<typeof flattenPdf>>;

  beforeAll(async () => {
    form = await makeFormPdf({ pages: 3 });
    flat = await flattenPdf(form, { limits, protect: false });
  });

  it('keeps the pages and reports what it removed', () => {
    expect(flat.pages).toBe(3);
    expect(flat.removed.join('\n')).toMatch(/AcroForm/);
    expect(flat.removed.join('\n')).toMatch(/document JavaScript/);
    expect(flat.removed.join('\n')).toMatch(/embedded files/);
    expect(flat.removed.join('\n')).toMatch(/Link with JavaScript action/);
  });

  it('the input is not flat and the output is, by the independent verifier', async () => {
    const before = await verifyPdfFlat(form);
    expect(before.flat).toBe(false);
    expect(before.problems).toEqual(
      expect.arrayContaining(['AcroForm present', 'XMP metadata present', 'Info entry Title', 'embedded files (1)']),
    );
    const after = await verifyPdfFlat(flat.bytes, { expectText: await pageTexts(form) });
    expect(after).toMatchObject({ flat: true, problems: [] });
  });

  it('leaves only the plain URI link on each page', async () => {
    expect(await annotationSubtypes(flat.bytes)).toEqual(['Link', 'Link', 'Link']);
    expect(latin1(flat.bytes)).toContain('https://www.uwv.nl/');
  });

  it('renders field values into the page content (text extraction finds them)', async () => {
    const texts = await pageTexts(flat.bytes);
    expect(texts[0]).toContain(FIELD_NAME_VALUE);
    expect(texts[0]).toContain(FIELD_CHOICE_VALUE);
    expect(texts[2]).toContain(pageFieldValue(3));
    expect(texts[1]).toContain(pageText(2));
  });

  it('drops removed data from the bytes, not just from the structure', () => {
    const text = latin1(flat.bytes);
    expect(text).not.toContain(EMBEDDED_TEXT);
    expect(text).not.toContain('app.alert');
    expect(text).not.toContain('A. Jansen');
    expect(text).not.toMatch(/\/JavaScript|\/AcroForm|\/EmbeddedFiles|\/Metadata|\/AA\b/);
  });

  it('keeps only Producer, CreationDate and ModDate in Info', async () => {
    const doc = await PDFDocument.load(flat.bytes, { updateMetadata: false });
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    expect(info.keys().map((k) => k.decodeText()).toSorted()).toEqual(['CreationDate', 'ModDate', 'Producer']);
  });
});

describe('flattenPdf edge cases', () => {
  it('draws values of fields that have no appearance stream', async () => {
    const bare = await makeFormPdf({ pages: 2, withoutAppearances: true });
    const flat = await flattenPdf(bare, { limits, protect: false });
    const texts = await pageTexts(flat.bytes);
    expect(texts[0]).toContain(FIELD_NAME_VALUE);
    expect(texts[0]).toContain(FIELD_CHOICE_VALUE);
    expect(texts[1]).toContain(pageFieldValue(2));
    expect((await verifyPdfFlat(flat.bytes)).flat).toBe(true);
  });

  it('protects with permissions but no open password; the verifier accepts it', async () => {
    const flat = await flattenPdf(await makeFormPdf({ pages: 1 }), { limits, protect: true });
    expect(latin1(flat.bytes)).toMatch(/\/Encrypt\s+\d+ 0 R/);
    const reopened = await PDFDocument.load(flat.bytes, { password: '', updateMetadata: false });
    expect(reopened.getPageCount()).toBe(1);
    expect(await verifyPdfFlat(flat.bytes)).toMatchObject({ flat: true, problems: [] });
    // Strings must survive encryption (the link target is checked by pdf.js as a URL).
    const texts = await pageTexts(flat.bytes);
    expect(texts[0]).toContain(FIELD_NAME_VALUE);
  });

  it('opens a file encrypted only for permissions', async () => {
    const flat = await flattenPdf(await makeOwnerOnlyEncryptedFormPdf(), { limits, protect: false });
    expect(flat.pages).toBe(2);
    expect(latin1(flat.bytes)).not.toContain('/Encrypt');
    expect((await verifyPdfFlat(flat.bytes)).flat).toBe(true);
  });

  it("refuses a file that needs a password with kind 'encrypted'", async () => {
    await expect(flattenPdf(await makeUserPasswordPdf(), { limits, protect: false })).rejects.toMatchObject({ kind: 'encrypted' });
  });

  it('refuses by size and page count', async () => {
    const pdf = await makeTextPdf(['een', 'twee', 'drie']);
    await expect(flattenPdf(pdf, { limits: { ...limits, maxBytes: 100 }, protect: false })).rejects.toMatchObject({ kind: 'too-large' });
    await expect(flattenPdf(pdf, { limits: { ...limits, maxPages: 2 }, protect: false })).rejects.toMatchObject({ kind: 'too-many-pages' });
  });

  it("refuses non-PDF bytes as 'corrupt' with a one-line reason", async () => {
    const err = await flattenPdf(new TextEncoder().encode('hello'), { limits, protect: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfError);
    expect((err as PdfError).kind).toBe('corrupt');
    expect((err as PdfError).message).not.toContain('\n');
  });

  it('leaves the caller\'s input bytes untouched (streams are parsed as views into them)', async () => {
    const input = await makeFormPdf({ pages: 2 });
    const copy = input.slice();
    await Promise.all([flattenPdf(input, { limits, protect: true }), flattenPdf(input, { limits, protect: false })]);
    expect(Buffer.from(input).equals(Buffer.from(copy))).toBe(true);
    // And pdf-lib's own loading is back to normal afterwards: streams are copies again.
    const doc = await PDFDocument.load(input, { updateMetadata: false });
    const found = doc.context.enumerateIndirectObjects().find(([, o]) => o instanceof PDFRawStream);
    expect(found).toBeDefined();
    expect((found![1] as PDFRawStream).contents.buffer).not.toBe(input.buffer);
  });

  it('removes links whose URI is not a web or mail address, and script actions in outlines', async () => {
    const doc = await PDFDocument.load(await makeTextPdf(['links']));
    const ctx = doc.context;
    const page = doc.getPage(0);
    const fileLink = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], A: { S: 'URI', URI: PDFString.of('file:///etc/passwd') } }));
    const mailLink = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 20, 10, 30], A: { S: 'URI', URI: PDFString.of('mailto:hr@werkgever-a.nl') } }));
    page.node.set(PDFName.of('Annots'), ctx.obj([fileLink, mailLink]));
    const outlineItem = ctx.nextRef();
    const outlines = ctx.register(ctx.obj({ Type: 'Outlines', First: outlineItem, Last: outlineItem, Count: 1 }));
    ctx.assign(outlineItem, ctx.obj({ Title: PDFString.of('Start'), Parent: outlines, A: { S: 'JavaScript', JS: PDFString.of('app.alert(2)') } }));
    doc.catalog.set(PDFName.of('Outlines'), outlines);
    const flat = await flattenPdf(await doc.save(), { limits, protect: false });
    expect(await annotationSubtypes(flat.bytes)).toEqual(['Link']);
    const text = latin1(flat.bytes);
    expect(text).toContain('mailto:hr@werkgever-a.nl');
    expect(text).not.toContain('file:///etc/passwd');
    expect(text).not.toContain('app.alert');
    expect(text).toContain('/Outlines');
  });
});
