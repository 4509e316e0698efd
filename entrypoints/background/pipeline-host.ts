// Where the document pipeline runs (sniff, hash, text, convert, flatten, verify). One interface,
// two hosts:
//   - Chromium: the service worker has no DOM, so the pipeline runs in an offscreen document and
//     the background relays to it (offscreen-relay.ts).
//   - Firefox: there are no offscreen documents, but its MV3 background is an event page with a
//     DOM of its own, so the pipeline runs right there (createInBackgroundPipeline below).
// Both answer in the same shape, with the same time limit: a hung parse ends in a one-line error
// and the send check blocks (fail closed).
import type { AnalysisSettings, OffscreenAnalyseResponse } from '../../utils/core/messaging/offscreen.ts';
import { handleOffscreenRequest, type OffscreenDeps } from '../offscreen/handler.ts';
import { oneLine } from '../../utils/core/errors.ts';

export interface PipelineHost {
  /** Analyses (and fixes) bytes already in the document cache under `sha256`. */
  analyse(sha256: string, name: string, settings: AnalysisSettings): Promise<OffscreenAnalyseResponse>;
}

/** Firefox: the pipeline in the background page itself, one document at a time. */
export function createInBackgroundPipeline(deps: OffscreenDeps | (() => Promise<OffscreenDeps>), options: { timeoutMs: number }): PipelineHost {
  let loaded: Promise<OffscreenDeps> | null = null;
  const load = () => (loaded ??= typeof deps === 'function' ? deps() : Promise.resolve(deps));
  // The pipeline shares the page's one thread: documents go one after another, like the single
  // offscreen document handles them in Chromium.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    analyse(sha256, name, settings) {
      const work = queue.then(async (): Promise<OffscreenAnalyseResponse> => {
        const answer = await handleOffscreenRequest({ kind: 'offscreen.analyse', sha256, name, settings }, await load());
        return answer as OffscreenAnalyseResponse;
      });
      const tail = work.catch(() => undefined);
      queue = tail;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<OffscreenAnalyseResponse>((resolve) => {
        timer = setTimeout(() => {
          // A document that never finishes must not hold up the ones after it.
          if (queue === tail) queue = Promise.resolve();
          resolve({ ok: false, error: `document analysis did not finish within ${Math.round(options.timeoutMs / 1000)} s` });
        }, options.timeoutMs);
      });
      const guarded = work.catch((e: unknown): OffscreenAnalyseResponse => {
        loaded = null; // a pipeline that failed to load is tried again next time
        return { ok: false, error: `document analysis unavailable: ${oneLine(e)}` };
      });
      return Promise.race([guarded, timeout]).finally(() => clearTimeout(timer));
    },
  };
}
