// Waiting for a webmail to catch up (a row listed, an attachment gone from the server's draft):
// the one polling loop every adapter uses.

export interface PollOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Pause between two checks (default 50 ms). */
  intervalMs?: number;
}

/**
 * Resolves once `cond` holds: checked at once, then after every pause. Rejects with
 * "<what>: timed out" when it still does not hold at the deadline, or with the error `cond`
 * threw or rejected with. An asynchronous condition (a server request) is never asked again
 * before it answered, so checks never pile up behind a slow server.
 */
export async function pollUntil(cond: () => boolean | Promise<boolean>, what: string, { timeoutMs, intervalMs = 50 }: PollOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`${what}: timed out`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
  }
}
