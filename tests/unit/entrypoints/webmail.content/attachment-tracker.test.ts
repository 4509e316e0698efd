// Attach time: the tracker starts the swap as soon as an attachment's analysis has made its PDF,
// never for a PDF the extension made itself, and says in the row what happened.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { AttachmentTracker, type AnalysisResult } from '../../../../entrypoints/webmail.content/attachment-tracker.ts';
import type { Swapper, SwapOutcome } from '../../../../entrypoints/webmail.content/swapper.ts';
import type { ComposeAttachment, WebmailAdapter } from '../../../../utils/browser/webmail/adapter.ts';

const DOCX = { id: 'rcmfile1', name: 'rapport.docx', complete: true };
const PDF = { id: 'rcmfile2', name: 'rapport.pdf', complete: true };
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function analysis(name: string, sha256: string, outputSha256: string, madeFrom?: { name: string; sha256: string }) {
  return {
    ok: true as const,
    analysis: { name, size: 3, sha256, type: name.endsWith('.pdf') ? ('pdf' as const) : ('docx' as const), readable: true, problem: null, text: '' },
    fix: { action: 'converted' as const, ok: true, outputSha256 },
    ...(madeFrom ? { madeFrom } : {}),
  };
}

function setup(outcome: SwapOutcome, { swapsAtAttach = true } = {}) {
  let listed: ComposeAttachment[] = [DOCX];
  const swaps: { id: string; checkId: string; onlyIfListed?: boolean }[] = [];
  const changed = new Set<() => void>();
  const adapter = {
    composeKey: () => 'cid',
    swapsAtAttach,
    listAttachments: () => listed,
    fetchAttachmentBytes: async () => new Uint8Array([1]),
    onAttachmentsChanged: (cb: () => void) => (changed.add(cb), () => changed.delete(cb)),
    placeUi: () => null,
  } as unknown as WebmailAdapter & { swapsAtAttach: boolean };
  const send = async (req: { name: string }) => (req.name === 'rapport.pdf' ? analysis('rapport.pdf', B, B, { name: 'rapport.docx', sha256: A }) : analysis('rapport.docx', A, B));
  const swapper = {
    swap: async (att: ComposeAttachment, _r: AnalysisResult, checkId: string, opts?: { onlyIfListed?: boolean }) => {
      swaps.push({ id: att.id, checkId, onlyIfListed: opts?.onlyIfListed });
      if (outcome.kind === 'swapped') listed = [PDF];
      return outcome;
    },
  } as unknown as Swapper;
  const tracker = new AttachmentTracker(adapter, send as never, 'en', swapper);
  return {
    tracker,
    swaps,
    relist: () => tracker.start(),
    /** The screen lists `atts` now (and says so as a change). */
    list: (atts: ComposeAttachment[]) => {
      listed = atts;
      for (const cb of changed) cb();
    },
    /** The adapter can swap now (SOGo's editor reported its draft), and says so as a change. */
    canSwap: () => {
      adapter.swapsAtAttach = true;
      for (const cb of changed) cb();
    },
  };
}

