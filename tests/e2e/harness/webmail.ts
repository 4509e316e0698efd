// A complete, private webmail for end-to-end tests and the demo: Dovecot (IMAP), the webmail
// (Roundcube on PHP's built-in server, or SOGo with its PostgreSQL and memcached: sogo.ts), and
// an SMTP sink that catches every outgoing message. Everything lives in one fresh temp dir and
// on loopback ports; nothing of the system configuration is used or changed.
//
//   const webmail = await startWebmail();            // Roundcube; { kind: 'sogo' } for SOGo
//   ... browser logs in at webmail.url as webmail.users[0] ...
//   const mail = await webmail.waitForMail((m) => m.parsed.subject === 'x');
//   await webmail.stop();
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freePort } from './ports.ts';
import { onExit } from './processes.ts';
import { startDovecot, readMailbox, type MailUser } from './dovecot.ts';
import { startRoundcube, ROUNDCUBE_ROOT } from './roundcube.ts';
import { startSogo } from './sogo.ts';
import { startSmtpSink, listMail, mailCount, waitForMail, type MailPredicate, type SinkMail } from './smtp-sink.ts';

export type { MailUser, SinkMail, MailPredicate };

export const MAIL_DOMAIN = 'focus-nederland.nl';
export const PASSWORD = 'secret';

/**
 * The mailboxes of the test firm. `role` says what each one is for in the policy fixtures:
 * staff of regiokantoor Utrecht, its shared mailbox, and a sender that belongs to no
 * regiokantoor (SENDER_UNKNOWN).
 */
export const USERS: MailUser[] = [
  { email: `a.jansen@${MAIL_DOMAIN}`, password: PASSWORD, role: 'staff-utrecht', name: 'Anna Jansen' },
  { email: `b.bakker@${MAIL_DOMAIN}`, password: PASSWORD, role: 'staff-utrecht', name: 'Bram Bakker' },
  { email: `utrecht@${MAIL_DOMAIN}`, password: PASSWORD, role: 'mailbox-utrecht', name: 'Regiokantoor Utrecht' },
  { email: `x.extern@${MAIL_DOMAIN}`, password: PASSWORD, role: 'no-regiokantoor', name: 'X. Extern' },
];

/** The webmails the harness runs. */
export type WebmailKind = 'roundcube' | 'sogo';
export const WEBMAIL_KINDS: readonly WebmailKind[] = ['roundcube', 'sogo'];

const noop = (): void => {};

export const DEFAULT_PORTS = { http: 8000, imap: 1143, smtp: 2525 };
/** SOGo's set prefers its own ports, so both webmails of one run keep their usual ones. */
export const SOGO_DEFAULT_PORTS = { http: 8100, imap: 1144, smtp: 2526 };

export interface WebmailOptions {
  /** Which webmail (default Roundcube). */
  kind?: WebmailKind;
  /** Parent of the private temp dir (default: the OS temp dir). */
  root?: string;
  /** The webmail's HTTP port (default 8000 Roundcube, 8100 SOGo). */
  port?: number;
  imapPort?: number;
  smtpPort?: number;
  /** Where the logs go; default inside the temp dir (removed by stop()). */
  logsDir?: string;
  users?: MailUser[];
  /** Roundcube's code (default Debian's /usr/share/roundcube). */
  roundcubeRoot?: string;
}

/** Everything another process needs to use a running webmail (JSON-serialisable). */
export interface WebmailState {
  kind: WebmailKind;
  url: string;
  users: MailUser[];
  sinkDir: string;
  mailDir: string;
  logsDir: string;
  errorsLog: string;
  ports: { http: number; imap: number; smtp: number };
  dir: string;
  startupMs: number;
}

export interface Webmail {
  kind: WebmailKind;
  url: string;
  users: MailUser[];
  sinkDir: string;
  logsDir: string;
  errorsLog: string;
  ports: WebmailState['ports'];
  state: WebmailState;
  /** A user by address, role ('staff-utrecht') or local part ('a.jansen'). */
  user(emailOrRole: string): MailUser;
  /** First sink message matching `predicate` (default: the next one to arrive). */
  waitForMail(predicate?: MailPredicate, timeoutMs?: number): Promise<SinkMail>;
  listMail(): Promise<SinkMail[]>;
  mailCount(): number;
  /** Messages in a user's IMAP folder ('INBOX', 'Drafts', 'Sent'), read from Dovecot's Maildir. */
  mailbox(email: string, folder?: string): Promise<ParsedMail[]>;
  /** The last lines of the webmail's error log (Roundcube's errors.log, SOGo's sogo.log), for failure messages. */
  errorsTail(lines?: number): string;
  stop(): Promise<void>;
}

/**
 * Starts the webmail. Busy ports are replaced by free ones; every service is answering when
 * this resolves.
 */
