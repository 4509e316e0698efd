// Isolated-world end of the bridge: the key handshake at document_start, a typed way to send
// commands, and waits with timeouts for the bridge's answers. What the bridge says is treated
// as a claim about the page, never as a decision.
import {
  BRIDGE_MARKER_ATTR,
  EV_BRIDGE_KEY,
  EV_BRIDGE_READY,
  EV_TO_BRIDGE,
  EV_TO_CONTENT,
  importReleaseKey,
  parseDetail,
  randomHex,
  signRelease,
  type BridgeToContent,
  type ContentToBridge,
} from '../../../core/messaging/bridge.ts';

type Listener = (msg: BridgeToContent) => void;

export class BridgeClient {
  private readonly secretHex = randomHex(32);
  private readonly key: Promise<CryptoKey>;
  private keySent = false;
  private readonly listeners = new Set<Listener>();
  private hookedInfo: { composeId: string; action: string } | null = null;

  private readonly win: Window;

  constructor(win: Window = window) {
    this.win = win;
    this.key = importReleaseKey(this.secretHex);
    // Handshake, both orders: if the bridge already ran it left a marker and we send the key
    // now; otherwise we wait for its one 'ready' event. Either way the key goes out exactly once,
    // at document_start, before any page script can listen.
    if (win.document.documentElement?.hasAttribute(BRIDGE_MARKER_ATTR)) {
      this.sendKey();
    } else {
      const onReady = (): void => {
        win.removeEventListener(EV_BRIDGE_READY, onReady, true);
        this.sendKey();
      };
      win.addEventListener(EV_BRIDGE_READY, onReady, true);
    }
    win.addEventListener(EV_TO_CONTENT, (e: Event) => {
      const msg = parseDetail<BridgeToContent>((e as CustomEvent).detail);
      if (!msg) return;
      if (msg.type === 'hooked' && typeof msg.composeId === 'string') this.hookedInfo = { composeId: msg.composeId, action: String(msg.action) };
      for (const l of this.listeners) l(msg);
    });
  }

  private sendKey(): void {
    if (this.keySent) return;
    this.keySent = true;
    this.win.dispatchEvent(new CustomEvent(EV_BRIDGE_KEY, { detail: this.secretHex }));
  }

  get keyDelivered(): boolean {
    return this.keySent;
  }

  /** What the bridge claimed when it hooked rcmail (null: not hooked, or no bridge). */
  get hooked(): { composeId: string; action: string } | null {
    return this.hookedInfo;
  }

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  send(cmd: ContentToBridge): void {
    this.win.dispatchEvent(new CustomEvent(EV_TO_BRIDGE, { detail: JSON.stringify(cmd) }));
  }

  /** Resolves with the first message `match` accepts, or rejects after `timeoutMs`. */
  waitFor<T extends BridgeToContent>(match: (m: BridgeToContent) => m is T, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${what}: no answer within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      const off = this.on((m) => {
        if (match(m)) {
          clearTimeout(timer);
          off();
          resolve(m);
        }
      });
    });
  }

  /** Releases exactly one send; resolves with whether the webmail submitted it (and why not). */
  async release(composeId: string, timeoutMs = 10_000): Promise<{ sent: boolean; error?: string }> {
    const nonce = randomHex(16);
    const mac = await signRelease(await this.key, nonce, composeId);
    const answer = this.waitFor(
      (m): m is Extract<BridgeToContent, { type: 'released' }> => m.type === 'released' && m.nonce === nonce,
      timeoutMs,
      'release',
    );
    this.send({ type: 'release', composeId, nonce, mac });
    const res = await answer;
    return res.ok === true ? { sent: true } : { sent: false, error: typeof res.error === 'string' ? res.error : 'not sent' };
  }

  /** Uploads a file through rcmail.file_upload; resolves with the new attachment id (rcmfile…). */
  async upload(name: string, mime: string, bytesB64: string, timeoutMs = 60_000): Promise<string> {
    const reqId = randomHex(8);
    const answer = this.waitFor(
      (m): m is Extract<BridgeToContent, { type: 'upload-result' }> => m.type === 'upload-result' && m.reqId === reqId,
      timeoutMs,
      'upload',
    );
    this.send({ type: 'upload', reqId, name, mime, bytesB64 });
    const res = await answer;
    if (!res.ok || typeof res.name !== 'string' || !res.name) throw new Error(res.error ?? 'upload failed');
    return res.name;
  }

  async remove(name: string, timeoutMs = 10_000): Promise<void> {
    const reqId = randomHex(8);
    const answer = this.waitFor(
      (m): m is Extract<BridgeToContent, { type: 'remove-result' }> => m.type === 'remove-result' && m.reqId === reqId,
      timeoutMs,
      'remove',
    );
    this.send({ type: 'remove', reqId, name });
    const res = await answer;
    if (!res.ok) throw new Error(res.error ?? 'remove failed');
  }

  async facts(timeoutMs = 3_000): Promise<Extract<BridgeToContent, { type: 'facts' }>> {
    const reqId = randomHex(8);
    const answer = this.waitFor(
      (m): m is Extract<BridgeToContent, { type: 'facts' }> => m.type === 'facts' && m.reqId === reqId,
      timeoutMs,
      'facts',
    );
    this.send({ type: 'facts', reqId });
    return answer;
  }
}
