// A real audit collector for the central-audit e2e test: Debian's ClickHouse server, as an
// ordinary process with its own config and data directory under a temp dir, on a free loopback
// port. Its HTTP interface takes a forwarded batch (ndjson) as it is
// (`INSERT … FORMAT JSONEachRow`), and a ReplacingMergeTree keyed on (source, seq) keeps one row
// per entry, as docs/audit-forwarding.md configures it for a firm. stop() kills it like a crash
// (SIGKILL); start() again on the same port and data directory brings it back with what it had.
//
// Why ClickHouse: Splunk, Elasticsearch/OpenSearch and Loki are neither in Debian nor on npm
// here; ClickHouse is in Debian, is a log store firms run, starts in about a second without
// root, and its HTTP interface is a plain HTTPS-style endpoint taking the batch unchanged.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireCommands } from '../../../scripts/system-deps.ts';
import { HOST, freePort } from './ports.ts';
import { onExit, spawnLogged, type LoggedProcess } from './processes.ts';

export interface ClickHouse {
  port: number;
  /** The URL the extension forwards to (auditCollectorUrl, format ndjson). */
  ingestUrl: string;
  dir: string;
  start(): Promise<void>;
  /** SIGKILL: a crash, not a shutdown. */
  kill(): Promise<void>;
  /** Runs one SQL statement over HTTP; the answer's text. */
  query(sql: string): Promise<string>;
  /** One row per entry (repeats merged away), oldest first. */
  rows(): Promise<{ id: string; source: string; seq: number; entry: string }[]>;
  /** Rows as stored, before ReplacingMergeTree drops repeats (a merge may already have). */
  rawCount(): Promise<number>;
  close(): Promise<void>;
}

const INSERT = 'INSERT INTO reportguard.audit FORMAT JSONEachRow';

export async function startClickHouse(): Promise<ClickHouse> {
  const bin = requireCommands(['clickhouse-server'])['clickhouse-server']!;
  const dir = mkdtempSync(join(tmpdir(), 'rg-clickhouse-'));
  const unregister = onExit(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  for (const d of ['data', 'tmp', 'log']) mkdirSync(join(dir, d));
  writeFileSync(
    join(dir, 'config.xml'),
    `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${port}</http_port>
  <listen_host>${HOST}</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <users_config>${dir}/users.xml</users_config>
  <mark_cache_size>5368709</mark_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
</yandex>
`,
  );
  writeFileSync(
    join(dir, 'users.xml'),
    `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>1000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`,
  );
  let proc: LoggedProcess | null = null;
  const base = `http://${HOST}:${port}/`;

  async function query(sql: string): Promise<string> {
    const r = await fetch(base, { method: 'POST', body: sql });
    const text = await r.text();
    if (!r.ok) throw new Error(`clickhouse: ${sql.slice(0, 60)}: HTTP ${r.status}: ${text.trim().slice(0, 300)}`);
    return text;
  }

  async function start(): Promise<void> {
    proc = spawnLogged(bin, [`--config-file=${join(dir, 'config.xml')}`], { logFile: join(dir, 'log', 'clickhouse.log'), cwd: dir });
    const until = Date.now() + 30_000;
    for (;;) {
      const ended = proc.exited();
      if (ended) throw new Error(`clickhouse did not start: ${ended}`);
      try {
        if ((await query('SELECT 1')).trim() === '1') break;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error(`clickhouse did not answer on ${base} within 30 s (log: ${dir}/log/clickhouse.log)`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await query('CREATE DATABASE IF NOT EXISTS reportguard');
    await query(
      'CREATE TABLE IF NOT EXISTS reportguard.audit (id String, source String, seq UInt64, at String, type String, hash String, prevHash String, entry String) ENGINE = ReplacingMergeTree ORDER BY (source, seq)',
    );
  }

  await start();
  return {
    port,
    dir,
    ingestUrl: `${base}?query=${encodeURIComponent(INSERT)}&input_format_skip_unknown_fields=1`,
    start,
    async kill() {
      if (!proc) return;
      const p = proc;
      proc = null;
      try {
        process.kill(-(p.child.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
      await p.stop(100);
    },
    query,
    async rows() {
      const text = await query('SELECT id, source, seq, entry FROM reportguard.audit FINAL ORDER BY source, seq FORMAT JSONEachRow');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const r = JSON.parse(l) as { id: string; source: string; seq: string | number; entry: string };
          return { ...r, seq: Number(r.seq) };
        });
    },
    async rawCount() {
      return Number((await query('SELECT count() FROM reportguard.audit')).trim());
    },
    async close() {
      if (proc) await proc.stop(3000);
      proc = null;
      rmSync(dir, { recursive: true, force: true });
      unregister();
    },
  };
}
