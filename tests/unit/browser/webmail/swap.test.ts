// The webmail-neutral swap sequence: upload, verify the server's bytes, then remove the original;
// every failure leaves the session as it was. A fake webmail records the order of the primitives.
import { describe, expect, it } from 'vitest';
import type { ComposeAttachment, ReplacementFile } from '../../../../utils/browser/webmail/adapter.ts';
import { swapAttachment } from '../../../../utils/browser/webmail/swap.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const ORIGINAL = { id: 'a1', name: 'rapport.docx', complete: true };

function webmail(opts: { inPlace?: boolean; corrupt?: boolean; removeFails?: (id: string) => boolean; removeFailsAfter?: boolean; uploadAs?: (name: string) => string } = {}) {
  const files = new Map<string, Uint8Array>([[ORIGINAL.id, enc('DOCX bytes')]]);
  const log: string[] = [];
  let n = 0;
  const adapter = {
    listAttachments: (): ComposeAttachment[] => [...files.keys()].map((id) => ({ id, name: id === ORIGINAL.id ? ORIGINAL.name : id, complete: true })),
    async fetchAttachmentBytes(att: ComposeAttachment) {
      log.push(`fetch ${att.id}`);
      const b = files.get(att.id);
      if (!b) throw new Error('gone');
      return opts.corrupt && att.id !== ORIGINAL.id ? enc('something else') : b;
    },
    async uploadAttachment(file: ReplacementFile) {
      const id = opts.uploadAs?.(file.name) ?? (opts.inPlace ? file.name : `a${++n + 1}`);
      log.push(`upload ${file.name} as ${id}`);
      files.set(id, file.bytes);
      return { id, name: file.name, complete: true };
    },
    async removeAttachment(att: ComposeAttachment) {
      log.push(`remove ${att.id}`);
      if (opts.removeFails?.(att.id)) throw new Error('removal refused');
      files.delete(att.id);
      // The row went, but the server was not seen to confirm it.
      if (opts.removeFailsAfter) throw new Error('old attachment still in the draft');
    },
    uploadReplaces: (old: ComposeAttachment, name: string) => !!opts.inPlace && old.name === name,
  };
  return { adapter, files, log };
}

async function pdf(name = 'rapport.pdf'): Promise<ReplacementFile> {
  const bytes = enc('%PDF-1.7 checked');
  return { name, mime: 'application/pdf', bytes, sha256: await sha256Hex(bytes) };
}

describe('swapAttachment (webmail-neutral)', () => {
  it('uploads, verifies the bytes the server holds, then removes the original', async () => {
    const w = webmail();
    const fresh = await swapAttachment(w.adapter, ORIGINAL, await pdf());
    expect(fresh).toEqual({ id: 'a2', name: 'rapport.pdf', complete: true });
    expect(w.log).toEqual(['upload rapport.pdf as a2', 'fetch a2', 'remove a1']);
    expect([...w.files.keys()]).toEqual(['a2']);
  });

  it('bytes that differ on the server: the copy goes again, the original stays', async () => {
    const w = webmail({ corrupt: true });
    await expect(swapAttachment(w.adapter, ORIGINAL, await pdf())).rejects.toThrow('uploaded bytes differ');
    expect([...w.files.keys()]).toEqual(['a1']);
    expect(w.log).not.toContain('remove a1');
  });

  it('an original that cannot be removed keeps the message as it was (the copy removed)', async () => {
    const w = webmail({ removeFails: (id) => id === 'a1' });
    await expect(swapAttachment(w.adapter, ORIGINAL, await pdf())).rejects.toThrow('removal refused');
    expect([...w.files.keys()]).toEqual(['a1']);
  });

  it('a copy that takes the original’s name (SOGo): the original goes first, and comes back on failure', async () => {
    const flatOriginal = { id: 'rapport.pdf', name: 'rapport.pdf', complete: true };
    const ok = webmail({ inPlace: true });
    ok.files.clear();
    ok.files.set('rapport.pdf', enc('%PDF-1.7 original'));
    const fresh = await swapAttachment(ok.adapter, flatOriginal, await pdf());
    expect(fresh.id).toBe('rapport.pdf');
    expect(ok.log).toEqual(['fetch rapport.pdf', 'remove rapport.pdf', 'upload rapport.pdf as rapport.pdf', 'fetch rapport.pdf']);
    expect(new TextDecoder().decode(ok.files.get('rapport.pdf'))).toBe('%PDF-1.7 checked');

    const bad = webmail({ inPlace: true, uploadAs: (name) => (bad.log.filter((l) => l.startsWith('upload')).length === 0 ? 'rapport-1.pdf' : name) });
    bad.files.clear();
    bad.files.set('rapport.pdf', enc('%PDF-1.7 original'));
    await expect(swapAttachment(bad.adapter, flatOriginal, await pdf())).rejects.toThrow('stored as');
    // The stray copy removed, the original's own bytes back under its name.
    expect([...bad.files.keys()]).toEqual(['rapport.pdf']);
    expect(new TextDecoder().decode(bad.files.get('rapport.pdf'))).toBe('%PDF-1.7 original');

    // The original's removal not confirmed although its row left: it is put back, never left out.
    const unconfirmed = webmail({ inPlace: true, removeFailsAfter: true });
    unconfirmed.files.clear();
    unconfirmed.files.set('rapport.pdf', enc('%PDF-1.7 original'));
    await expect(swapAttachment(unconfirmed.adapter, flatOriginal, await pdf())).rejects.toThrow('still in the draft');
    expect(new TextDecoder().decode(unconfirmed.files.get('rapport.pdf'))).toBe('%PDF-1.7 original');
  });
});
