import { PDFContext, PDFCrossRefStream, PDFDocument, PDFRef } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { fastXrefStreams } from '../../../../../utils/core/documents/pdf/xref-stream-fix.ts';

type Entry = { ref: PDFRef; offset?: number };
const entriesOf = (x: PDFCrossRefStream): Entry[] => (x as unknown as { entries: Entry[] }).entries;

describe('cross-reference stream insertion (pdf-lib speed fix)', () => {
  it('is installed on the library class', () => {
    expect(fastXrefStreams()).toBe(true);
  });

  it('keeps entries sorted by object number, equal numbers in insertion order, whatever the order they come in', () => {
    const ctx = PDFContext.create();
    const xref = PDFCrossRefStream.create(ctx.obj({}));
    const numbers = [5, 1, 9, 3, 3, 7, 2, 9, 0, 8, 4, 6, 1];
    // (the stream starts with the free-list head, object 0, which has no offset)
    numbers.forEach((n, i) => xref.addUncompressedEntry(PDFRef.of(n), i));
    const got = entriesOf(xref).filter((e) => e.offset !== undefined).map((e) => [e.ref.objectNumber, e.offset]);
    const expected = numbers.map((n, i) => [n, i]).toSorted((a, b) => a[0]! - b[0]!); // stable sort
    expect(got).toEqual(expected);
  });

  it('a document with many objects saves with object streams and reads back whole', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const refs = Array.from({ length: 3000 }, (_, i) => doc.context.register(doc.context.obj({ N: i })));
    page.node.set(doc.context.obj('Many') as never, doc.context.obj(refs));
    const bytes = await doc.save({ useObjectStreams: true });
    const back = await PDFDocument.load(bytes);
    expect(back.context.enumerateIndirectObjects().length).toBeGreaterThanOrEqual(3000);
  });
});
