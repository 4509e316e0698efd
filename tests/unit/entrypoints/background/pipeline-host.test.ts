import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createInBackgroundPipeline } from '../../../../entrypoints/background/pipeline-host.ts';
import type { OffscreenDeps } from '../../../../entrypoints/offscreen/handler.ts';
import { createDocumentCache } from '../../../../utils/browser/storage/document-cache.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { prepareForSend } from '../../../../utils/core/documents/send-fix.ts';

const settings = { maxAttachmentMB: 25, protectPdf: true };

async function cached(bytes: Uint8Array) {
  const cache = createDocumentCache({ factory: new IDBFactory(), name: 't' });
  const sha = await sha256Hex(bytes);
  await cache.putBlob('orig', sha, bytes);
  return { cache, sha };
}

describe('in-background pipeline (Firefox host)', () => {
  it('loads the pipeline once, on first use, and runs documents one after another', async () => {
    const { cache, sha } = await cached(new Uint8Array([1, 2, 3]));
    let loads = 0;
    let running = 0;
    let maxRunning = 0;
    const deps = async (): Promise<OffscreenDeps> => {
      loads++;
      return {
        cache,
        prepareForSend: async (name, bytes) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await new Promise((r) => setTimeout(r, 20));
          running--;
          const analysis = { name, size: bytes.length, sha256: await sha256Hex(bytes), type: 'pdf' as const, readable: true, problem: null, text: '', fix: { action: 'none' as const, ok: true } };
          return { analysis, output: null };
        },
        sha256Hex,
      };
    };
    const host = createInBackgroundPipeline(deps, { timeoutMs: 5000 });
    expect(loads).toBe(0);
    const answers = await Promise.all([host.analyse(sha, 'a.pdf', settings), host.analyse(sha, 'b.pdf', settings), host.analyse(sha, 'c.pdf', settings)]);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(loads).toBe(1);
    expect(maxRunning).toBe(1);
  });

  it('fails closed in one line on a time-out and when the pipeline cannot load, and loads again after', async () => {
    const { cache, sha } = await cached(new Uint8Array([7]));
    const slow = createInBackgroundPipeline(
      { cache, prepareForSend: () => new Promise(() => undefined), sha256Hex },
      { timeoutMs: 50 },
    );
    expect(await slow.analyse(sha, 'x.pdf', settings)).toEqual({ ok: false, error: 'document analysis did not finish within 0 s' });
    let calls = 0;
    const hangsOnce = createInBackgroundPipeline(
      { cache, prepareForSend: (name, bytes, s) => (calls++ === 0 ? new Promise(() => undefined) : prepareForSend(name, bytes, s)), sha256Hex },
      { timeoutMs: 2000 },
    );
    expect((await hangsOnce.analyse(sha, 'x.txt', settings)).ok).toBe(false);
    expect((await hangsOnce.analyse(sha, 'x.txt', settings)).ok).toBe(true); // not stuck behind the hung one

    let attempt = 0;
    const flaky = createInBackgroundPipeline(async () => {
      if (attempt++ === 0) throw new Error('chunk failed to load\n  at x');
      return { cache, prepareForSend, sha256Hex };
    }, { timeoutMs: 60_000 });
    expect(await flaky.analyse(sha, 'x.txt', settings)).toEqual({ ok: false, error: 'document analysis unavailable: chunk failed to load' });
    expect((await flaky.analyse(sha, 'x.txt', settings)).ok).toBe(true);
  });
});
