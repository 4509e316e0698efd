// Readings of the compose session ahead of Send: taken after a change of the listed attachments
// (not after our own badges), never while the session is changing, and used only under the
// generation they were taken at.
import { describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import { SessionReadings, SESSION_READING_ATTR } from '../../../../entrypoints/webmail.content/session-reading.ts';
import type { ComposeAttachment, WebmailAdapter } from '../../../../utils/browser/webmail/adapter.ts';

const A: ComposeAttachment = { id: 'rcmfile1', name: 'rapport.pdf', complete: true };
const B: ComposeAttachment = { id: 'rcmfile2', name: 'bijlage.pdf', complete: true };

function setup() {
  const state = { shown: [A] as ComposeAttachment[], server: [A] as ComposeAttachment[], generation: 0, busy: false, reads: 0 };
  let changed: (() => void) | null = null;
  const adapter = {
    composeKey: () => 'cid',
    listAttachments: () => state.shown,
    sessionAttachments: async () => {
      state.reads++;
      return state.server.map((a) => ({ ...a }));
    },
    onAttachmentsChanged: (cb: () => void) => {
      changed = cb;
      return () => (changed = null);
    },
  } as unknown as WebmailAdapter;
  const send = vi.fn(async () => ({ ok: true, generation: `g${state.generation}`, busy: state.busy }));
  const doc = parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  const readings = new SessionReadings(adapter, send as never, 500, doc);
  return { state, readings, doc, change: () => changed?.() };
}

describe('SessionReadings', () => {
  it('reads at start and after a change of the list, not after a change of a row that lists the same', async () => {
    const t = setup();
    t.readings.start();
    await vi.waitFor(() => expect(t.doc.documentElement.getAttribute(SESSION_READING_ATTR)).toBe('read'));
    expect(t.state.reads).toBe(1);
    t.change(); // a badge in a row: the same list
    await new Promise((r) => setTimeout(r, 50));
    expect(t.state.reads).toBe(1);
    t.state.shown = [A, B];
    t.state.server = [A, B];
    t.state.generation = 2;
    t.change();
    expect(t.doc.documentElement.getAttribute(SESSION_READING_ATTR)).toBe('reading');
    await vi.waitFor(() => expect(t.state.reads).toBe(2));
    expect(await t.readings.current('cid', 'g2')).toEqual([A, B]);
  });

  it('is used only under its own generation and compose session', async () => {
    const t = setup();
    t.readings.start();
    await vi.waitFor(() => expect(t.state.reads).toBe(1));
    expect(await t.readings.current('cid', 'g0')).toEqual([A]);
    expect(await t.readings.current('cid', 'g1')).toBeNull();
    expect(await t.readings.current('other', 'g0')).toBeNull();
  });

  it('takes no reading while the session is changing (an upload on its way) and tries again', async () => {
    vi.useFakeTimers();
    try {
      const t = setup();
      t.state.busy = true;
      t.readings.start();
      await vi.advanceTimersByTimeAsync(300);
      expect(t.state.reads).toBe(0);
      expect(await t.readings.current('cid', 'g0')).toBeNull();
      t.state.busy = false;
      t.state.generation = 1;
      await vi.advanceTimersByTimeAsync(300);
      expect(t.state.reads).toBe(1);
      expect(await t.readings.current('cid', 'g1')).toEqual([A]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes no reading while this screen still uploads', async () => {
    const t = setup();
    t.state.shown = [{ ...B, complete: false }];
    t.readings.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(t.state.reads).toBe(0);
  });
});
