import { PDFDocument, PDFName, PDFRawStream, PDFWriter } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { applyProtection } from '../../../../../utils/core/documents/pdf/protect.ts';
import { ENCRYPT_PIECE, encryptCbcInto, encryptedLength, saveProtected } from '../../../../../utils/core/documents/pdf/stream-encrypt.ts';
import { pageTexts } from '../../../../../utils/core/documents/pdf/verify.ts';
import { makeTextPdf } from '../../../../helpers/pdf-fixtures.ts';

const SAVE = { useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false };

/** A text page plus one raw "image" stream of `n` bytes whose contents we know. */
async function docWithImage(n: number): Promise<{ doc: PDFDocument; pixels: Uint8Array }> {
  const doc = await PDFDocument.load(await makeTextPdf(['Rapportage over het traject', 'tweede regel']), { updateMetadata: false });
  const pixels = new Uint8Array(n);
  for (let i = 0; i < n; i++) pixels[i] = (i * 131 + 7) & 0xff;
  const ctx = doc.context;
  const side = Math.floor(Math.sqrt(n));
  const img = ctx.register(ctx.stream(pixels, { Type: 'XObject', Subtype: 'Image', Width: side, Height: Math.floor(n / side), ColorSpace: 'DeviceGray', BitsPerComponent: 8 } as never));
  const page = doc.getPages()[0]!;
  page.node.newXObject('Scan', img);
  return { doc, pixels };
}

/** The image stream's contents as the library decrypts them on load (its own AES, not Web Crypto). */
async function imageAfterDecryption(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const doc = await PDFDocument.load(bytes, { password: '', updateMetadata: false });
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) return obj.getContents();
  }
  return undefined;
}

describe('saveProtected: streams encrypted into the output as it is written', () => {
  it('pads like AES-CBC with PKCS#7: IV plus whole blocks, always at least one byte of padding', () => {
    expect(encryptedLength(0)).toBe(32);
    expect(encryptedLength(15)).toBe(32);
    expect(encryptedLength(16)).toBe(48);
    expect(encryptedLength(1000)).toBe(16 + 1008);
  });

  it('encrypts piece by piece exactly as one AES-CBC call would, for lengths on and around the piece boundaries', async () => {
    const subtle = globalThis.crypto.subtle;
    const key = await subtle.importKey('raw', new Uint8Array(32).map((_, i) => i * 7 + 1), { name: 'AES-CBC' }, false, ['encrypt']);
    const iv = new Uint8Array(16).map((_, i) => 200 - i);
    const piece = 64; // four AES blocks: many pieces even for short inputs
    for (const n of [0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 1000]) {
      const plain = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      const whole = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv }, key, plain));
      const out = new Uint8Array(whole.length + 8).fill(0xee);
      const written = await encryptCbcInto(out, 3, plain, iv, key, piece);
      expect(written, `length ${n}`).toBe(whole.length);
      expect(written).toBe(encryptedLength(n) - 16);
      expect(out.subarray(3, 3 + written), `length ${n}`).toEqual(whole);
      expect([...out.subarray(0, 3), ...out.subarray(3 + written)].every((b) => b === 0xee)).toBe(true); // nothing written outside
    }
    // The default piece too, with a stream longer than two pieces and not a multiple of the block.
    const big = new Uint8Array(2 * ENCRYPT_PIECE + 1234).map((_, i) => (i * 13) & 0xff);
    const whole = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv }, key, big));
    const out = new Uint8Array(whole.length);
    expect(await encryptCbcInto(out, 0, big, iv, key)).toBe(whole.length);
    expect(out).toEqual(whole);
    await expect(encryptCbcInto(out, 0, big, iv, key, 100)).rejects.toThrow(/multiple of the AES block/);
  });

  it('writes a file the size the library writes, whose streams decrypt to the original bytes and whose text pdf.js reads', async () => {
    const mine = await docWithImage(10_007);
    applyProtection(mine.doc);
    const out = await saveProtected(mine.doc, SAVE);

    const theirs = await docWithImage(10_007);
    applyProtection(theirs.doc);
    const reference = await theirs.doc.save(SAVE);

    expect(out.length).toBe(reference.length);
    const text = new TextDecoder('latin1').decode(out);
    expect(text).toMatch(/\/Encrypt \d+ 0 R/);
    expect(text).not.toContain('Rapportage over het traject'); // the content stream is not in the clear
    expect(await imageAfterDecryption(out)).toEqual(mine.pixels);
    expect((await pageTexts(out)).join('\n')).toContain('Rapportage over het traject');
  });

  it('leaves the library as it was: its own encryption is back after the save, also when saves overlap', async () => {
    const before = (PDFWriter.prototype as unknown as { encrypt: unknown }).encrypt;
    const docs = await Promise.all([docWithImage(3000), docWithImage(5000), docWithImage(7000)]);
    for (const { doc } of docs) applyProtection(doc);
    const outs = await Promise.all(docs.map(({ doc }) => saveProtected(doc, SAVE)));
    expect((PDFWriter.prototype as unknown as { encrypt: unknown }).encrypt).toBe(before);
    for (const [i, out] of outs.entries()) expect(await imageAfterDecryption(out)).toEqual(docs[i]!.pixels);
    // A plain save of a protected document afterwards encrypts the library's way and still reads.
    const again = await docWithImage(2000);
    applyProtection(again.doc);
    expect(await imageAfterDecryption(await again.doc.save(SAVE))).toEqual(again.pixels);
  });

  it('saves an unprotected document unchanged (nothing to encrypt)', async () => {
    const { doc, pixels } = await docWithImage(4000);
    const out = await saveProtected(doc, SAVE);
    expect(new TextDecoder('latin1').decode(out)).not.toContain('/Encrypt');
    expect(await imageAfterDecryption(out)).toEqual(pixels);
  });
});
