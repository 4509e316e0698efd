// The e2e harness's SMTP sink and port choice, with a raw SMTP client over a socket: what the
// sink stores must be exactly what was sent, only its own Roundcube (HELO token) may deliver,
// and waitForMail must wait for the right message.
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpSink, waitForMail, listMail, mailCount } from '../../e2e/harness/smtp-sink.ts';
import { freePort } from '../../e2e/harness/ports.ts';

const HELO = 'rg-test.harness.invalid';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (let c = cleanups.pop(); c; c = cleanups.pop()) await c();
});

async function sink() {
  const sinkDir = mkdtempSync(join(tmpdir(), 'rg-sink-test-'));
  const s = await startSmtpSink({ port: await freePort(), sinkDir, expectHelo: HELO });
  cleanups.push(() => rmSync(sinkDir, { recursive: true, force: true }), () => s.stop());
  return s;
}

/** Speaks SMTP line by line; resolves with every reply code in order. */
function smtpSession(port: number, helo: string, from: string, to: string[], data: string): Promise<number[]> {
  const commands = [`EHLO ${helo}`, `MAIL FROM:<${from}>`, ...to.map((t) => `RCPT TO:<${t}>`), 'DATA', `${data}\r\n.`, 'QUIT'];
  return new Promise((resolve, reject) => {
    const codes: number[] = [];
    const sock = net.connect({ host: '127.0.0.1', port });
    let buf = '';
    let next = 0;
    sock.on('error', reject);
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (line[3] === '-') continue; // multi-line reply, wait for its last line
        codes.push(Number(line.slice(0, 3)));
        const failed = codes.at(-1)! >= 400;
        if (next < commands.length && !(failed && next > 1)) sock.write(`${commands[next++]}\r\n`);
        else { sock.end(); resolve(codes); }
      }
    });
    sock.on('close', () => resolve(codes));
  });
}

const message = (subject: string) => [
  'From: A. Jansen <a.jansen@focus-nederland.nl>',
  'To: hr@werkgever-a.nl',
  `Subject: ${subject}`,
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Regel één.',
  '..Een regel die met een punt begint.',
].join('\r\n');

describe('SMTP sink', () => {
  it('stores the message bytes and the envelope of its own Roundcube', async () => {
    const s = await sink();
    const codes = await smtpSession(s.port, HELO, 'a.jansen@focus-nederland.nl', ['hr@werkgever-a.nl', 'utrecht@focus-nederland.nl'], message('Eerste'));
    expect(codes).toEqual([220, 250, 250, 250, 250, 354, 250, 221]);
    const mail = await waitForMail(s.sinkDir, (m) => m.parsed.subject === 'Eerste', 5000);
    expect(mail.envelope).toMatchObject({ n: 1, from: 'a.jansen@focus-nederland.nl', to: ['hr@werkgever-a.nl', 'utrecht@focus-nederland.nl'] });
    expect(mail.parsed.text).toContain('.Een regel die met een punt begint.');
    // Dot-stuffing undone, nothing else changed.
    expect(readFileSync(mail.file, 'latin1')).toBe(Buffer.from(message('Eerste').replace('\r\n..', '\r\n.') + '\r\n').toString('latin1'));
  });

  it('refuses mail from a client that greets with another name (another run\'s Roundcube)', async () => {
    const s = await sink();
    const codes = await smtpSession(s.port, 'rg-other.harness.invalid', 'a.jansen@focus-nederland.nl', ['hr@werkgever-a.nl'], message('Vreemd'));
    expect(codes.slice(0, 3)).toEqual([220, 250, 554]);
    expect(mailCount(s.sinkDir)).toBe(0);
  });

  it('waitForMail without a predicate waits for the next message, not an earlier one', async () => {
    const s = await sink();
    await smtpSession(s.port, HELO, 'a@focus-nederland.nl', ['b@focus-nederland.nl'], message('Oud'));
    const waiting = waitForMail(s.sinkDir, undefined, 5000);
    await smtpSession(s.port, HELO, 'a@focus-nederland.nl', ['b@focus-nederland.nl'], message('Nieuw'));
    expect((await waiting).parsed.subject).toBe('Nieuw');
    expect((await listMail(s.sinkDir)).map((m) => m.parsed.subject)).toEqual(['Oud', 'Nieuw']);
  });

  it('waitForMail times out naming what did arrive', async () => {
    const s = await sink();
    await smtpSession(s.port, HELO, 'a@focus-nederland.nl', ['b@focus-nederland.nl'], message('Iets anders'));
    await expect(waitForMail(s.sinkDir, (m) => m.parsed.subject === 'Nooit', 300)).rejects.toThrow(/Iets anders/);
  });
});

describe('freePort', () => {
  it('gives the preferred port when free and another one when it is taken', async () => {
    const preferred = await freePort();
    expect(await freePort(preferred)).toBe(preferred);
    const blocker = net.createServer().listen(preferred, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const other = await freePort(preferred);
    expect(other).not.toBe(preferred);
    expect(other).toBeGreaterThan(0);
  });
});
