import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { pageTexts, verifyPdfFlat } from '../../../../../utils/core/documents/pdf/verify.ts';
import { makeTextPdf, makeUserPasswordPdf, rawPdf } from '../../../../helpers/pdf-fixtures.ts';

/** A clean one-page PDF with exactly one defect added by `edit`. */
async function withDefect(edit: (doc: PDFDocument) => void | Promise<void>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await makeTextPdf(['Schone pagina']), { updateMetadata: false });
  await edit(doc);
  return doc.save();
}

function addAnnot(doc: PDFDocument, dict: Record<string, unknown>): void {
  const ref = doc.context.register(doc.context.obj({ Type: 'Annot', Rect: [10, 10, 60, 30], ...dict } as never));
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([ref]));
}

describe('verifyPdfFlat', () => {
  it('accepts a plain text PDF with a URI link', async () => {
    const pdf = await withDefect((doc) => addAnnot(doc, { Subtype: 'Link', A: { S: 'URI', URI: PDFString.of('https://example.org/') } }));
    expect(await verifyPdfFlat(pdf)).toMatchObject({ flat: true, problems: [] });
  });

  const cases: [string, (doc: PDFDocument) => void | Promise<void>, RegExp][] = [
    ['an Info Title', (doc) => doc.setTitle('Rapport'), /Info entry Title/],
    ['a custom Info entry', (doc) => {
      doc.context.trailerInfo.Info = doc.context.register(doc.context.obj({ Client: PDFString.of('C-1042') }));
    }, /Info entry Client/],
    ['XMP metadata', (doc) => {
      const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>';
      doc.catalog.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' } as never)));
    }, /XMP metadata present/],
    ['a form field', (doc) => {
      doc.getForm().createTextField('naam').addToPage(doc.getPage(0), { x: 10, y: 10, width: 100, height: 20 });
    }, /AcroForm present|form fields present/],
    ['an XFA form', (doc) => {
      const xfa = doc.context.register(doc.context.stream('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"/>'));
      doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [], XFA: xfa }));
    }, /XFA form present/],
    ['document JavaScript', (doc) => doc.addJavaScript('x', 'app.alert(1)'), /document JavaScript/],
    ['an OpenAction script', (doc) => {
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
    }, /document JavaScript \(OpenAction\)/],
    ['a page action', (doc) => {
      doc.getPage(0).node.set(PDFName.of('AA'), doc.context.obj({ O: { S: 'JavaScript', JS: PDFString.of('app.alert(1)') } }));
    }, /page 1: page actions/],
    ['an embedded file', async (doc) => {
      await doc.attach(new TextEncoder().encode('x'), 'x.txt', { mimeType: 'text/plain' });
    }, /embedded files \(1\)/],
    ['a Text annotation', (doc) => addAnnot(doc, { Subtype: 'Text', Contents: PDFString.of('notitie') }), /page 1: Text annotation/],
    ['a JavaScript link', (doc) => addAnnot(doc, { Subtype: 'Link', A: { S: 'JavaScript', JS: PDFString.of('app.alert(1)') } }), /page 1: link without a URL/],
    ['a Launch link', (doc) => addAnnot(doc, { Subtype: 'Link', A: { S: 'Launch', F: PDFString.of('calc.exe') } }), /page 1: link/],
    // Hidden and not printable (F = Hidden, no Print flag): no viewer shows it, the check still sees it.
    ['a hidden, unprintable file attachment annotation', (doc) => addAnnot(doc, { Subtype: 'FileAttachment', F: 2, Contents: PDFString.of('bijlage') }), /page 1: FileAttachment annotation/],
    ['an annotation on the second page only', async (doc) => {
      const page = doc.addPage();
      page.drawText('Tweede pagina');
      const ref = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Square', Rect: [10, 10, 60, 30] } as never));
      page.node.set(PDFName.of('Annots'), doc.context.obj([ref]));
    }, /^page 2: Square annotation$/m],
  ];
  for (const [what, edit, expected] of cases) {
    it(`flags ${what}`, async () => {
      const result = await verifyPdfFlat(await withDefect(edit));
      expect(result.flat).toBe(false);
      expect(result.problems.join('\n')).toMatch(expected);
    });
  }

  it('reports a PDF that needs a password as not flat', async () => {
    expect(await verifyPdfFlat(await makeUserPasswordPdf())).toEqual({
      flat: false,
      problems: ['encrypted for opening: a password is needed'],
      texts: [],
    });
  });

  it('hands back the text of every page it checked, words on adjacent lines kept apart', async () => {
    const pdf = await makeTextPdf(['Eerste regel\nTweede regel', 'Derde pagina']);
    const { texts } = await verifyPdfFlat(pdf);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/Eerste regel\s+Tweede regel/);
    expect(texts[1]).toContain('Derde pagina');
  });

  it('compares page text with the text before flattening', async () => {
    const pdf = await makeTextPdf(['Eerste pagina', 'Tweede pagina']);
    expect((await verifyPdfFlat(pdf, { expectText: await pageTexts(pdf) })).flat).toBe(true);
    const changed = await verifyPdfFlat(pdf, { expectText: ['Eerste pagina', 'Iets anders'] });
    expect(changed.problems).toEqual(['page 2: text differs from before flattening']);
    const fewer = await verifyPdfFlat(pdf, { expectText: ['Eerste pagina'] });
    expect(fewer.problems.join('\n')).toMatch(/page count changed/);
  });

  it("throws kind 'unreadable' for a PDF without pages, clean as the rest of it is: nothing to show a recipient", async () => {
    const pageless = rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    await expect(verifyPdfFlat(pageless)).rejects.toMatchObject({ kind: 'unreadable', message: 'PDF has no pages' });
    // A PDF with a page and nothing else wrong still passes.
    expect((await verifyPdfFlat(await makeTextPdf(['Eén pagina']))).flat).toBe(true);
  });

  it('with expectEncrypted, flags an output that is not encrypted and accepts one that is', async () => {
    const plain = await makeTextPdf(['Beschermd verslag']);
    expect(await verifyPdfFlat(plain, { expectEncrypted: true })).toMatchObject({ flat: false, problems: ['not encrypted, though protection was asked for'] });
    const doc = await PDFDocument.load(plain, { updateMetadata: false });
    doc.encrypt({ userPassword: '', ownerPassword: 'eigenaar', permissions: { modifying: false } });
    const protectedPdf = await doc.save();
    const result = await verifyPdfFlat(protectedPdf, { expectEncrypted: true, expectText: await pageTexts(plain) });
    expect(result).toMatchObject({ flat: true, problems: [] });
    expect(result.texts.join('')).toContain('Beschermd verslag');
  });

  it("throws kind 'unreadable' for bytes pdf.js cannot open", async () => {
    await expect(verifyPdfFlat(new TextEncoder().encode('no pdf at all'))).rejects.toMatchObject({ kind: 'unreadable' });
  });
});
