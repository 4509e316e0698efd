// The Firefox host of the document pipeline with the real pipeline behind it (pdf.js, the
// converters, the verifier): what runs in Firefox's background page, here in Node.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createInBackgroundPipeline } from '../../../entrypoints/background/pipeline-host.ts';
import { createDocumentCache } from '../../../utils/browser/storage/document-cache.ts';
import { sha256Hex } from '../../../utils/core/documents/hash.ts';
import { prepareForSend } from '../../../utils/core/documents/send-fix.ts';

const settings = { maxAttachmentMB: 25, protectPdf: true };

async function cached(bytes: Uint8Array) {
  const cache = createDocumentCache({ factory: new IDBFactory(), name: 't' });
  const sha = await sha256Hex(bytes);
  await cache.putBlob('orig', sha, bytes);
  return { cache, sha };
}

describe('in-background pipeline (Firefox host), real pipeline', () => {
  it('runs the real pipeline where it is: a TXT report becomes a verified flat PDF in the cache', async () => {
    const { cache, sha } = await cached(new TextEncoder().encode('Voortgangsrapportage C-1042\n\nDe re-integratie verloopt volgens plan.\n'));
    const host = createInBackgroundPipeline({ cache, prepareForSend, sha256Hex }, { timeoutMs: 60_000 });
    const r = await host.analyse(sha, 'rapport-C-1042.txt', settings);
    expect(r).toMatchObject({ ok: true, analysis: { type: 'txt', readable: true, fix: { action: 'converted', ok: true, outputName: 'rapport-C-1042.pdf' } } });
    const out = await cache.getBlob('out', sha);
    expect(new TextDecoder().decode(out!.slice(0, 5))).toBe('%PDF-');
  });

});
