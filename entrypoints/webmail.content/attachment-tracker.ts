// Attach time: every complete attachment is fetched once (same origin), handed to the background
// for analysis, and gets a small status badge; once the analysis has made its PDF, the PDF takes
// the attachment's place (./swapper.ts) and its row says so ("rapport.docx → rapport.pdf, flat
// PDF"). Send time then only looks the results up.
import type { ComposeAttachment, WebmailAdapter } from '../../utils/browser/webmail/adapter.ts';
import type { AnalyseResponse, ErrorResponse } from '../../utils/core/messaging/protocol.ts';
import { bytesToBase64 } from '../../utils/core/messaging/base64.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { ui } from '../../utils/core/i18n/dialog.ts';
import type { sendToBackground } from '../../utils/browser/messaging/client.ts';
import { needsSwap, type Swapper } from './swapper.ts';

export type AnalysisResult = { ok: true; value: AnalyseResponse } | { ok: false; error: string };

interface Entry {
  att: ComposeAttachment;
  result: Promise<AnalysisResult>;
  settled: AnalysisResult | null;
  /** Its attach-time swap: running, or failed with a reason (the original stays). */
  swap?: { state: 'running' } | { state: 'failed'; reason: string };
  /** Its attach-time swap was started (once: a failed one is left to the send). */
  swapStarted?: boolean;
}

export type StatusKind = 'checking' | 'ok' | 'converted' | 'flattened' | 'problem' | 'swapping' | 'swapped' | 'swap-failed';

export class AttachmentTracker {
  private readonly entries = new Map<string, Entry>();
  private off: (() => void) | null = null;

  private readonly adapter: WebmailAdapter;
  private readonly send: typeof sendToBackground;
  private readonly lang: Lang;

  private readonly swapper: Swapper | null;

  /** With a `swapper`, each attachment is swapped for its PDF as soon as its analysis made it. */
  constructor(adapter: WebmailAdapter, send: typeof sendToBackground, lang: Lang, swapper: Swapper | null = null) {
    this.adapter = adapter;
    this.send = send;
    this.lang = lang;
    this.swapper = swapper;
  }

  start(): void {
    this.off = this.adapter.onAttachmentsChanged(() => this.scan());
    this.scan();
  }

  stop(): void {
    this.off?.();
  }

  /** The analysis of `att`, started now if it was not yet (e.g. the observer missed it). */
  analysisOf(att: ComposeAttachment): Promise<AnalysisResult> {
    return (this.entries.get(att.id) ?? this.track(att)).result;
  }

  private scan(): void {
    const listed = this.adapter.listAttachments();
    // An attachment no longer listed (removed, swapped out, its editor closed) is forgotten once
    // no swap of it runs: SOGo names attachments by file name, so the same name in the next
    // message is another attachment, analysed and swapped on its own.
    const ids = new Set(listed.map((a) => a.id));
    for (const [id, entry] of this.entries) if (!ids.has(id) && entry.swap?.state !== 'running') this.entries.delete(id);
    for (const att of listed) {
      if (!att.complete) continue;
      const entry = this.entries.get(att.id) ?? this.track(att);
      // Analysed before a swap could be made (SOGo's draft not yet known): made now that it can.
      if (entry.settled && !entry.swapStarted && this.swapper && this.adapter.swapsAtAttach && needsSwap(entry.settled)) this.swapAtAttach(att, entry, entry.settled);
      this.render(att, entry);
    }
  }

  private track(att: ComposeAttachment): Entry {
    const entry: Entry = { att, settled: null, result: Promise.resolve({ ok: false, error: 'not started' }) };
    entry.result = this.analyse(att).then((r) => {
      entry.settled = r;
      // Started before anyone awaiting the result runs: a send sees the swap running.
      if (this.swapper && this.adapter.swapsAtAttach && needsSwap(r) && !entry.swapStarted) this.swapAtAttach(att, entry, r);
      this.render(att, entry);
      return r;
    });
    this.entries.set(att.id, entry);
    return entry;
  }

  private swapAtAttach(att: ComposeAttachment, entry: Entry, r: AnalysisResult): void {
    entry.swapStarted = true;
    entry.swap = { state: 'running' };
    const key = `attach-${this.adapter.composeKey() ?? ''}`;
    void this.swapper!.swap(att, r, key, { onlyIfListed: true }).then((outcome) => {
      entry.swap = outcome.kind === 'failed' ? { state: 'failed', reason: outcome.reason } : undefined;
      // The PDF took the original's id (SOGo names attachments by file name): this entry is the
      // original's; the PDF is analysed as what it is now (the extension's own output).
      const tookItsId = outcome.kind === 'swapped' && outcome.fresh.id === att.id;
      if (tookItsId) this.entries.delete(att.id);
      else this.render(att, entry);
      // Every row again: the copies of this swap no longer show it running.
      this.scan();
    });
  }

