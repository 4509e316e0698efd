// SOGo 5.8 (Debian's package) for the e2e tests, with everything it needs of its own under one
// private dir, on free loopback ports: a PostgreSQL 15 cluster (SOGo's user table, profiles and
// sessions; Debian's SOPE has no SQLite adaptor), memcached on a unix socket, sogod itself, and
// a small front in this process that serves SOGo's static files and proxies the rest to sogod
// (the job Apache does in Debian's setup: sogod serves no static files). Dovecot and the SMTP
// sink are the shared ones (webmail.ts). No system service, no systemd unit, /etc untouched:
// sogod reads its settings from a private GNUstep defaults dir (sogod.plist), not
// /etc/sogo/sogo.conf.
//
// As root, PostgreSQL, memcached and sogod run as Debian's `sogo` user (sogod and postgres refuse
// root); otherwise as the current user.
import { spawnSync } from 'node:child_process';
import { chownSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { MailUser } from './dovecot.ts';
import { HOST, freePort, waitForPort } from './ports.ts';
import { spawnLogged, type LoggedProcess } from './processes.ts';

export const SOGOD = '/usr/sbin/sogod';
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';
export const MEMCACHED = '/usr/bin/memcached';
export const PSQL = '/usr/bin/psql';
export const SOGO_RESOURCES = '/usr/lib/GNUstep/SOGo/WebServerResources';
const GNUSTEP_CONF = '/etc/GNUstep/GNUstep.conf';

export interface SogoOptions {
  dir: string;
  logsDir: string;
  /** The front's port: the URL users open. */
  port: number;
  imapPort: number;
  smtpPort: number;
  mailDomain: string;
  users: MailUser[];
  /** System default of the compose editor (a user's saved preference wins). */
  composeType?: 'html' | 'text';
}

export interface Sogo {
  /** `http://127.0.0.1:<port>/SOGo/` */
  url: string;
  /** sogod's own log (requests, errors). */
  errorsLog: string;
  ports: { http: number; sogod: number; postgres: number };
  stop(): Promise<void>;
}

interface RunAs {
  uid?: number;
  gid?: number;
  /** Owner for the dirs these processes write. */
  own(path: string): void;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) return { own: () => {} };
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('sogo:'));
  if (!line) throw new Error('no `sogo` user: the sogo package creates it (apt-get install sogo)');
  const [, , uid, gid] = line.split(':');
  const ids = { uid: Number(uid), gid: Number(gid) };
  return { ...ids, own: (path) => chownSync(path, ids.uid, ids.gid) };
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A GNUstep property-list string. */
const plistString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function plist(value: unknown, indent = ''): string {
  if (typeof value === 'string') return plistString(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'YES' : 'NO';
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `(\n${value.map((v) => inner + plist(v, inner)).join(',\n')}\n${indent})`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${inner}${k} = ${plist(v, inner)};`);
  return `{\n${entries.join('\n')}\n${indent}}`;
}

/** sogod's settings: its own database, memcached, IMAP and SMTP; no optional module that would reach out. */
function sogodDefaults(o: SogoOptions & { sogodPort: number; pgPort: number; sock: string; run: string }): Record<string, unknown> {
  const db = `postgresql://sogo:sogo@${HOST}:${o.pgPort}/postgres`;
  return {
    WOPort: `${HOST}:${o.sogodPort}`,
    // Upload, draft save and the page's polling overlap; three workers as in Debian's default.
    WOWorkersCount: 3,
    WOPidFile: join(o.run, 'sogo.pid'),
    WOMaxUploadSize: 32768,
    SOGoMaximumMessageSizeLimit: 32768,
    SOGoProfileURL: `${db}/sogo_user_profile`,
    OCSFolderInfoURL: `${db}/sogo_folder_info`,
    OCSSessionsFolderURL: `${db}/sogo_sessions_folder`,
    OCSEMailAlarmsFolderURL: `${db}/sogo_alarms_folder`,
    SOGoUserSources: [
      {
        type: 'sql',
        id: 'users',
        viewURL: `${db}/sogo_users`,
        canAuthenticate: true,
        isAddressBook: true,
        userPasswordAlgorithm: 'plain',
        displayName: 'Users',
      },
    ],
    SOGoIMAPServer: `imap://${HOST}:${o.imapPort}`,
    SOGoMailingMechanism: 'smtp',
    SOGoSMTPServer: `smtp://${HOST}:${o.smtpPort}`,
    SOGoMemcachedHost: join(o.sock, 'memcached.sock'),
    SOGoMailDomain: o.mailDomain,
    SOGoTimeZone: 'Europe/Amsterdam',
    SOGoLanguage: 'English',
    SOGoSentFolderName: 'Sent',
    SOGoDraftsFolderName: 'Drafts',
    SOGoTrashFolderName: 'Trash',
    SOGoSieveScriptsEnabled: false,
    SOGoVacationEnabled: false,
    SOGoForwardEnabled: false,
    SOGoPasswordChangeEnabled: false,
    SOGoMailAuxiliaryUserAccountsEnabled: false,
    SOGoAppointmentSendEMailNotifications: false,
    SOGoIMAPAclConformsToIMAPExt: true,
    SOGoMailComposeMessageType: o.composeType ?? 'html',
  };
}

function run(cmd: string, args: string[], what: string, opts: { uid?: number; gid?: number; input?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', uid: opts.uid, gid: opts.gid, input: opts.input, env: opts.env ?? process.env });
  if (r.status !== 0) throw new Error(`${what} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ')}`);
}

const TYPES: Record<string, string> = {
  js: 'application/javascript', css: 'text/css', map: 'application/json', json: 'application/json', png: 'image/png',
  gif: 'image/gif', jpg: 'image/jpeg', svg: 'image/svg+xml', ico: 'image/x-icon', woff: 'font/woff', woff2: 'font/woff2',
  ttf: 'font/ttf', eot: 'application/vnd.ms-fontobject', html: 'text/html', txt: 'text/plain', md: 'text/plain',
};
const STATIC = /^\/SOGo(?:\.woa)?\/WebServerResources\/(.*)$/;

/**
 * The front users talk to: SOGo's static files from the package (its vendor scripts are
 * symlinks into /usr/share, followed), everything else proxied to sogod with the
 * `x-webobjects-*` headers SOGo builds its absolute URLs from.
 */
async function startFront(port: number, sogodPort: number): Promise<{ stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    const m = STATIC.exec(url.pathname);
    if (m) {
      let file: string;
      try {
        file = normalize(join(SOGO_RESOURCES, decodeURIComponent(m[1]!)));
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (!file.startsWith(`${SOGO_RESOURCES}/`)) {
        res.writeHead(403).end();
        return;
      }
      let size: number;
      try {
        const st = statSync(file);
        if (!st.isFile()) throw new Error('not a file');
        size = st.size;
      } catch {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file).slice(1)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'max-age=86400' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/SOGo/' }).end();
      return;
    }
    const host = req.headers.host ?? `${HOST}:${port}`;
    const headers: http.OutgoingHttpHeaders = {
      ...req.headers,
      'x-webobjects-server-port': String(port),
      'x-webobjects-server-name': host.replace(/:\d+$/, ''),
      'x-webobjects-server-url': `http://${host}`,
      'x-webobjects-server-protocol': 'HTTP/1.0',
      'x-webobjects-remote-host': HOST,
    };
    // Only a front that authenticated the user may say who it is.
    delete headers['x-webobjects-remote-user'];
    const up = http.request({ host: HOST, port: sogodPort, method: req.method, path: req.url, headers, agent: false }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
    });
    up.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(`sogod: ${e.message}`);
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const alive = (p: LoggedProcess, what: string) => () => p.exited() && `${what}: ${p.exited()}`;

/**
 * An empty cluster made by initdb, kept between runs: initdb takes 2 to 6 s here, a copy a
 * fraction of that. One per PostgreSQL binary and owner, built in a temp dir and renamed into
 * place, so parallel runs never see half a template.
 */
function clusterTemplate(as: RunAs): string {
  const version = spawnSync(join(POSTGRES_BIN, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/[^0-9A-Za-z.]+/g, '-');
  const dir = join(tmpdir(), `reportguard-pg-template-${version}-${as.uid ?? process.getuid?.() ?? 'u'}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const building = mkdtempSync(`${dir}.building-`);
  as.own(building);
  try {
    run(join(POSTGRES_BIN, 'initdb'), ['-D', join(building, 'pg'), '-A', 'trust', '-U', 'sogo', '-E', 'UTF8', '--no-locale', '--no-sync'], 'initdb', { uid: as.uid, gid: as.gid });
    try {
      renameSync(join(building, 'pg'), dir);
    } catch (err) {
      // Another run was first: use its template.
      if (!existsSync(join(dir, 'PG_VERSION'))) throw err;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

/** A copy of the template cluster, owner and modes kept (PostgreSQL insists on both). */
function copyCluster(template: string, to: string): void {
  run('cp', ['-a', template, to], 'copying the PostgreSQL cluster');
}

/**
 * Starts PostgreSQL, memcached, sogod and the front under `dir` (created), logging into
 * `logsDir`. Resolves once SOGo's login page is served through the front.
 */
export async function startSogo(o: SogoOptions): Promise<Sogo> {
  for (const [cmd, pkg] of [[SOGOD, 'sogo'], [join(POSTGRES_BIN, 'postgres'), 'postgresql-15'], [MEMCACHED, 'memcached'], [PSQL, 'postgresql-client-15']] as const) {
    if (!existsSync(cmd)) throw new Error(`${cmd} missing: apt-get install ${pkg}`);
  }
  const as = runAs();
  const d = (name: string) => join(o.dir, name);
  const pgDir = d('pg');
  const sock = d('sock');
  const runDir = d('run');
  const home = d('home');
  mkdirSync(o.dir, { recursive: true });
  for (const p of [sock, runDir, join(home, 'GNUstep', 'Defaults')]) mkdirSync(p, { recursive: true });
  for (const p of [o.dir, sock, runDir, home, join(home, 'GNUstep'), join(home, 'GNUstep', 'Defaults')]) as.own(p);
  const ids = { uid: as.uid, gid: as.gid };
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (let s = stops.pop(); s; s = stops.pop()) await s().catch(() => {});
  };

  try {
    const ports = { postgres: await freePort(), sogod: await freePort(), http: await freePort(o.port) };

    // PostgreSQL: a throwaway cluster, trust auth on loopback, durability off (tests only).
    copyCluster(clusterTemplate(as), pgDir);
    const pg = spawnLogged(join(POSTGRES_BIN, 'postgres'), [
      '-D', pgDir, '-p', String(ports.postgres), '-k', sock,
      '-c', `listen_addresses=${HOST}`, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
      '-c', 'max_connections=40', '-c', 'shared_buffers=16MB',
    ], { logFile: join(o.logsDir, 'postgresql.log'), ...ids, stopSignal: 'SIGINT' });
    stops.push(() => pg.stop(10_000));
    await waitForPort(ports.postgres, { isDead: alive(pg, 'postgres'), what: 'PostgreSQL', timeoutMs: 20_000 });
    // The table SOGo authenticates against and lists as its address book (SOGo creates its own
    // tables on first start). The port accepts before the database does: psql retries below.
    const sql = [
      'CREATE TABLE sogo_users (c_uid varchar(128) PRIMARY KEY, c_name varchar(128) NOT NULL, c_password varchar(128) NOT NULL, c_cn varchar(128), mail varchar(128));',
      ...o.users.map((u) => `INSERT INTO sogo_users VALUES (${[u.email, u.email, u.password, u.name ?? u.email, u.email].map(sqlString).join(', ')});`),
    ].join('\n');
    const psqlArgs = ['-h', HOST, '-p', String(ports.postgres), '-U', 'sogo', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q'];
    for (let attempt = 0; ; attempt++) {
      const ready = spawnSync(PSQL, [...psqlArgs, '-c', 'SELECT 1'], { encoding: 'utf8' });
      if (ready.status === 0) break;
      if (attempt > 100 || pg.exited()) throw new Error(`PostgreSQL did not accept connections: ${ready.stderr.trim()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    run(PSQL, psqlArgs, 'creating the SOGo users table', { input: sql }); 

    // memcached: SOGo keeps sessions and caches there; a private socket, no TCP port.
    const memcached = spawnLogged(MEMCACHED, ['-s', join(sock, 'memcached.sock'), '-a', '0700', '-m', '32', '-U', '0'], { logFile: join(o.logsDir, 'memcached.log'), ...ids });
    stops.push(() => memcached.stop());
    const memSock = join(sock, 'memcached.sock');
    for (const deadline = Date.now() + 10_000; !existsSync(memSock); ) {
      if (memcached.exited()) throw new Error(`memcached: ${memcached.exited()}`);
      if (Date.now() > deadline) throw new Error('memcached did not create its socket');
      await new Promise((r) => setTimeout(r, 25));
    }

    // sogod: settings in a private GNUstep user-defaults dir (GNUSTEP_CONFIG_FILE points at a
    // copy of Debian's GNUstep.conf with that dir), in the foreground so we own its process group.
    const gnustepConf = d('GNUstep.conf');
    const defaultsDir = join(home, 'GNUstep', 'Defaults');
    writeFileSync(gnustepConf, readFileSync(GNUSTEP_CONF, 'utf8').replace(/^GNUSTEP_USER_DEFAULTS_DIR=.*$/m, `GNUSTEP_USER_DEFAULTS_DIR=${defaultsDir}`));
    const plistFile = join(defaultsDir, 'sogod.plist');
    writeFileSync(plistFile, `${plist(sogodDefaults({ ...o, sogodPort: ports.sogod, pgPort: ports.postgres, sock, run: runDir }))}\n`);
    as.own(plistFile);
    const errorsLog = join(o.logsDir, 'sogo.log');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, GNUSTEP_CONFIG_FILE: gnustepConf, LANG: 'C.UTF-8', TZ: 'Europe/Amsterdam' };
    // SIGTERM makes its watchdog wind down for seconds; nothing of sogod's is kept anyway.
    const sogod = spawnLogged(SOGOD, ['-WONoDetach', 'YES', '-WOLogFile', '-'], { logFile: errorsLog, env, cwd: o.dir, ...ids, stopSignal: 'SIGKILL' });
    stops.push(() => sogod.stop());
    await waitForPort(ports.sogod, { isDead: alive(sogod, 'sogod'), what: 'sogod', timeoutMs: 20_000 });

     const front = await startFront(ports.http, ports.sogod);
    stops.push(front.stop);
    const url = `http://${HOST}:${ports.http}/SOGo/`;
    // The login page through the front, with its script (the app is there, not only sogod).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await fetch(url).catch((e: Error) => ({ ok: false, status: e.message, text: async () => '' }));
      const body = await res.text();
      if (res.ok && body.includes('ng-app')) break;
      if (sogod.exited()) throw new Error(`sogod: ${sogod.exited()}`);
      if (Date.now() > deadline) throw new Error(`SOGo login page not served at ${url} (last status ${res.status})`);
      await new Promise((r) => setTimeout(r, 100));
    }
     return { url, errorsLog, ports, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw new Error(`SOGo did not start: ${(err as Error).message} (logs in ${o.logsDir})`, { cause: err });
  }
}
