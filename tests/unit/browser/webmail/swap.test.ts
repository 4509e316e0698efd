// The webmail-neutral swap sequence: upload, verify the server's bytes, then remove the original;
// every failure leaves the session as it was. A fake webmail records the order of the primitives.
import { describe, expect, it } from 'vitest';
import type { ComposeAttachment, ReplacementFile } from '../../../../utils/browser/webmail/adapter.ts';
import { OriginalRemovedError, swapAttachment } from '../../../../utils/browser/webmail/swap.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const ORIGINAL = { id: 'a1', name: 'rapport.docx', complete: true };

function webmail(opts: { inPlace?: boolean; corrupt?: boolean; removeFails?: (id: string) => boolean; removeFailsAfter?: boolean; uploadAs?: (name: string) => string; userRemoves?: string } = {}) {
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
      // In place (SOGo): a name already in the message gets `-1` before its extension.
      const id = opts.uploadAs?.(file.name) ?? (opts.inPlace ? (files.has(file.name) ? file.name.replace(/(\.[^.]+)$/, '-1$1') : file.name) : `a${++n + 1}`);
      log.push(`upload ${file.name} as ${id}`);
      files.set(id, file.bytes);
      // The user takes the original out while the copy is on its way.
      if (opts.userRemoves && files.delete(opts.userRemoves)) log.push(`user removed ${opts.userRemoves}`);
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

/** A webmail that keeps the copy's name (SOGo), holding only the original rapport.pdf. */
const start = (o: Parameters<typeof webmail>[0]) => {
  const w = webmail({ inPlace: true, ...o });
  w.files.clear();
  w.files.set('rapport.pdf', enc('%PDF-1.7 original'));
  return w;
};

const text = (w: ReturnType<typeof webmail>, id: string) => new TextDecoder().decode(w.files.get(id));

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

  it('an original the user removed while its copy was uploaded: the copy goes too, nothing of that document stays', async () => {
    const w = webmail({ userRemoves: 'a1' });
    const swap = swapAttachment(w.adapter, ORIGINAL, await pdf());
    await expect(swap).rejects.toThrow(OriginalRemovedError);
    await expect(swap).rejects.toThrow('rapport.docx was removed from the message');
    expect([...w.files.keys()]).toEqual([]);
    expect(w.log).toEqual(['upload rapport.pdf as a2', 'user removed a1', 'fetch a2', 'remove a2']);
  });

  it('a removal the server did not confirm after the row went keeps the verified copy (the original is gone by our hand)', async () => {
    const w = webmail({ removeFailsAfter: true });
    await expect(swapAttachment(w.adapter, ORIGINAL, await pdf())).rejects.toThrow('old attachment still in the draft');
    expect([...w.files.keys()]).toEqual(['a2']);
  });

  it('a copy that must carry the original’s name (SOGo): still uploaded and verified first, beside it; then the original goes and the copy takes its name', async () => {
    const flatOriginal = { id: 'rapport.pdf', name: 'rapport.pdf', complete: true };

    const ok = start({});
    const fresh = await swapAttachment(ok.adapter, flatOriginal, await pdf());
    expect(fresh.id).toBe('rapport.pdf');
    expect(ok.log).toEqual([
      'upload rapport.pdf as rapport-1.pdf',
      'fetch rapport-1.pdf',
      'remove rapport.pdf',
      'upload rapport.pdf as rapport.pdf',
      'fetch rapport.pdf',
      'remove rapport-1.pdf',
    ]);
    expect([...ok.files.keys()]).toEqual(['rapport.pdf']);
    expect(text(ok, 'rapport.pdf')).toBe('%PDF-1.7 checked');

    // The copy beside it is not what was checked: it goes, the original was never touched.
    const corrupt = start({ corrupt: true });
    await expect(swapAttachment(corrupt.adapter, flatOriginal, await pdf())).rejects.toThrow('uploaded bytes differ');
    expect([...corrupt.files.keys()]).toEqual(['rapport.pdf']);
    expect(text(corrupt, 'rapport.pdf')).toBe('%PDF-1.7 original');
    expect(corrupt.log).not.toContain('remove rapport.pdf');

    // The original won't go: the copy goes again, the message as it was.
    const stuck = start({ removeFails: (id) => id === 'rapport.pdf' });
    await expect(swapAttachment(stuck.adapter, flatOriginal, await pdf())).rejects.toThrow('removal refused');
    expect([...stuck.files.keys()]).toEqual(['rapport.pdf']);
    expect(text(stuck, 'rapport.pdf')).toBe('%PDF-1.7 original');

    // The user removed the original while the copy beside it was uploaded: the copy goes too.
    const gone = start({ userRemoves: 'rapport.pdf' });
    await expect(swapAttachment(gone.adapter, flatOriginal, await pdf())).rejects.toThrow(OriginalRemovedError);
    expect([...gone.files.keys()]).toEqual([]);

    // The name is not given back: the verified copy beside stays, under its other name.
    const renamed = start({ uploadAs: (name) => (renamed.files.has('rapport-1.pdf') ? 'rapport-2.pdf' : name === 'rapport.pdf' && renamed.files.has(name) ? 'rapport-1.pdf' : name) });
    const kept = await swapAttachment(renamed.adapter, flatOriginal, await pdf());
    expect(kept.id).toBe('rapport-1.pdf');
    expect([...renamed.files.keys()]).toEqual(['rapport-1.pdf']);
    expect(text(renamed, 'rapport-1.pdf')).toBe('%PDF-1.7 checked');
  });
});
