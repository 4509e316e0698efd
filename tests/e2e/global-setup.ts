// Starts the webmail (Dovecot, Roundcube, SMTP sink) once for the whole Playwright run and
// stops it afterwards (the returned function is Playwright's teardown). Test workers find it
// through the state file named in REPORTGUARD_WEBMAIL_STATE.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebmail } from './harness/webmail.ts';
import { PROJECT_ROOT } from './harness/chromium.ts';

export const STATE_FILE = process.env.REPORTGUARD_WEBMAIL_STATE ?? join(PROJECT_ROOT, '.tmp', 'e2e-webmail.json');
export const LOGS_DIR = process.env.REPORTGUARD_E2E_LOGS ?? join(PROJECT_ROOT, '.tmp', 'e2e-logs');
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'screenshots');

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Logs of the previous run are replaced; this run's stay after teardown for diagnosis.
  rmSync(LOGS_DIR, { recursive: true, force: true });
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const webmail = await startWebmail({ logsDir: LOGS_DIR });
  writeFileSync(STATE_FILE, JSON.stringify(webmail.state, null, 2));
  process.env.REPORTGUARD_WEBMAIL_STATE = STATE_FILE;
  console.log(`[e2e] webmail at ${webmail.url} (started in ${webmail.state.startupMs} ms), logs in ${LOGS_DIR}`);
  return async () => {
    await webmail.stop();
    rmSync(STATE_FILE, { force: true });
  };
}
