// Starts the offscreen document on demand and relays requests to it. Guards against creating it
// twice (two attachments analysed at once, or a document left over from before the worker was
// restarted), waits until it answers a ping, and gives up after a timeout: a hung pdfjs or
// converter ends in a one-line error (the send check then blocks), and the document is closed so
// the next request starts clean.

import {
  offscreenPingResponseSchema,
  parseOffscreenAnalyseResponse,
  type AnalysisSettings,
  type OffscreenAnalyseResponse,
  type OffscreenRequest,
} from '../../utils/core/messaging/offscreen.ts';
import { oneLine } from '../../utils/core/errors.ts';
import type { PipelineHost } from './pipeline-host.ts';

export interface OffscreenApi {
  hasDocument(): Promise<boolean>;
  createDocument(params: { url: string; reasons: ('WORKERS' | 'DOM_PARSER' | 'BLOBS')[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  sendMessage(message: OffscreenRequest): Promise<unknown>;
}

export interface RelayOptions {
  url: string;
  /** Whole analysis, including starting the document. */
  timeoutMs: number;
  /** Attempts to reach a document that was just created (its script may still be loading). */
  pingAttempts?: number;
  pingDelayMs?: number;
}

/** The Chromium host of the document pipeline (pipeline-host.ts). */
export type OffscreenRelay = PipelineHost;

export function createOffscreenRelay(api: OffscreenApi, options: RelayOptions): OffscreenRelay {
  let creating: Promise<void> | null = null;
  const pingAttempts = options.pingAttempts ?? 20;
  const pingDelayMs = options.pingDelayMs ?? 100;

  async function ensureDocument(): Promise<void> {
    if (creating) return creating;
    creating = (async () => {
      if (!(await api.hasDocument())) {
        try {
          await api.createDocument({
            url: options.url,
            // pdfjs runs its parser in a worker; the converters want a page context.
            reasons: ['WORKERS', 'DOM_PARSER', 'BLOBS'],
            justification: 'Analyse and convert e-mail attachments (PDF, Word) before they are sent',
          });
        } catch (e) {
          // Lost a race with another creation: the document exists, which is what we want.
          if (!/single offscreen|already/i.test(String((e as Error)?.message ?? e))) throw e;
        }
      }
      for (let i = 0; ; i++) {
        try {
          const pong = offscreenPingResponseSchema.safeParse(await api.sendMessage({ kind: 'offscreen.ping' }));
          if (pong.success) return;
        } catch {
          // Receiving end does not exist yet.
        }
        if (i + 1 >= pingAttempts) throw new Error('offscreen document did not start');
        await new Promise((r) => setTimeout(r, pingDelayMs));
      }
    })().finally(() => {
      creating = null;
    });
    return creating;
  }

  async function run(sha256: string, name: string, settings: AnalysisSettings): Promise<OffscreenAnalyseResponse> {
    await ensureDocument();
    return parseOffscreenAnalyseResponse(await api.sendMessage({ kind: 'offscreen.analyse', sha256, name, settings }));
  }

  return {
    async analyse(sha256, name, settings) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<OffscreenAnalyseResponse>((resolve) => {
        timer = setTimeout(() => {
          api.closeDocument().catch(() => undefined);
          resolve({ ok: false, error: `document analysis did not finish within ${Math.round(options.timeoutMs / 1000)} s` });
        }, options.timeoutMs);
      });
      const work = run(sha256, name, settings).catch(
        (e): OffscreenAnalyseResponse => ({ ok: false, error: `document analysis unavailable: ${oneLine(e)}` }),
      );
      try {
        return await Promise.race([work, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
