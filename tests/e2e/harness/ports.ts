// Loopback ports for the webmail services. Each service prefers a fixed, well-known port (so a
// developer can point a browser at it), but takes any free one when that port is busy, so that
// parallel runs and a leftover process from an earlier run do not clash.
import net from 'node:net';

export const HOST = '127.0.0.1';

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(null));
    srv.listen({ host: HOST, port, exclusive: true }, () => {
      const got = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(got));
    });
  });
}

/** `preferred` when it is free on 127.0.0.1, otherwise a free port chosen by the kernel. */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred) {
    const p = await tryListen(preferred);
    if (p) return p;
  }
  const p = await tryListen(0);
  if (!p) throw new Error('no free loopback port');
  return p;
}

function connectOnce(port: number, expectGreeting?: RegExp): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: HOST, port });
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => finish(false));
    sock.once('error', () => finish(false));
    sock.once('connect', () => { if (!expectGreeting) finish(true); });
    // A server that accepted the connection but is not ready yet has not sent its banner.
    sock.once('data', (buf) => finish(!expectGreeting || expectGreeting.test(buf.toString('latin1'))));
  });
}

/**
 * Resolves once `port` accepts a connection (and, with `expectGreeting`, sends a banner that
 * matches it). `isDead()` lets the caller stop waiting at once when the server process exited.
 */
export interface WaitForPortOptions {
  timeoutMs?: number;
  expectGreeting?: RegExp;
  isDead?: () => string | null;
  what?: string;
}

export async function waitForPort(port: number, { timeoutMs = 15_000, expectGreeting, isDead = () => null, what = `port ${port}` }: WaitForPortOptions = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = isDead();
    if (dead) throw new Error(`${what} exited before it was ready: ${dead}`);
    if (await connectOnce(port, expectGreeting)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer on ${HOST}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
