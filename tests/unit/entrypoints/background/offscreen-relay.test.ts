import { describe, expect, it } from 'vitest';
import { createOffscreenRelay, type OffscreenApi } from '../../../../entrypoints/background/offscreen-relay.ts';
import type { OffscreenRequest } from '../../../../utils/core/messaging/offscreen.ts';

const settings = { maxAttachmentMB: 25, protectPdf: true };
const analysis = { name: 'a.pdf', size: 1, sha256: 'ab'.repeat(32), type: 'pdf', readable: true, problem: null, text: '' };

function fakeApi(opts: { readyAfterPings?: number; answer?: (r: OffscreenRequest) => Promise<unknown> } = {}) {
  let exists = false;
  let pings = 0;
  const calls = { created: 0, closed: 0 };
  const api: OffscreenApi = {
    async hasDocument() {
      return exists;
    },
    async createDocument() {
      await new Promise((r) => setTimeout(r, 5));
      if (exists) throw new Error('Only a single offscreen document may be created.');
      calls.created++;
      exists = true;
    },
    async closeDocument() {
      calls.closed++;
      exists = false;
    },
    async sendMessage(message) {
      if (!exists) throw new Error('Could not establish connection. Receiving end does not exist.');
      if (message.kind === 'offscreen.ping') {
        pings++;
        if (pings <= (opts.readyAfterPings ?? 0)) throw new Error('Receiving end does not exist.');
        return { ok: true };
      }
      return opts.answer ? opts.answer(message) : { ok: true, analysis };
    },
  };
  return { api, calls };
}

describe('offscreen relay', () => {
  it('creates the document once for concurrent requests and relays the answer', async () => {
    const { api, calls } = fakeApi();
    const relay = createOffscreenRelay(api, { url: 'offscreen.html', timeoutMs: 1000 });
    const answers = await Promise.all([relay.analyse('a', 'a.pdf', settings), relay.analyse('b', 'b.pdf', settings)]);
    expect(calls.created).toBe(1);
    expect(answers).toEqual([{ ok: true, analysis }, { ok: true, analysis }]);
  });

  it('waits for a document whose script is still loading', async () => {
    const { api } = fakeApi({ readyAfterPings: 3 });
    const relay = createOffscreenRelay(api, { url: 'offscreen.html', timeoutMs: 1000, pingDelayMs: 1 });
    expect(await relay.analyse('a', 'a.pdf', settings)).toEqual({ ok: true, analysis });
  });

  it('fails closed and closes a hung document after the timeout', async () => {
    const { api, calls } = fakeApi({ answer: () => new Promise(() => {}) });
    const relay = createOffscreenRelay(api, { url: 'offscreen.html', timeoutMs: 30 });
    const r = await relay.analyse('a', 'a.pdf', settings);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/did not finish within/);
    expect(calls.closed).toBe(1);
  });

  it('fails closed on a junk answer or a document that never starts', async () => {
    const junk = createOffscreenRelay(fakeApi({ answer: async () => ({ ok: 'yes' }) }).api, { url: 'o.html', timeoutMs: 1000 });
    expect(await junk.analyse('a', 'a.pdf', settings)).toEqual({ ok: false, error: 'document analysis gave no valid answer' });
    // An analysis of the wrong shape is not passed on as if it were one.
    const malformed = createOffscreenRelay(fakeApi({ answer: async () => ({ ok: true, analysis: { ...analysis, readable: 'yes' } }) }).api, {
      url: 'o.html',
      timeoutMs: 1000,
    });
    expect(await malformed.analyse('a', 'a.pdf', settings)).toEqual({ ok: false, error: 'document analysis gave no valid answer' });
    const dead = createOffscreenRelay(fakeApi({ readyAfterPings: 1000 }).api, { url: 'o.html', timeoutMs: 1000, pingAttempts: 3, pingDelayMs: 1 });
    expect(await dead.analyse('a', 'a.pdf', settings)).toEqual({ ok: false, error: 'document analysis unavailable: offscreen document did not start' });
  });
});
