// Isolated-world end of the bridge, shared by every webmail (Roundcube's and SOGo's hooks share the
// one page-world script and its channel): the private channel's handover at document_start, a typed
// way to send commands, and waits with timeouts for the bridge's answers. Every message from the
// bridge is parsed (utils/core/messaging/bridge.ts) and treated as a claim about the page, never
// as a decision.
import {
  BRIDGE_MARKER_ATTR,
  EV_BRIDGE_PORT,
  EV_BRIDGE_READY,
  parseBridgeEvent,
  randomHex,
  type BridgeCommand,
  type BridgeEvent,
} from '../../core/messaging/bridge.ts';

type Listener = (msg: BridgeEvent) => void;

export class BridgeClient {
  private readonly channel: MessageChannel;
  private portHandedOver = false;
  private readonly listeners = new Set<Listener>();
  private hookedInfo: { composeId: string; action: string } | null = null;

  private readonly win: Window;

  constructor(win: Window = window) {
    this.win = win;
    this.channel = new MessageChannel();
    this.channel.port1.addEventListener('message', (e: MessageEvent) => {
      const msg = parseBridgeEvent(e.data);
      if (!msg) return;
      if (msg.kind === 'hooked') this.hookedInfo = { composeId: msg.composeId, action: msg.action };
      for (const l of this.listeners) l(msg);
    });
    this.channel.port1.start();
    // Handover, both orders: if the bridge already ran it left a marker and the port goes now;
    // otherwise we wait for its one 'ready' event. Either way it happens at document_start,
    // before any page script can listen.
    if (win.document.documentElement?.hasAttribute(BRIDGE_MARKER_ATTR)) {
      this.handOver();
    } else {
      const onReady = (): void => {
        win.removeEventListener(EV_BRIDGE_READY, onReady, true);
        this.handOver();
      };
      win.addEventListener(EV_BRIDGE_READY, onReady, true);
    }
  }

  private handOver(): void {
    if (this.portHandedOver) return;
    this.portHandedOver = true;
    this.win.dispatchEvent(new MessageEvent(EV_BRIDGE_PORT, { ports: [this.channel.port2] }));
  }

  /** Whether the private channel was handed to a bridge (false: no bridge ran on this page). */
  get channelOpen(): boolean {
    return this.portHandedOver;
  }

  /** What the bridge claimed when it hooked rcmail (null: not hooked, or no bridge). */
  get hooked(): { composeId: string; action: string } | null {
    return this.hookedInfo;
  }

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  send(cmd: BridgeCommand): void {
    this.channel.port1.postMessage(cmd);
  }

  /** Resolves with the first message `match` accepts, or rejects after `timeoutMs`. */
  waitFor<T extends BridgeEvent>(match: (m: BridgeEvent) => m is T, timeoutMs: number, what: string): Promise<T> {
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

  /** Uploads a file through rcmail.file_upload; resolves with the new attachment id (rcmfile…). */
  async upload(name: string, mime: string, bytes: Uint8Array, timeoutMs = 60_000): Promise<string> {
    const reqId = randomHex(8);
    const answer = this.waitFor(
      (m): m is Extract<BridgeEvent, { kind: 'upload-result' }> => m.kind === 'upload-result' && m.reqId === reqId,
      timeoutMs,
      'upload',
    );
    this.send({ kind: 'upload', reqId, name, mime, bytes });
    const res = await answer;
    if (!res.ok || !res.id) throw new Error(res.error ?? 'upload failed');
    return res.id;
  }

  async remove(id: string, timeoutMs = 10_000): Promise<void> {
    const reqId = randomHex(8);
    const answer = this.waitFor(
      (m): m is Extract<BridgeEvent, { kind: 'remove-result' }> => m.kind === 'remove-result' && m.reqId === reqId,
      timeoutMs,
      'remove',
    );
    this.send({ kind: 'remove', reqId, id });
    const res = await answer;
    if (!res.ok) throw new Error(res.error ?? 'remove failed');
  }

  /** Asks Roundcube to move the HTML editor's content into the form (best effort: false when it could not). */
  async syncEditor(timeoutMs = 3_000): Promise<boolean> {
    const reqId = randomHex(8);
    const answer = this.waitFor(
      (m): m is Extract<BridgeEvent, { kind: 'editor-synced' }> => m.kind === 'editor-synced' && m.reqId === reqId,
      timeoutMs,
      'editor',
    );
    this.send({ kind: 'sync-editor', reqId });
    return (await answer.catch(() => ({ ok: false }))).ok;
  }
}
