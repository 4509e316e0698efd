// Central audit, the sending side: takes what the queue (utils/browser/storage/audit-forward.ts)
// owes the collector, oldest first, in batches, and moves the cursor only after the collector
// said yes. A failure waits (backoff, kept in the queue's cursor so it outlives the service
// worker) and retries the same batch: nothing is skipped, so entries arrive in order, and a
// batch whose answer was lost arrives again under the same ids.
//
// One run at a time per context: a poke while a run is going makes it look again when done.
// Timers die with the service worker; the background's alarm and start-up call flush() again.
import {
  DEFAULT_BACKOFF,
  DEFAULT_BATCH_LIMITS,
  backoffMs,
  encodeBatch,
  judgeAnswer,
  takeBatch,
  toForwardRecord,
  type BackoffOptions,
  type BatchLimits,
  type CollectorConfig,
} from '../../utils/core/audit/forward.ts';
import type { ForwardStore } from '../../utils/browser/storage/audit-forward.ts';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import { oneLine } from '../../utils/core/errors.ts';

export interface CollectorResponse {
  status: number;
  text(): Promise<string>;
}

export interface ForwarderDeps {
  store: ForwardStore;
  /**
   * The collector now configured; null: forwarding off; an error: set but unusable, so nothing
   * is sent and the queue and its cursor stay as they are (no entry is given up).
   */
  config(): Promise<CollectorConfig | null | { error: string }>;
  fetch(url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal }): Promise<CollectorResponse>;
  now(): Date;
  random(): number;
  /** setTimeout / clearTimeout (tests drive a fake clock). */
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  limits?: BatchLimits;
  backoff?: BackoffOptions;
  /** How long a poke waits for more entries before sending (batching). */
  debounceMs?: number;
  requestTimeoutMs?: number;
}

export type FlushResult =
  | { state: 'off' }
  | { state: 'idle'; sent: number }
  | { state: 'waiting'; sent: number; untilMs: number }
  | { state: 'failed'; sent: number; reason: string; retryInMs: number };

export interface AuditForwarder {
  /** An entry was appended: send soon, together with whatever follows it shortly. */
  poke(): void;
  /** Sends what is owed now; resolves when the queue is empty, backing off, or an attempt failed. */
  flush(): Promise<FlushResult>;
}

export function createAuditForwarder(deps: ForwarderDeps): AuditForwarder {
  const limits = deps.limits ?? DEFAULT_BATCH_LIMITS;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const debounceMs = deps.debounceMs ?? 1_000;
  const requestTimeoutMs = deps.requestTimeoutMs ?? 30_000;
  let running: Promise<FlushResult> | null = null;
  let again = false;
  let timer: unknown = null;

  function schedule(ms: number): void {
    if (timer !== null) deps.clearTimer(timer);
    timer = deps.setTimer(() => {
      timer = null;
      void forwarder.flush().catch(() => undefined);
    }, Math.max(0, ms));
  }

  async function send(config: CollectorConfig, body: string, contentType: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (config.authorization) headers['authorization'] = config.authorization;
    const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(requestTimeoutMs) : undefined;
    try {
      const response = await deps.fetch(config.url, { method: 'POST', headers, body, ...(signal ? { signal } : {}) });
      return judgeAnswer(config.format, response.status, await response.text().catch(() => ''));
    } catch (e) {
      return { ok: false, reason: `collector not reachable: ${oneLine(e)}` };
    }
  }

  async function run(): Promise<FlushResult> {
    const config = await deps.config();
    if (!config) {
      await deps.store.disable();
      return { state: 'off' };
    }
    if ('error' in config) return { state: 'failed', sent: 0, reason: config.error, retryInMs: 0 };
    let cursor = await deps.store.configure(config, deps.now());
    const source = await deps.store.sourceId();
    let sent = 0;
    for (;;) {
      const wait = cursor.nextAttemptAt - deps.now().getTime();
      if (wait > 0) {
        schedule(wait);
        return { state: 'waiting', sent, untilMs: cursor.nextAttemptAt };
      }
      const entries = await deps.store.pending(cursor.ackedSeq, limits.maxEntries);
      if (entries.length === 0) return { state: 'idle', sent };
      const batch = takeBatch(
        entries.map((e) => toForwardRecord(source, e)),
        limits,
      );
      const { body, contentType } = encodeBatch(config.format, batch);
      const answer = await send(config, body, contentType);
      if (!answer.ok) {
        const retryInMs = backoffMs(cursor.failures + 1, deps.random, backoff);
        await deps.store.failed(config.url, answer.reason, deps.now().getTime() + retryInMs);
        schedule(retryInMs);
        return { state: 'failed', sent, reason: answer.reason, retryInMs };
      }
      await deps.store.ack(config.url, batch[batch.length - 1]!.seq, deps.now());
      sent += batch.length;
      const next = await deps.store.cursor();
      // Reconfigured or switched off meanwhile: the next run starts from the new state.
      if (!next || next.url !== config.url) return { state: 'idle', sent };
      cursor = next;
    }
  }

  const forwarder: AuditForwarder = {
    poke() {
      if (timer === null) schedule(debounceMs);
    },
    flush() {
      if (running) {
        again = true;
        return running;
      }
      const go = async (): Promise<FlushResult> => {
        let result: FlushResult;
        let before = 0;
        do {
          again = false;
          result = await run();
          if ('sent' in result) result = { ...result, sent: result.sent + before };
          before = 'sent' in result ? result.sent : 0;
        } while (again && result.state === 'idle');
        return result;
      };
      running = go().finally(() => {
        running = null;
      });
      return running;
    },
  };
  return forwarder;
}

/** The audit store as the background uses it: every append also pokes the forwarder. */
export function forwardingAudit(store: AuditStore, forwarder: Pick<AuditForwarder, 'poke'>): AuditStore {
  return {
    ...store,
    async append(type, data, at) {
      const entry = await store.append(type, data, at);
      forwarder.poke();
      return entry;
    },
  };
}
