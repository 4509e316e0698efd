import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { handleOffscreenRequest, type OffscreenDeps } from '../../../../entrypoints/offscreen/handler.ts';
import { createDocumentCache } from '../../../../utils/browser/storage/document-cache.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import type { PreparedAttachment } from '../../../../utils/core/documents/send-fix.ts';

const settings = { maxAttachmentMB: 25, protectPdf: true };

function setup(overrides: Partial<OffscreenDeps> = {}) {
  const cache = createDocumentCache({ factory: new IDBFactory(), name: 't' });
  const deps: OffscreenDeps = {
    cache,
    prepareForSend: async (name, bytes) => ({
      analysis: {
        name, size: bytes.length, sha256: await sha256Hex(bytes), type: 'docx', readable: true, problem: null, text: 'x',
        fix: { action: 'converted', ok: true, outputName: 'a.pdf' },
      },
      output: new Uint8Array([9, 9]),
    }),
    sha256Hex,
    ...overrides,
  };
  return { cache, deps };
}

describe('offscreen handler', () => {
  it('answers a ping', async () => {
    expect(await handleOffscreenRequest({ kind: 'offscreen.ping' }, setup().deps)).toEqual({ ok: true });
  });

  it('analyses the cached original, stores the fixed PDF and reports its hash', async () => {
    const { cache, deps } = setup();
    const bytes = new Uint8Array([1, 2, 3]);
    const sha = await sha256Hex(bytes);
    await cache.putBlob('orig', sha, bytes);
    const r = await handleOffscreenRequest({ kind: 'offscreen.analyse', sha256: sha, name: 'a.docx', settings }, deps);
    const outSha = await sha256Hex(new Uint8Array([9, 9]));
    expect(r).toMatchObject({ ok: true, analysis: { name: 'a.docx', type: 'docx', fix: { action: 'converted', ok: true, outputSha256: outSha } } });
    expect(await cache.getBlob('out', sha)).toEqual(new Uint8Array([9, 9]));
  });

  it('fails closed when the bytes are gone, or the analysis throws', async () => {
    const gone = await handleOffscreenRequest({ kind: 'offscreen.analyse', sha256: 'ab'.repeat(32), name: 'a', settings }, setup().deps);
    expect(gone).toEqual({ ok: false, error: 'attachment bytes no longer in the cache' });
    const { cache, deps } = setup({ prepareForSend: async (): Promise<PreparedAttachment> => { throw new Error('pdf.js blew up\nstack'); } });
    const bytes = new Uint8Array([4]);
    const sha = await sha256Hex(bytes);
    await cache.putBlob('orig', sha, bytes);
    expect(await handleOffscreenRequest({ kind: 'offscreen.analyse', sha256: sha, name: 'a', settings }, deps)).toEqual({
      ok: false,
      error: 'document analysis failed: pdf.js blew up',
    });
  });
});
