// Send latency as the user feels it: from the click on Send until the SMTP sink has the whole
// message. Shared by bench/webmail-send.bench.ts and any e2e test that wants the number
// (never as an assertion: timings belong in benchmarks).
import type { Page } from '@playwright/test';
import type { Webmail } from './webmail.ts';
import * as rc from './roundcube-page.ts';
import { waitForAttachmentChecks } from './reportguard-page.ts';

/** The webmail steps a measurement uses (harness/roundcube-page.ts or harness/sogo-page.ts). */
export interface LatencySteps {
  openCompose(page: Page, url: string): Promise<void>;
  fillCompose(page: Page, fields: rc.ComposeFields): Promise<void>;
  attach(page: Page, file: rc.Attachment): Promise<void>;
  clickSend(page: Page): Promise<void>;
  waitForSent(page: Page, timeoutMs?: number): Promise<void>;
  attachmentRow: string;
}

export interface SendCase {
  compose: rc.ComposeFields;
  attachments?: rc.Attachment[];
  /** With the extension loaded: wait for its attach-time checks before clicking Send. */
  waitForChecks?: boolean;
}

/**
 * Composes `c` on a logged-in page, clicks Send and returns the milliseconds until the sink
 * received the message (the sink's own arrival time, so polling adds nothing when the sink runs
 * in this process), plus until Roundcube left the compose screen.
 */
export async function measureSend(page: Page, webmail: Webmail, c: SendCase, steps: LatencySteps = rc): Promise<{ sinkMs: number; uiMs: number }> {
  await steps.openCompose(page, webmail.url);
  await steps.fillCompose(page, c.compose);
  for (const a of c.attachments ?? []) await steps.attach(page, a);
  if (c.waitForChecks && c.attachments?.length) {
    await waitForAttachmentChecks(page, 60_000, steps.attachmentRow);
    // The attach-time work ends with a reading of the compose session from the server (after
    // the swap), which Send then uses instead of reading it again; a webmail without it
    // (SOGo) never sets the attribute.
    await page.waitForFunction(() => document.documentElement.getAttribute('data-reportguard-session') !== 'reading', null, { timeout: 30_000 });
  }
  const before = webmail.mailCount();
  const t0 = Date.now();
  await steps.clickSend(page);
  const mail = await webmail.waitForMail((m) => m.n > before && m.parsed.subject === c.compose.subject, 30_000);
  const sinkMs = Date.parse(mail.envelope.receivedAt) - t0;
  await steps.waitForSent(page);
  return { sinkMs, uiMs: Date.now() - t0 };
}

export function summarise(samples: number[]): { n: number; median: number; min: number; max: number } {
  const s = samples.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
  return { n: s.length, median, min: s[0] ?? NaN, max: s.at(-1) ?? NaN };
}
