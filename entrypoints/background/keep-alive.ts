// Chrome stops an extension service worker after about 30 s without extension events or API
// calls, even while it awaits an answer from the offscreen document. A long analysis (a large
// PDF, a conversion) would then lose its answer and the send check would fail. Calling a cheap
// extension API now and then while work is pending resets that idle timer.

export async function withKeepAlive<T>(work: Promise<T>, tick: () => Promise<unknown>, intervalMs = 20_000): Promise<T> {
  const timer = setInterval(() => {
    tick().catch(() => undefined);
  }, intervalMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
