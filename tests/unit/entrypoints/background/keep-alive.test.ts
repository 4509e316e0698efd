import { afterEach, describe, expect, it, vi } from 'vitest';
import { withKeepAlive } from '../../../../entrypoints/background/keep-alive.ts';

afterEach(() => vi.useRealTimers());

describe('withKeepAlive', () => {
  it('ticks while the work is pending and stops when it settles', async () => {
    vi.useFakeTimers();
    let ticks = 0;
    let finish!: (v: string) => void;
    const result = withKeepAlive(new Promise<string>((r) => (finish = r)), async () => void ticks++, 1000);
    await vi.advanceTimersByTimeAsync(3500);
    expect(ticks).toBe(3);
    finish('done');
    await expect(result).resolves.toBe('done');
    await vi.advanceTimersByTimeAsync(5000);
    expect(ticks).toBe(3);
  });

  it('passes a failure through and stops ticking; a failing tick is ignored', async () => {
    vi.useFakeTimers();
    let ticks = 0;
    let fail!: (e: Error) => void;
    const result = withKeepAlive(new Promise<never>((_, r) => (fail = r)), async () => { ticks++; throw new Error('no'); }, 1000);
    await vi.advanceTimersByTimeAsync(1500);
    fail(new Error('boom'));
    await expect(result).rejects.toThrow('boom');
    await vi.advanceTimersByTimeAsync(5000);
    expect(ticks).toBe(1);
  });
});
