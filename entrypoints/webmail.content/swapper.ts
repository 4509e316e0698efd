// Swaps an attachment for the PDF its analysis made, as soon as that PDF exists (attach time),
// so that a send has nothing heavy left to do; the send flow uses the same swaps (one per
// attachment: a send during an attach-time swap waits for that swap instead of starting its
// own). The PDF comes from the background's cache, hashed again here; the safe order (upload,
// verify, remove the original) is the webmail-neutral sequence of utils/browser/webmail/swap.ts.
// The link from the PDF to its original is the background's out→original record (IndexedDB),
// made when the analysis produced the PDF, so it outlives this page.
import type { ComposeAttachment, WebmailAdapter } from '../../utils/browser/webmail/adapter.ts';
import { OriginalRemovedError, swapAttachment } from '../../utils/browser/webmail/swap.ts';
import type { sendToBackground } from '../../utils/browser/messaging/client.ts';
import { base64ToBytes } from '../../utils/core/messaging/base64.ts';
import { sha256Hex } from '../../utils/core/documents/hash.ts';
import { oneLine } from '../../utils/core/errors.ts';
import type { AnalysisResult } from './attachment-tracker.ts';

export type SwapOutcome =
  /** The PDF is in the compose session instead of the original. */
  | { kind: 'swapped'; fresh: ComposeAttachment; from: string; to: string }
  /** Nothing to replace (the checked PDF is the attachment itself, or the original is gone). */
  | { kind: 'none' }
  /** The original stays; `reason` is one line. */
  | { kind: 'failed'; reason: string };

/** Does this analysis make a PDF that must take the attachment's place? */
export function needsSwap(result: AnalysisResult | null): boolean {
  if (!result?.ok || result.value.madeFrom) return false;
  const { analysis, fix } = result.value;
  return fix.ok && fix.action !== 'none' && fix.outputSha256 !== analysis.sha256;
}

export class Swapper {
  /** Running swaps by the original's id; a finished one leaves the map (a failed one may be tried again). */
  private readonly running = new Map<string, Promise<SwapOutcome>>();
  /** One swap at a time: the webmail's upload and removal of one settle before the next starts. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly adapter: WebmailAdapter;
  private readonly send: typeof sendToBackground;
  private readonly stepTimeoutMs: number;

  constructor(adapter: WebmailAdapter, send: typeof sendToBackground, stepTimeoutMs = 60_000) {
    this.adapter = adapter;
    this.send = send;
    this.stepTimeoutMs = stepTimeoutMs;
  }

  /** True while a swap runs. */
  get pending(): boolean {
    return this.running.size > 0;
  }

  /** Resolves once no swap runs (those started meanwhile included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /**
   * Swaps `att` for the PDF `result` made (a swap of `att` already running is that swap).
   * `checkId` is the audit key: the send check's, or the compose session's at attach time.
   * `onlyIfListed`: at attach time, an original the user removed meanwhile is left alone.
   */
  swap(att: ComposeAttachment, result: AnalysisResult, checkId: string, { onlyIfListed = false } = {}): Promise<SwapOutcome> {
    const running = this.running.get(att.id);
    if (running) return running;
    const p = this.queue.then(() => this.run(att, result, checkId, onlyIfListed));
    this.queue = p.catch(() => undefined);
    const tracked = p.finally(() => this.running.delete(att.id));
    this.running.set(att.id, tracked);
    return tracked;
  }

  private async run(att: ComposeAttachment, result: AnalysisResult, checkId: string, onlyIfListed: boolean): Promise<SwapOutcome> {
    if (!needsSwap(result) || !result.ok) return { kind: 'none' };
    if (onlyIfListed && !this.adapter.listAttachments().some((a) => a.id === att.id && a.complete)) return { kind: 'none' };
    const { analysis } = result.value;
    try {
      const conv = await this.send({ kind: 'converted', sha256: analysis.sha256 });
      if (!conv.ok) throw new Error(conv.error);
      if (conv.sha256 === analysis.sha256) return { kind: 'none' };
      const bytes = base64ToBytes(conv.bytesB64);
      if ((await sha256Hex(bytes)) !== conv.sha256) throw new Error('converted PDF hash mismatch');
      if (onlyIfListed && !this.adapter.listAttachments().some((a) => a.id === att.id)) return { kind: 'none' };
      const fresh = await withTimeout(
        swapAttachment(this.adapter, att, { name: conv.name, mime: 'application/pdf', bytes, sha256: conv.sha256 }),
        this.stepTimeoutMs * 3,
        () => new Error('timed out'),
      );
      await this.decide(checkId, 'swapped', { from: analysis.sha256, to: conv.sha256, id: fresh.id });
      return { kind: 'swapped', fresh, from: analysis.sha256, to: conv.sha256 };
    } catch (e) {
      // The user removed the document meanwhile (its copy went too): nothing to replace; a send
      // that was waiting for this swap checks what the message holds now.
      if (e instanceof OriginalRemovedError) return { kind: 'none' };
      const reason = oneLine(e);
      await this.decide(checkId, 'swap-failed', { sha256: analysis.sha256, reason });
      return { kind: 'failed', reason };
    }
  }

  private async decide(checkId: string, action: 'swapped' | 'swap-failed', details: Record<string, string>): Promise<void> {
    // Best effort: the audit of the swap must not undo it.
    await this.send({ kind: 'decision', checkId, action, details }).catch(() => undefined);
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
