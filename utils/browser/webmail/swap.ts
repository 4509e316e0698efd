// The swap of an attachment for its checked PDF, the same safe order for every webmail: upload
// the PDF, verify that the bytes the server now holds have the checked hash, and only then
// remove the original. Any failure leaves the compose session as it was (the original in it, no
// stray copy) and rejects with one line. Adapters give only the primitives (upload, remove,
// whether an upload of that name takes the original's place).
import type { ComposeAttachment, ReplacementFile, WebmailAdapter } from './adapter.ts';
import { sha256Hex } from '../../core/documents/hash.ts';

type SwapPrimitives = Pick<WebmailAdapter, 'uploadAttachment' | 'removeAttachment' | 'uploadReplaces' | 'fetchAttachmentBytes' | 'listAttachments'>;

/** Resolves with the swapped-in attachment; rejects (original kept) on any failure. */
export async function swapAttachment(adapter: SwapPrimitives, old: ComposeAttachment, file: ReplacementFile): Promise<ComposeAttachment> {
  if (adapter.uploadReplaces(old, file.name)) return swapInPlace(adapter, old, file);
  const fresh = await adapter.uploadAttachment(file);
  try {
    await verifyUploaded(adapter, fresh, file);
  } catch (err) {
    await adapter.removeAttachment(fresh).catch(() => undefined);
    throw err;
  }
  try {
    await adapter.removeAttachment(old);
  } catch (err) {
    // The original is still there: take the copy out again so the message is as it was.
    if (listed(adapter, old)) await adapter.removeAttachment(fresh).catch(() => undefined);
    throw err;
  }
  return fresh;
}

/**
 * The copy takes the original's name (and so its place): the original goes first, its bytes read
 * and kept before; if the copy can't be put in its place, the original goes back in.
 */
async function swapInPlace(adapter: SwapPrimitives, old: ComposeAttachment, file: ReplacementFile): Promise<ComposeAttachment> {
  const original = await adapter.fetchAttachmentBytes(old);
  const putBack = async () => {
    if (listed(adapter, old)) return;
    await adapter.uploadAttachment({ name: old.name, mime: mimeOf(old.name), bytes: original, sha256: await sha256Hex(original) }).catch(() => undefined);
  };
  try {
    await adapter.removeAttachment(old);
  } catch (err) {
    // Its row may be gone although the server was not seen to confirm: never leave it out.
    await putBack();
    throw err;
  }
  let fresh: ComposeAttachment | null = null;
  try {
    fresh = await adapter.uploadAttachment(file);
    if (fresh.id !== old.id) throw new Error(`the checked copy was stored as ${fresh.name}`);
    await verifyUploaded(adapter, fresh, file);
    return fresh;
  } catch (err) {
    if (fresh) await adapter.removeAttachment(fresh).catch(() => undefined);
    await putBack();
    throw err;
  }
}

async function verifyUploaded(adapter: SwapPrimitives, fresh: ComposeAttachment, file: ReplacementFile): Promise<void> {
  const uploaded = await adapter.fetchAttachmentBytes(fresh);
  if ((await sha256Hex(uploaded)) !== file.sha256) throw new Error('uploaded bytes differ');
}

function listed(adapter: SwapPrimitives, att: ComposeAttachment): boolean {
  return adapter.listAttachments().some((a) => a.id === att.id);
}

export function mimeOf(name: string): string {
  const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1];
  const known: Record<string, string> = {
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    odt: 'application/vnd.oasis.opendocument.text',
    rtf: 'application/rtf',
    txt: 'text/plain',
  };
  return (ext && known[ext]) || 'application/octet-stream';
}
