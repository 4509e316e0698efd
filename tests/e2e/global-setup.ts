// Starts the webmails once for the whole Playwright run, side by side, and stops them afterwards
// (the returned function is Playwright's teardown): Roundcube (Dovecot, Roundcube, SMTP sink)
// and SOGo (its own Dovecot, PostgreSQL, memcached, sogod and SMTP sink). Test workers find them
// through the state files named in REPORTGUARD_WEBMAIL_STATE and REPORTGUARD_SOGO_STATE.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebmail, type Webmail } from './harness/webmail.ts';
import { PROJECT_ROOT } from './harness/chromium.ts';
import { assertSystemDeps } from '../../scripts/system-deps.ts';

export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'screenshots');
const LOGS_ROOT = join(PROJECT_ROOT, '.tmp', 'e2e-logs');
const KEEP_LOG_RUNS = 5;

// Per run (unless set from outside), so that two runs in one checkout (developers, helpers,
// CI retries) never share or delete each other's state or logs.
const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;

function pruneOldLogs(): void {
  let runs: string[] = [];
  try { runs = readdirSync(LOGS_ROOT).toSorted(); } catch { return; }
  for (const old of runs.slice(0, Math.max(0, runs.length - KEEP_LOG_RUNS))) rmSync(join(LOGS_ROOT, old), { recursive: true, force: true });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // scripts/e2e.mjs installs them; Playwright started by hand gets one line naming what is missing.
  assertSystemDeps(['e2e']);
  const stateFile = process.env.REPORTGUARD_WEBMAIL_STATE ?? join(PROJECT_ROOT, '.tmp', `e2e-webmail-${process.pid}.json`);
  const sogoStateFile = process.env.REPORTGUARD_SOGO_STATE ?? join(PROJECT_ROOT, '.tmp', `e2e-sogo-${process.pid}.json`);
  let logsDir = process.env.REPORTGUARD_E2E_LOGS;
  if (!logsDir) {
    // This run's logs stay after teardown for diagnosis; only the last few runs are kept.
    pruneOldLogs();
    logsDir = join(LOGS_ROOT, runId);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  mkdirSync(join(PROJECT_ROOT, '.tmp'), { recursive: true });
  const started = await Promise.allSettled([startWebmail({ logsDir }), startWebmail({ kind: 'sogo', logsDir: join(logsDir, 'sogo') })]);
  const running = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((w) => w.stop()));
    throw failed.reason;
  }
  const [webmail, sogo] = running as [Webmail, Webmail];
  writeFileSync(stateFile, JSON.stringify(webmail.state, null, 2));
  writeFileSync(sogoStateFile, JSON.stringify(sogo.state, null, 2));
  // Playwright starts the workers after this and passes them our environment.
  process.env.REPORTGUARD_WEBMAIL_STATE = stateFile;
  process.env.REPORTGUARD_SOGO_STATE = sogoStateFile;
  console.log(`[e2e] webmail at ${webmail.url} (started in ${webmail.state.startupMs} ms), logs in ${logsDir}`);
  console.log(`[e2e] SOGo at ${sogo.url} (started in ${sogo.state.startupMs} ms), logs in ${sogo.logsDir}`);
  return async () => {
    await Promise.all([webmail.stop(), sogo.stop()]);
    rmSync(stateFile, { force: true });
    rmSync(sogoStateFile, { force: true });
  };
}
