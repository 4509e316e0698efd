// The outgoing-mail sink: an SMTP server on loopback that accepts every message without
// authentication and stores it as `<n>.eml` (raw bytes, exactly as Roundcube sent them) plus
// `<n>.json` (envelope and arrival time). Nothing is relayed anywhere.
//
// Reading the sink needs only its directory, so a Playwright worker can read mail received
// by the server that the global setup started in another process.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST } from './ports.ts';

/** What the sink stored about one message's SMTP envelope. */
export interface Envelope {
  n: number;
  from: string | null;
  to: string[];
  receivedAt: string;
  size: number;
}

/** One received message. `raw` holds the exact bytes Roundcube sent. */
export interface SinkMail {
  n: number;
  file: string;
  envelope: Envelope;
  raw: Buffer;
  parsed: ParsedMail;
}

export type MailPredicate = (mail: SinkMail) => boolean | Promise<boolean>;

/**
 * Starts the sink on `port`, storing into `sinkDir`. With `expectHelo`, mail is refused unless
 * the client greeted with that name: each webmail run gives its Roundcube a unique HELO name,
 * so a leftover Roundcube of an earlier or parallel run that still points at this port can
 * never drop its mail into this run's sink.
 */
export async function startSmtpSink({ port, sinkDir, expectHelo }: { port: number; sinkDir: string; expectHelo?: string }): Promise<{ port: number; sinkDir: string; stop(): Promise<void> }> {
  mkdirSync(sinkDir, { recursive: true });
  // Continue numbering after what is already there (a reused sink dir).
  let n = listMailFiles(sinkDir).length;
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no STARTTLS (Roundcube would try it), no AUTH offered.
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'ReportGuard e2e sink',
    size: 100 * 1024 * 1024,
    logger: false,
    onMailFrom(_address, session, callback) {
      if (expectHelo && session.hostNameAppearsAs !== expectHelo) {
        callback(Object.assign(new Error(`this SMTP sink belongs to another webmail run (HELO ${session.hostNameAppearsAs})`), { responseCode: 554 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        try {
          if (stream.sizeExceeded) throw Object.assign(new Error('message too large'), { responseCode: 552 });
          const id = ++n;
          const raw = Buffer.concat(chunks);
          writeFileSync(join(sinkDir, `${id}.eml`), raw);
          const envelope: Envelope = {
            n: id,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
            receivedAt: new Date().toISOString(),
            size: raw.length,
          };
          // The JSON is written last and renamed into place: its presence means "complete".
          writeFileSync(join(sinkDir, `.${id}.json.tmp`), JSON.stringify(envelope, null, 2));
          renameSync(join(sinkDir, `.${id}.json.tmp`), join(sinkDir, `${id}.json`));
          callback(null, `queued as ${id}`);
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => { server.off('error', reject); resolve(); });
  });
  server.on('error', (err) => console.error(`[smtp-sink] ${err.message}`));
  return {
    port,
    sinkDir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listMailFiles(sinkDir: string): number[] {
  let names: string[] = [];
  try { names = readdirSync(sinkDir); } catch { return []; }
  return names
    .map((f) => /^(\d+)\.json$/.exec(f))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .toSorted((a, b) => a - b);
}

const parsedCache = new Map<string, SinkMail>();

/** Message number `n` of the sink. */
export async function readMail(sinkDir: string, n: number): Promise<SinkMail> {
  const file = join(sinkDir, `${n}.eml`);
  const key = file;
  if (!parsedCache.has(key)) {
    const raw = readFileSync(file);
    const envelope = JSON.parse(readFileSync(join(sinkDir, `${n}.json`), 'utf8'));
    parsedCache.set(key, { n, file, envelope, raw, parsed: await simpleParser(raw) });
  }
  return parsedCache.get(key)!;
}

/** Every message in the sink, oldest first. */
export async function listMail(sinkDir: string): Promise<SinkMail[]> {
  const out: SinkMail[] = [];
  for (const n of listMailFiles(sinkDir)) out.push(await readMail(sinkDir, n));
  return out;
}

/** How many messages the sink holds; take it before an action, then wait for `m.n > count`. */
export function mailCount(sinkDir: string): number {
  return listMailFiles(sinkDir).length;
}

/**
 * Resolves with the first message (oldest first, already received ones included) for which
 * `predicate(mail)` is true; rejects after `timeoutMs` naming what did arrive. Without a
 * predicate: the first message that arrives after this call.
 */
export async function waitForMail(sinkDir: string, predicate?: MailPredicate, timeoutMs = 15_000): Promise<SinkMail> {
  if (!predicate) {
    const before = mailCount(sinkDir);
    predicate = (m: SinkMail) => m.n > before;
  }
  const deadline = Date.now() + timeoutMs;
  const seen = new Set();
  for (;;) {
    for (const n of listMailFiles(sinkDir)) {
      if (seen.has(n)) continue;
      seen.add(n);
      const mail = await readMail(sinkDir, n);
      if (await predicate(mail)) return mail;
    }
    if (Date.now() > deadline) {
      const all = await listMail(sinkDir);
      const summary = all.map((m) => `#${m.n} "${m.parsed.subject ?? ''}" to ${m.envelope.to.join(',')}`).join('; ') || 'none';
      throw new Error(`no matching mail reached the SMTP sink within ${timeoutMs} ms (received: ${summary})`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
