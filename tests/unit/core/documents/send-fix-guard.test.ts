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
