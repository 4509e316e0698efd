import { describe, expect, it } from 'vitest';
import { sendToBackground } from '../../../../utils/browser/messaging/client.ts';

describe('sendToBackground', () => {
  it('passes the request through and returns the answer', async () => {
    const seen: unknown[] = [];
    const r = await sendToBackground(
      { kind: 'status' },
      { send: async (m) => (seen.push(m), { ok: true, policyLoaded: false }) },
    );
    expect(seen).toEqual([{ kind: 'status' }]);
    expect(r).toEqual({ ok: true, policyLoaded: false });
  });

  it('fails closed when the background never answers', async () => {
    const r = await sendToBackground({ kind: 'status' }, { timeoutMs: 20, send: () => new Promise(() => {}) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/did not answer 'status'/);
  });

  it('fails closed when sending throws (no background, extension reloaded)', async () => {
    const r = await sendToBackground(
      { kind: 'decision', checkId: 'x', action: 'sent' },
      { send: async () => { throw new Error('Could not establish connection.\nReceiving end does not exist.'); } },
    );
    expect(r).toEqual({ ok: false, error: 'ReportGuard background unreachable: Could not establish connection.' });
  });

  it('fails closed on an answer that is not a response (undefined, junk, ok:false without reason)', async () => {
    for (const junk of [undefined, null, 'yes', { ok: 'true' }, { ok: false }]) {
      const r = await sendToBackground({ kind: 'status' }, { send: async () => junk });
      expect(r.ok).toBe(false);
    }
  });
});