export async function startWebmail(options: WebmailOptions = {}): Promise<Webmail> {
  const started = Date.now();
  const kind = options.kind ?? 'roundcube';
  const defaults = kind === 'sogo' ? SOGO_DEFAULT_PORTS : DEFAULT_PORTS;
  const root = resolve(options.root ?? tmpdir());
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, `rg-${kind}-`));
  // Dovecot's unprivileged processes must be able to reach their sockets and mail below it.
  chmodSync(dir, 0o755);
  const logsDir = resolve(options.logsDir ?? join(dir, 'logs'));
  mkdirSync(logsDir, { recursive: true });
  const users = options.users ?? USERS;
  const stops: (() => Promise<void>)[] = [];
  let removeOnExit: () => void = noop;
  const stopAll = async () => {
    for (let s = stops.pop(); s; s = stops.pop()) await s().catch(() => {});
  };

  try {
    const ports = {
      imap: await freePort(options.imapPort ?? defaults.imap),
      smtp: await freePort(options.smtpPort ?? defaults.smtp),
      http: await freePort(options.port ?? defaults.http),
    };
    // An interrupted run must not leave the temp dir behind (processes are killed by processes.mjs).
    removeOnExit = onExit(() => rmSync(dir, { recursive: true, force: true }));
    const sinkDir = join(dir, 'sink');
    // Pairs this run's Roundcube with this run's sink (see startSmtpSink). SOGo has no setting
    // for its HELO name; its sink is on a port of this run only.
    const smtpHelo = `rg-${randomBytes(6).toString('hex')}.harness.invalid`;
    const sink = await startSmtpSink({ port: ports.smtp, sinkDir, expectHelo: kind === 'roundcube' ? smtpHelo : undefined });
    stops.push(sink.stop);
    // SOGo names IMAP folders with '/', as its recipe was checked with.
    const dovecot = await startDovecot({ dir: join(dir, 'dovecot'), port: ports.imap, users, logsDir, separator: kind === 'sogo' ? '/' : undefined });
    stops.push(dovecot.stop);
    const server =
      kind === 'sogo'
        ? await startSogo({ dir: join(dir, 'sogo'), logsDir, port: ports.http, imapPort: ports.imap, smtpPort: ports.smtp, mailDomain: MAIL_DOMAIN, users })
        : await startRoundcube({
            dir: join(dir, 'roundcube'),
            logsDir,
            port: ports.http,
            imapPort: ports.imap,
            smtpPort: ports.smtp,
            mailDomain: MAIL_DOMAIN,
            smtpHelo,
            root: options.roundcubeRoot ?? ROUNDCUBE_ROOT,
          });
    stops.push(server.stop);

    const state: WebmailState = {
      kind,
      url: server.url,
      users,
      sinkDir,
      mailDir: dovecot.mailDir,
      logsDir,
      errorsLog: server.errorsLog,
      ports,
      dir,
      startupMs: Date.now() - started,
    };
    return makeHandle(state, async () => {
      await stopAll();
      removeOnExit();
      rmSync(dir, { recursive: true, force: true });
    });
  } catch (err) {
    await stopAll();
    removeOnExit();
    // Keep the temp dir when the logs are in it: they say why the start failed.
    const logsInside = logsDir.startsWith(dir + '/');
    if (!logsInside) rmSync(dir, { recursive: true, force: true });
    throw new Error(`${kind} webmail did not start: ${(err as Error).message}\n  logs: ${logsDir}`, { cause: err });
  }
}

/**
 * A handle on a running webmail from its `state` (as written by the global setup), for a
 * process that did not start it: same API, but `stop()` does nothing.
 */
export function attachWebmail(state: WebmailState): Webmail {
  return makeHandle(state, async () => {});
}

/** Reads a state JSON file written by whoever started the webmail. */
export function attachWebmailFromFile(file: string): Webmail {
  if (!existsSync(file)) throw new Error(`no running webmail: ${file} does not exist (is the Playwright global setup configured?)`);
  return attachWebmail(JSON.parse(readFileSync(file, 'utf8')));
}

function makeHandle(state: WebmailState, stop: () => Promise<void>): Webmail {
  let stopping: Promise<void> | undefined;
  return {
    kind: state.kind,
    url: state.url,
    users: state.users,
    sinkDir: state.sinkDir,
    logsDir: state.logsDir,
    errorsLog: state.errorsLog,
    ports: state.ports,
    state,
    user(emailOrRole) {
      const u = state.users.find((x) => x.email === emailOrRole || x.role === emailOrRole || x.email.startsWith(`${emailOrRole}@`));
      if (!u) throw new Error(`no webmail user ${emailOrRole}`);
      return u;
    },
    waitForMail: (predicate, timeoutMs) => waitForMail(state.sinkDir, predicate, timeoutMs),
    listMail: () => listMail(state.sinkDir),
    mailCount: () => mailCount(state.sinkDir),
    async mailbox(email, folder = 'INBOX') {
      const out: ParsedMail[] = [];
      for (const m of readMailbox(state.mailDir, email, folder)) out.push(await simpleParser(m.raw));
      return out;
    },
    errorsTail(lines = 30) {
      if (!existsSync(state.errorsLog)) return `(no ${state.errorsLog})`;
      return readFileSync(state.errorsLog, 'utf8').split('\n').slice(-lines).join('\n');
    },
    stop: () => (stopping ??= stop()),
  };
}

// `node tests/e2e/harness/webmail.ts [sogo]`: run the webmail by hand until Ctrl+C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const wm = await startWebmail({ kind: process.argv[2] === 'sogo' ? 'sogo' : 'roundcube' });
  console.log(`${wm.kind}: ${wm.url} (started in ${wm.state.startupMs} ms)`);
  for (const u of wm.users) console.log(`  ${u.email} / ${u.password}  (${u.role})`);
  console.log(`SMTP sink: ${wm.sinkDir}\nlogs: ${wm.logsDir}\nCtrl+C to stop.`);
  process.on('SIGINT', async () => { await wm.stop(); process.exit(0); });
}
