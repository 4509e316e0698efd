// In a file of its own: the module mock below resets the module graph, which the other send-fix
// tests must not share (a fresh graph has its own PdfError class).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeFormPdf } from '../../../helpers/pdf-fixtures.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };

afterEach(() => {
  vi.doUnmock('../../../../utils/core/documents/pdf/flatten.ts');
  vi.resetModules();
});

describe('makeSendable behind a broken flattener', () => {
  it('never returns a PDF that fails verification', async () => {
    // A flattener that does nothing: the verifier must catch it and the pipeline must throw.
    vi.doMock('../../../../utils/core/documents/pdf/flatten.ts', () => ({
      flattenPdf: async (bytes: Uint8Array) => ({ bytes, pages: 2, removed: [] }),
    }));
    vi.resetModules();
    const { makeSendable: leaky } = await import('../../../../utils/core/documents/send-fix.ts');
    const err = await leaky(await makeFormPdf({ pages: 2 }), 'pdf', { limits }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'verify-failed' });
    expect((err as { problems: string[] }).problems).toContain('AcroForm present');
  });
});

describe('makeSendable behind a flattener that ignores protection', () => {
  it('refuses the unencrypted output: protection asked for is checked, not assumed', async () => {
    vi.doMock('../../../../utils/core/documents/pdf/flatten.ts', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../../../utils/core/documents/pdf/flatten.ts')>();
      return { flattenPdf: (bytes: Uint8Array, opts: Parameters<typeof real.flattenPdf>[1]) => real.flattenPdf(bytes, { ...opts, protect: false }) };
    });
    vi.resetModules();
    const { makeSendable } = await import('../../../../utils/core/documents/send-fix.ts');
    const err = await makeSendable(await makeFormPdf({ pages: 2 }), 'pdf', { limits }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'verify-failed', problems: ['not encrypted, though protection was asked for'] });
    // Without protection asked for, the same output is what is wanted.
    const out = await makeSendable(await makeFormPdf({ pages: 2 }), 'pdf', { limits, protect: false });
    expect(out.pages).toBe(2);
  });
});

describe('makeSendable behind a verifier that writes into what it reads', () => {
  afterEach(() => {
    vi.doUnmock('../../../../utils/core/documents/pdf/verify.ts');
    vi.resetModules();
  });

  it('refuses the PDF: the bytes pdf.js read in place must be the bytes that are sent', async () => {
    // pdf.js reads a protected output in place (no copy); should it ever change a byte of it
    // (as it does when it repairs a font stored unfiltered), the hash taken before the check
    // no longer matches and nothing is returned.
    const seen: boolean[] = [];
    vi.doMock('../../../../utils/core/documents/pdf/verify.ts', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../../../utils/core/documents/pdf/verify.ts')>();
      return {
        ...real,
        verifyPdfFlat: async (bytes: Uint8Array, opts: Parameters<typeof real.verifyPdfFlat>[1]) => {
          const result = await real.verifyPdfFlat(bytes, opts);
          seen.push(opts?.share === true);
          bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x01; // one bit, after a clean check
          return result;
        },
      };
    });
    vi.resetModules();
    const { makeSendable } = await import('../../../../utils/core/documents/send-fix.ts');
    const err = await makeSendable(await makeFormPdf({ pages: 1 }), 'pdf', { limits }).catch((e: unknown) => e);
    expect(seen).toEqual([true]); // protected (the default): read in place
    expect(err).toMatchObject({ kind: 'verify-failed', message: 'flattened PDF changed while it was being verified' });
  });
});
