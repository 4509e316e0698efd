// The compose session's attachments as the server holds them, read ahead of Send: after every
// attachment change has settled (attach-time uploads, swaps, removals), the session is read from
// the server once (for Roundcube a fetch of its compose page), under the generation the network
// guard gives the session then. At Send the reading stands only if the session is still at that
// generation: every upload, removal or rename of an attachment in any tab or frame bumps it
// (../background/send-guard.ts), and a restarted service worker starts a new epoch, so an equal
// generation means the server's list is the one read. Otherwise the send reads the server again
// (fail closed: a stale or missing reading only costs the fetch it saves). The send's first check
// uses the latest reading without asking the generation first: its release, asked for in the same
// request as the verdict, states the reading's generation and is refused if the session moved.
import type { ComposeAttachment, WebmailAdapter } from '../../utils/browser/webmail/adapter.ts';
import type { sendToBackground } from '../../utils/browser/messaging/client.ts';
import { withTimeout } from './swapper.ts';

export interface SessionReading {
  composeKey: string;
  /** The session's generation read just before the server's list (never while a change ran). */
  generation: string;
  attachments: ComposeAttachment[];
}

/** Quiet time after an attachment change before the session is read (changes often come in pairs). */
const SETTLE_MS = 20;
/** On the document element while a reading is due or running ('reading') and once one stands ('read'). */
export const SESSION_READING_ATTR = 'data-reportguard-session';
/** While a change is still on its way (an upload running), the reading is tried again this often … */
const RETRY_MS = 250;
/** … this many times, then left to the next change or to Send. */
const MAX_RETRIES = 40;
/** A reading that lists other attachments than the screen is made again this many times. */
const MISMATCH_RETRIES = 8;

/** The same attachments (ids), in any order. */
export function sameAttachments(a: readonly ComposeAttachment[], b: readonly ComposeAttachment[]): boolean {
  const ids = new Set(a.map((x) => x.id));
  return a.length === b.length && ids.size === a.length && b.every((x) => ids.has(x.id));
}

export class SessionReadings {
  private latest: SessionReading | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private readonly adapter: WebmailAdapter;
  private readonly send: typeof sendToBackground;
  private readonly timeoutMs: number;

  private readonly doc: Document | null;

  /** `doc`: where to say whether a reading stands (benchmarks wait for it; nothing reads it back). */
  constructor(adapter: WebmailAdapter, send: typeof sendToBackground, timeoutMs = 30_000, doc: Document | null = null) {
    this.adapter = adapter;
    this.send = send;
    this.timeoutMs = timeoutMs;
    this.doc = doc;
  }

  private say(state: 'reading' | 'read' | 'none'): void {
    if (state === 'none') this.doc?.documentElement.removeAttribute(SESSION_READING_ATTR);
    else this.doc?.documentElement.setAttribute(SESSION_READING_ATTR, state);
  }

  /** Reads now and after every change of the listed attachments; returns the unsubscribe. */
  start(): () => void {
    // The change events also fire for what is not a change of the list (our own status badges
    // in the rows): only a different list (ids, names, uploads finished) is read again. A
    // change made elsewhere (another tab) shows at Send as a different generation.
    // A different compose session (SOGo's editor reporting its draft) is a change too.
    let listed = '';
    const current = () => JSON.stringify([this.adapter.composeKey(), this.adapter.listAttachments()]);
    const off = this.adapter.onAttachmentsChanged(() => {
      const now = current();
      if (now === listed) return;
      listed = now;
      this.soon(SETTLE_MS, true);
    });
    listed = current();
    this.soon(0, true);
    return () => {
      off();
      clearTimeout(this.timer);
    };
  }

  /** A reading once changes have settled for `delayMs` (a new change restarts the wait). */
  soon(delayMs = SETTLE_MS, fresh = false): void {
    if (fresh) this.retries = 0;
    this.say('reading');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.readNow();
    }, delayMs);
  }

  /**
   * The latest reading if the session is at `generation` now (a reading still on its way is
   * waited for): the server holds exactly those attachments. Null means: read the server.
   */
  async current(composeKey: string, generation: string): Promise<ComposeAttachment[] | null> {
    const r = await this.latestOf(composeKey);
    return r?.generation === generation ? r.attachments : null;
  }

  /**
   * The latest reading of `composeKey` (a reading on its way is waited for), whatever the
   * session's generation is now: for a request that states the generation it relies on and is
   * refused when the session is no longer there (the send's evaluate with its release).
   */
  async latestOf(composeKey: string): Promise<SessionReading | null> {
    while (this.running) await this.running;
    const r = this.latest;
    return r && r.composeKey === composeKey ? r : null;
  }

  /** Records a reading made elsewhere (the send's own), under the generation read before it. */
  remember(reading: SessionReading): void {
    this.latest = reading;
  }

  private readNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const ok = await this.readOnce().catch(() => false);
        if (ok && !this.again && !this.timer) this.say('read');
        else if (!ok && !this.again) {
          if (this.retries++ < MAX_RETRIES) this.soon(RETRY_MS);
          else this.say('none');
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** False when the session is changing (an upload here or in another tab) or could not be read. */
  private async readOnce(): Promise<boolean> {
    const composeKey = this.adapter.composeKey();
    if (!composeKey) return false;
    if (this.adapter.listAttachments().some((a) => !a.complete)) return false;
    const state = await this.send({ kind: 'session-state', composeKey });
    if (!state.ok || state.busy) return false;
    const attachments = await withTimeout(this.adapter.sessionAttachments(), this.timeoutMs, () => new Error('timed out'));
    this.latest = { composeKey, generation: state.generation, attachments };
    // The server not yet where the screen is (SOGo: a removal the editor shows done before its
    // request reached the server): read again shortly, a few times (a session that holds more
    // than this screen shows, from another tab, stays so).
    return sameAttachments(attachments, this.adapter.listAttachments()) || this.retries >= MISMATCH_RETRIES;
  }
}
