// The swap of an attachment for its checked PDF, the same safe order for every webmail: upload
// the PDF, verify that the bytes the server now holds have the checked hash, and only then
// remove the original (also when the copy must take the original's name: see swapInPlace). Any failure leaves the compose session as it was (the original in it, no
// stray copy) and rejects with one line; an original the user removed meanwhile takes its copy
// with it (OriginalRemovedError). Adapters give only the primitives (upload, remove,
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
  await removeOriginal(adapter, old, fresh);
  return fresh;
}

/**
 * The copy must carry the original's name, which the webmail gives a second upload only once the
 * original is gone (SOGo stores it as `name-1.ext` meanwhile). Still upload first: the copy goes
 * in beside the original and is verified; only then does the original go, so the message holds
 * the original or a verified copy at every moment. The copy is then uploaded once more, now under
 * the original's name, verified, and the one beside it removed. If that last round fails, the
 * verified copy beside stays (under its other name): the checked PDF is in the message either way.
 */
async function swapInPlace(adapter: SwapPrimitives, old: ComposeAttachment, file: ReplacementFile): Promise<ComposeAttachment> {
  const beside = await adapter.uploadAttachment(file);
  try {
    if (beside.id === old.id) throw new Error(`the checked copy took ${old.name}'s place before it was verified`);
    await verifyUploaded(adapter, beside, file);
  } catch (err) {
    if (beside.id !== old.id) await adapter.removeAttachment(beside).catch(() => undefined);
    throw err;
  }
  await removeOriginal(adapter, old, beside);
  let named: ComposeAttachment | null = null;
  try {
    named = await adapter.uploadAttachment(file);
    if (named.id !== old.id) throw new Error(`the checked copy was stored as ${named.name}`);
    await verifyUploaded(adapter, named, file);
  } catch {
    if (named && named.id !== beside.id) await adapter.removeAttachment(named).catch(() => undefined);
    return beside;
  }
  // Two verified copies now; the one under the other name goes (if it won't, both are the checked PDF).
  await adapter.removeAttachment(beside).catch(() => undefined);
  return named;
}

/** The user took the original out while its copy was being uploaded: the copy goes too. */
export class OriginalRemovedError extends Error {
  constructor(name: string) {
    super(`${name} was removed from the message while its PDF was being attached`);
    this.name = 'OriginalRemovedError';
  }
}

/**
 * The last step of a swap: the original goes, the verified copy stays. An original no longer in
 * the message was removed by the user meanwhile: the copy is taken out as well (the user removed
 * that document), and the swap rejects. A removal that fails with the original still there takes
 * the copy out again, so the message is as it was.
 */
async function removeOriginal(adapter: SwapPrimitives, old: ComposeAttachment, copy: ComposeAttachment): Promise<void> {
  if (!listed(adapter, old)) {
    await adapter.removeAttachment(copy).catch(() => undefined);
    throw new OriginalRemovedError(old.name);
  }
  try {
    await adapter.removeAttachment(old);
  } catch (err) {
    if (listed(adapter, old)) await adapter.removeAttachment(copy).catch(() => undefined);
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
