// The swapper with the real swap sequence behind it: the user's own removal of a document while
// its PDF is on its way wins (nothing of that document stays, nothing fails), and a plain swap is
// audited as one.
import { describe, expect, it } from 'vitest';
import { Swapper } from '../../../../entrypoints/webmail.content/swapper.ts';
import type { AnalysisResult } from '../../../../entrypoints/webmail.content/attachment-tracker.ts';
import type { ComposeAttachment, ReplacementFile, WebmailAdapter } from '../../../../utils/browser/webmail/adapter.ts';
import { bytesToBase64 } from '../../../../utils/core/messaging/base64.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';

const DOCX = { id: 'f1', name: 'rapport.docx', complete: true };
const PDF_BYTES = new TextEncoder().encode('%PDF-1.7 made by the pipeline');

async function setup({ userRemovesDuringUpload = false } = {}) {
  const pdfSha = await sha256Hex(PDF_BYTES);
  const files = new Map<string, { name: string; bytes: Uint8Array }>([[DOCX.id, { name: DOCX.name, bytes: new Uint8Array([1, 2]) }]]);
  const decisions: { action: string; details: Record<string, string> }[] = [];
  const adapter = {
    listAttachments: (): ComposeAttachment[] => [...files].map(([id, f]) => ({ id, name: f.name, complete: true })),
    uploadReplaces: () => false,
    async uploadAttachment(file: ReplacementFile) {
      files.set('f2', { name: file.name, bytes: file.bytes });
      if (userRemovesDuringUpload) files.delete(DOCX.id);
      return { id: 'f2', name: file.name, complete: true };
    },
    async fetchAttachmentBytes(att: ComposeAttachment) {
      const f = files.get(att.id);
      if (!f) throw new Error('gone');
      return f.bytes;
    },
    async removeAttachment(att: ComposeAttachment) {
      files.delete(att.id);
    },
  } as unknown as WebmailAdapter;
  const send = async (req: { kind: string; action?: string; details?: Record<string, string> }) => {
    if (req.kind === 'converted') return { ok: true, sha256: pdfSha, name: 'rapport.pdf', bytesB64: bytesToBase64(PDF_BYTES) };
    if (req.kind === 'decision') decisions.push({ action: req.action!, details: req.details! });
    return { ok: true };
  };
  const result = {
    ok: true,
    value: { analysis: { name: DOCX.name, sha256: 'a'.repeat(64) }, fix: { action: 'converted', ok: true, outputSha256: pdfSha } },
  } as unknown as AnalysisResult;
  return { swapper: new Swapper(adapter, send as never, 1_000), files, decisions, result, pdfSha };
}

describe('Swapper', () => {
  it('swaps the document for its PDF and audits the swap', async () => {
    const t = await setup();
    const outcome = await t.swapper.swap(DOCX, t.result, 'chk-1');
    expect(outcome).toMatchObject({ kind: 'swapped', fresh: { id: 'f2', name: 'rapport.pdf' }, to: t.pdfSha });
    expect([...t.files.keys()]).toEqual(['f2']);
    expect(t.decisions.map((d) => d.action)).toEqual(['swapped']);
  });

  for (const onlyIfListed of [true, false]) {
    it(`a document the user removed while its PDF was uploaded: the PDF goes too, nothing to replace, no failure (${onlyIfListed ? 'at attach time' : 'at Send'})`, async () => {
      const t = await setup({ userRemovesDuringUpload: true });
      const outcome = await t.swapper.swap(DOCX, t.result, 'chk-1', { onlyIfListed });
      expect(outcome).toEqual({ kind: 'none' });
      expect([...t.files.keys()]).toEqual([]);
      expect(t.decisions).toEqual([]);
    });
  }
});
