// The offscreen document as wired in entrypoints/offscreen/main.ts: the document libraries'
// console output about a hostile attachment stays out of the extension's console, the answer
// still says what is wrong, and the document's console works as usual outside those calls.
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PAGELESS_WITH_OBJECT_0, pdfWithHugeNumber } from '../../../helpers/noisy-pdfs.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import type { OffscreenAnalyseResponse } from '../../../../utils/core/messaging/offscreen.ts';

let putOriginal: (bytes: Uint8Array) => Promise<string>;

beforeAll(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  await import('../../../../entrypoints/offscreen/main.ts');
  const { createDocumentCache } = await import('../../../../utils/browser/storage/document-cache.ts');
  const cache = createDocumentCache();
  putOriginal = async (bytes) => {
    const sha = await sha256Hex(bytes);
    await cache.putBlob('orig', sha, bytes);
    return sha;
  };
});
afterAll(() => { vi.unstubAllGlobals(); });

async function analyse(name: string, bytes: Uint8Array): Promise<OffscreenAnalyseResponse> {
  const sha256 = await putOriginal(bytes);
  const answer = new Promise<OffscreenAnalyseResponse>((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(
      { kind: 'offscreen.analyse', sha256, name, settings: { maxAttachmentMB: 25, protectPdf: true } },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/background.js') },
      resolve,
    );
  });
  return answer;
}

describe('offscreen document', () => {
  it.each([
    ['a page-less PDF (pdf-lib: "Removing parsed object")', 'leeg.pdf', PAGELESS_WITH_OBJECT_0, false],
    ['a PDF with a number beyond 2^53 (pdf-lib: "Parsed number that is too large")', 'groot-getal.pdf', pdfWithHugeNumber(), true],
  ])('%s: nothing in the console, the answer says what happened', async (_what, name, bytes, fixable) => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    try {
      const r = await analyse(name, bytes);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.analysis.fix?.ok ?? false).toBe(fixable);
      for (const s of spies) expect(s).not.toHaveBeenCalled();
      // Outside the library calls the console is the document's own again.
      console.warn('our own line');
      expect(spies[2]).toHaveBeenCalledWith('our own line');
    } finally {
      for (const s of spies) s.mockRestore();
    }
  }, 60_000);
});
