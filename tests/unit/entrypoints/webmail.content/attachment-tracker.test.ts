// Attach time: the tracker starts the swap as soon as an attachment's analysis has made its PDF,
// never for a PDF the extension made itself, and says in the row what happened.
import { describe, expect, it } from 'vitest';
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

function setup(outcome: SwapOutcome) {
  let listed: ComposeAttachment[] = [DOCX];
  const swaps: { id: string; checkId: string; onlyIfListed?: boolean }[] = [];
  const adapter = {
    composeKey: () => 'cid',
    swapsAtAttach: true,
    listAttachments: () => listed,
    fetchAttachmentBytes: async () => new Uint8Array([1]),
    onAttachmentsChanged: () => () => {},
    placeUi: () => null,
  } as unknown as WebmailAdapter;
  const send = async (req: { name: string }) => (req.name === 'rapport.pdf' ? analysis('rapport.pdf', B, B, { name: 'rapport.docx', sha256: A }) : analysis('rapport.docx', A, B));
  const swapper = {
    swap: async (att: ComposeAttachment, _r: AnalysisResult, checkId: string, opts?: { onlyIfListed?: boolean }) => {
      swaps.push({ id: att.id, checkId, onlyIfListed: opts?.onlyIfListed });
      if (outcome.kind === 'swapped') listed = [PDF];
      return outcome;
    },
  } as unknown as Swapper;
  const tracker = new AttachmentTracker(adapter, send as never, 'en', swapper);
  return { tracker, swaps, relist: () => tracker.start() };
}

describe('AttachmentTracker at attach time', () => {
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

  it('says what happened in the row: swapping, swapped from the original, or the swap failed', () => {
    const original: AnalysisResult = { ok: true, value: analysis('rapport.docx', A, B) };
    const own: AnalysisResult = { ok: true, value: analysis('rapport.pdf', B, B, { name: 'rapport.docx', sha256: A }) };
    expect(AttachmentTracker.statusOf(original)).toEqual({ kind: 'converted' });
    expect(AttachmentTracker.statusOf(original, { state: 'running' })).toEqual({ kind: 'swapping' });
    expect(AttachmentTracker.statusOf(original, { state: 'failed', reason: 'uploaded bytes differ' })).toEqual({ kind: 'swap-failed', reason: 'uploaded bytes differ' });
    expect(AttachmentTracker.statusOf(own)).toEqual({ kind: 'swapped', from: 'rapport.docx' });
  });
});
