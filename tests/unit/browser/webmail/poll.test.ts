// The one polling loop of the webmail adapters: resolves once the condition holds, says what
// timed out, passes a failing check on, and never asks an asynchronous check twice at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollUntil } from '../../../../utils/browser/webmail/poll.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pollUntil', () => {
  it('resolves at once when the condition already holds, and after the pause in which it came true', async () => {
    await expect(pollUntil(() => true, 'listed', { timeoutMs: 1000 })).resolves.toBeUndefined();
    let calls = 0;
    const done = vi.fn();
    void pollUntil(() => ++calls >= 3, 'listed', { timeoutMs: 1000, intervalMs: 50 }).then(done);
    await vi.advanceTimersByTimeAsync(60);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(50);
    expect(done).toHaveBeenCalledOnce();
    expect(calls).toBe(3);
  });

  it('rejects with what it waited for once the time is up, not before', async () => {
    const outcome = pollUntil(() => false, 'old attachment removed', { timeoutMs: 300, intervalMs: 50 }).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(250);
    const early = await Promise.race([outcome, Promise.resolve('pending')]);
    expect(early).toBe('pending');
    await vi.advanceTimersByTimeAsync(100);
    await expect(outcome).resolves.toBe('old attachment removed: timed out');
  });

  it('passes on the error of a failing check (a server that answered with an error)', async () => {
    await expect(pollUntil(async () => Promise.reject(new Error('draft: HTTP 500')), 'in the draft', { timeoutMs: 1000 })).rejects.toThrow('draft: HTTP 500');
  });

  it('waits for an asynchronous check to answer before asking again', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const check = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 120)); // a slow server: slower than the pause
      running--;
      return ++calls === 3;
    };
    const p = pollUntil(check, 'in the draft', { timeoutMs: 5000, intervalMs: 50 });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(p).resolves.toBeUndefined();
    expect(calls).toBe(3);
    expect(most).toBe(1);
  });
});