  private async analyse(att: ComposeAttachment): Promise<AnalysisResult> {
    let bytes: Uint8Array;
    try {
      bytes = await this.adapter.fetchAttachmentBytes(att);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    const res: AnalyseResponse | ErrorResponse = await this.send({
      kind: 'analyse',
      composeKey: this.adapter.composeKey() ?? '',
      name: att.name,
      bytesB64: bytesToBase64(bytes),
    });
    return res.ok ? { ok: true, value: res } : { ok: false, error: res.error };
  }

  static statusOf(r: AnalysisResult | null, swap?: Entry['swap']): { kind: StatusKind; reason?: string; from?: string } {
    if (!r) return { kind: 'checking' };
    if (!r.ok) return { kind: 'problem', reason: r.error };
    const { analysis, fix, madeFrom } = r.value;
    if (madeFrom) return { kind: 'swapped', from: madeFrom.name };
    if (swap?.state === 'running') return { kind: 'swapping' };
    if (swap?.state === 'failed') return { kind: 'swap-failed', reason: swap.reason };
    if (!analysis.readable || analysis.problem) return { kind: 'problem', reason: analysis.problem?.detail ?? 'unreadable' };
    if (!fix.ok) return { kind: 'problem', reason: fix.problem ?? 'conversion failed' };
    if (fix.action === 'converted') return { kind: 'converted' };
    if (fix.action === 'flattened') return { kind: 'flattened' };
    return { kind: 'ok' };
  }

  /** Whether an attach-time swap of the original with hash `sha256` is running. */
  private swapRunning(sha256: string): boolean {
    for (const e of this.entries.values()) if (e.swap?.state === 'running' && e.settled?.ok && e.settled.value.analysis.sha256 === sha256) return true;
    return false;
  }

  /** A small badge in its own shadow root after the attachment's name. Idempotent. */
  private render(att: ComposeAttachment, entry: Entry): void {
    const row = this.adapter.placeUi(att);
    if (!row) return;
    let host = row.querySelector<HTMLElement>(':scope > [data-reportguard-status]');
    if (!host) {
      host = row.ownerDocument.createElement('span');
      host.setAttribute('data-reportguard-status', '');
      host.attachShadow({ mode: 'open' });
      row.append(host);
      // In a row laid out as one flex line (Roundcube's), the badge would squeeze the file name
      // to an ellipsis in a narrow panel: it takes a line of its own under the name instead.
      const display = row.ownerDocument.defaultView?.getComputedStyle(row).display ?? '';
      if (display === 'flex' || display === 'inline-flex') {
        row.style.flexWrap = 'wrap';
        host.style.flexBasis = '100%';
        host.style.minWidth = '0';
        host.setAttribute('data-line', 'own');
      }
    }
    const status = AttachmentTracker.statusOf(entry.settled, entry.swap);
    // A copy of an original whose swap still runs (uploaded, not yet verified, the original not
    // yet removed from the server): not finished either, whatever its own analysis says.
    const madeFrom = entry.settled?.ok ? entry.settled.value.madeFrom : undefined;
    const { kind, reason, from } = status.kind === 'swapped' && madeFrom && this.swapRunning(madeFrom.sha256) ? { ...status, kind: 'swapping' as const } : status;
    if (host.getAttribute('data-state') === kind) return;
    host.setAttribute('data-state', kind);
    const text =
      kind === 'problem'
        ? ui(this.lang, 'status.problem', { reason: reason ?? '' })
        : kind === 'swap-failed'
          ? ui(this.lang, 'status.swapFailed', { reason: reason ?? '' })
          : kind === 'swapped'
            ? ui(this.lang, 'status.swapped', { from: from ?? '', to: att.name })
            : ui(this.lang, `status.${kind}` as const);
    const shadow = host.shadowRoot!;
    shadow.replaceChildren();
    const style = row.ownerDocument.createElement('style');
    style.textContent = BADGE_CSS;
    const badge = row.ownerDocument.createElement('span');
    badge.className = `badge ${kind}`;
    badge.setAttribute('role', 'status');
    // A short word in the row (the file name keeps its room); the full sentence as tooltip and label.
    const full = ui(this.lang, 'status.label', { file: att.name, status: text });
    badge.setAttribute('aria-label', full);
    badge.title = full;
    badge.textContent =
      kind === 'swapped'
        ? ui(this.lang, 'status.short.swapped', { from: from ?? '', to: att.name })
        : ui(this.lang, `status.short.${kind === 'swap-failed' ? 'problem' : kind}` as const);
    shadow.append(style, badge);
  }
}

const BADGE_CSS = `
.badge { display:inline-block; margin:0 .4em; padding:0 .45em; border-radius:.7em; font:600 11px/1.6 system-ui,sans-serif;
  white-space:nowrap; max-width:8em; overflow:hidden; text-overflow:ellipsis; vertical-align:middle; }
.checking, .swapping { background:#eef1f4; color:#33475b; }
.swapped { background:#e6f0fb; color:#123d6a; max-width:14em; }
.ok { background:#e3f4e8; color:#14532d; }
.converted, .flattened { background:#e6f0fb; color:#123d6a; }
.problem, .swap-failed { background:#fde8e8; color:#7f1d1d; }
:host([data-line="own"]) { display:block; }
:host([data-line="own"]) .badge { display:block; width:fit-content; box-sizing:border-box; margin:.1em 0 0 1.4em; max-width:calc(100% - 1.4em); }
`;
