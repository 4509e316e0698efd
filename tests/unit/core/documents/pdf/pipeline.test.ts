import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../../../../utils/core/documents/hash.ts';
import { makeSendable } from '../../../../../utils/core/documents/pdf/pipeline.ts';
import { pageTexts, verifyPdfFlat } from '../../../../../utils/core/documents/pdf/verify.ts';
import { FIELD_NAME_VALUE, makeFormPdf, makeUserPasswordPdf } from '../../../../helpers/pdf-fixtures.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };

afterEach(() => {
  vi.doUnmock('../../../../../utils/core/documents/pdf/flatten.ts');
  vi.resetModules();
});

describe('makeSendable', () => {
  it('flattens a PDF, protects it and returns the hash of the bytes it returns', async () => {
    const out = await makeSendable(await makeFormPdf({ pages: 2 }), 'pdf', { limits });
    expect(out.action).toBe('flattened');
    expect(out.pages).toBe(2);
    expect(out.sha256).toBe(await sha256Hex(out.bytes));
    expect(new TextDecoder('latin1').decode(out.bytes)).toContain('/Encrypt');
    expect((await verifyPdfFlat(out.bytes)).flat).toBe(true);
    expect((await pageTexts(out.bytes))[0]).toContain(FIELD_NAME_VALUE);
  });

  it('leaves protection off when the policy says so', async () => {
    const out = await makeSendable(await makeFormPdf({ pages: 1 }), 'pdf', { limits, protect: false });
    expect(new TextDecoder('latin1').decode(out.bytes)).not.toContain('/Encrypt');
  });

  it('converts plain text through the converter, then flattens', async () => {
    const out = await makeSendable(new TextEncoder().encode('Voortgang van het traject\nTweede regel\n'), 'txt', { limits });
    expect(out.action).toBe('converted');
    expect((await pageTexts(out.bytes)).join(' ')).toContain('Voortgang van het traject');
  });

  it('refuses types that cannot become a PDF, and encrypted PDFs, with typed errors', async () => {
    await expect(makeSendable(new Uint8Array([1, 2, 3]), 'unknown', { limits })).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(makeSendable(await makeUserPasswordPdf(), 'pdf', { limits })).rejects.toMatchObject({ kind: 'encrypted' });
  });

  it('never returns a PDF that fails verification', async () => {
    // A flattener that does nothing: the verifier must catch it and the pipeline must throw.
    vi.doMock('../../../../../utils/core/documents/pdf/flatten.ts', () => ({
      flattenPdf: async (bytes: Uint8Array) => ({ bytes, pages: 2, removed: [] }),
    }));
    vi.resetModules();
    const { makeSendable: leaky } = await import('../../../../../utils/core/documents/pdf/pipeline.ts');
    const err = await leaky(await makeFormPdf({ pages: 2 }), 'pdf', { limits }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'verify-failed' });
    expect((err as { problems: string[] }).problems).toContain('AcroForm present');
  });
});