describe('AttachmentTracker at attach time', () => {
  it('the same file name in the next message (SOGo: ids are names) is another attachment: analysed and swapped again', async () => {
    const t = setup({ kind: 'swapped', fresh: PDF, from: A, to: B });
    t.tracker.start();
    await t.tracker.analysisOf(DOCX);
    await new Promise((r) => setTimeout(r, 0));
    expect(t.swaps).toHaveLength(1);
    t.list([]); // sent: the editor closed
    t.list([DOCX]); // the next message, the same file attached
    await t.tracker.analysisOf(DOCX);
    expect(t.swaps).toHaveLength(2);
  });

  it('an attachment analysed before a swap could be made (SOGo before its draft was known) is swapped once it can be, once', async () => {
    const t = setup({ kind: 'failed', reason: 'upload refused' }, { swapsAtAttach: false });
    t.tracker.start();
    await t.tracker.analysisOf(DOCX);
    expect(t.swaps).toEqual([]);
    t.canSwap();
    expect(t.swaps).toEqual([{ id: 'rcmfile1', checkId: 'attach-cid', onlyIfListed: true }]);
    await new Promise((r) => setTimeout(r, 0));
    // A failed one is not tried again with every change: the send swaps it (or says why not).
    t.canSwap();
    expect(t.swaps).toHaveLength(1);
  });

  it('swaps an attachment as soon as its analysis made the PDF, and not the PDF it swapped in', async () => {
    const t = setup({ kind: 'swapped', fresh: PDF, from: A, to: B });
    t.tracker.start();
    await t.tracker.analysisOf(DOCX);
    expect(t.swaps).toEqual([{ id: 'rcmfile1', checkId: 'attach-cid', onlyIfListed: true }]);
    await new Promise((r) => setTimeout(r, 0));
    t.relist();
    const fresh = await t.tracker.analysisOf(PDF);
    expect(fresh.ok && fresh.value.madeFrom).toEqual({ name: 'rapport.docx', sha256: A });
    expect(t.swaps).toHaveLength(1);
  });

  it('a PDF that took the original’s id (SOGo names attachments by file name) is analysed again as the extension’s own, and not swapped again', async () => {
    const SAME = { id: 'rapport.pdf', name: 'rapport.pdf', complete: true };
    const swaps: string[] = [];
    let swapped = false;
    const adapter = {
      composeKey: () => 'newDraft1-1',
      swapsAtAttach: true,
      listAttachments: () => [SAME],
      fetchAttachmentBytes: async () => new Uint8Array([swapped ? 2 : 1]),
      onAttachmentsChanged: () => () => {},
      placeUi: () => null,
    } as unknown as WebmailAdapter;
    // The original's bytes need flattening (A → B); the swapped-in bytes are the extension's B.
    const send = async (req: { bytesB64: string }) => (req.bytesB64 === 'AQ==' ? analysis('rapport.pdf', A, B) : analysis('rapport.pdf', B, B, { name: 'rapport.pdf', sha256: A }));
    const swapper = {
      swap: async (att: ComposeAttachment) => {
        swaps.push(att.id);
        swapped = true;
        return { kind: 'swapped', fresh: SAME, from: A, to: B };
      },
    } as unknown as Swapper;
    const tracker = new AttachmentTracker(adapter, send as never, 'en', swapper);
    tracker.start();
    const first = await tracker.analysisOf(SAME);
    expect(first.ok && first.value.analysis.sha256).toBe(A);
    await new Promise((r) => setTimeout(r, 0));
    const now = await tracker.analysisOf(SAME);
    expect(now.ok && now.value.madeFrom).toEqual({ name: 'rapport.pdf', sha256: A });
    await new Promise((r) => setTimeout(r, 0));
    expect(swaps).toEqual(['rapport.pdf']);
  });

  it('a copy already in the message shows the swap running until it is done, not finished (a send waits, so does a test)', async () => {
    const { document, window } = parseHTML('<html><body><ul><li id="rcmfile1"></li><li id="rcmfile2"></li></ul></body></html>');
    // linkedom computes no styles: a row that is not a flex line.
    Object.assign(window, { getComputedStyle: () => ({ display: 'block' }) });
    let listed: ComposeAttachment[] = [DOCX];
    let finish: (o: SwapOutcome) => void = () => {};
    const adapter = {
      composeKey: () => 'cid',
      swapsAtAttach: true,
      listAttachments: () => listed,
      fetchAttachmentBytes: async () => new Uint8Array([1]),
      onAttachmentsChanged: () => () => {},
      placeUi: (att: ComposeAttachment) => document.getElementById(att.id),
    } as unknown as WebmailAdapter;
    const send = async (req: { name: string }) => (req.name === 'rapport.pdf' ? analysis('rapport.pdf', B, B, { name: 'rapport.docx', sha256: A }) : analysis('rapport.docx', A, B));
    const swapper = { swap: () => new Promise<SwapOutcome>((r) => (finish = r)) } as unknown as Swapper;
    const tracker = new AttachmentTracker(adapter, send as never, 'en', swapper);
    const state = (id: string) => document.getElementById(id)?.querySelector('[data-reportguard-status]')?.getAttribute('data-state');
    tracker.start();
    await tracker.analysisOf(DOCX);
    expect(state('rcmfile1')).toBe('swapping');
    // The PDF is uploaded (the swap goes on: verification, the original's removal).
    listed = [DOCX, PDF];
    tracker.start();
    await tracker.analysisOf(PDF);
    expect(state('rcmfile2')).toBe('swapping');
    listed = [PDF];
    finish({ kind: 'swapped', fresh: PDF, from: A, to: B });
    await new Promise((r) => setTimeout(r, 0));
    expect(state('rcmfile2')).toBe('swapped');
  });

  it('makes no swap at attach time while the adapter cannot (SOGo before its draft is known): the send makes it', async () => {
    const t = setup({ kind: 'swapped', fresh: PDF, from: A, to: B });
    (t.tracker as unknown as { adapter: { swapsAtAttach: boolean } }).adapter.swapsAtAttach = false;
    t.tracker.start();
    await t.tracker.analysisOf(DOCX);
    expect(t.swaps).toEqual([]);
  });

  it('says what happened in the row: swapping, swapped from the original, or the swap failed', () => {
    const original: AnalysisResult = { ok: true, value: analysis('rapport.docx', A, B) };
    const own: AnalysisResult = { ok: true, value: analysis('rapport.pdf', B, B, { name: 'rapport.docx', sha256: A }) };
    expect(AttachmentTracker.statusOf(original)).toEqual({ kind: 'converted' });
    expect(AttachmentTracker.statusOf(original, { state: 'running' })).toEqual({ kind: 'swapping' });
    expect(AttachmentTracker.statusOf(original, { state: 'failed', reason: 'uploaded bytes differ' })).toEqual({ kind: 'swap-failed', reason: 'uploaded bytes differ' });
    expect(AttachmentTracker.statusOf(own)).toEqual({ kind: 'swapped', from: 'rapport.docx' });
  });
});
