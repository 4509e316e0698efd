// The webmail origins ReportGuard guards, from one place. Today they are baked in at build time
// (wxt.config.ts writes them into the content scripts' `matches`); making them configurable at
// run time changes this function and what calls `hostsOfPatterns` on its result, nothing else.
import { browser } from 'wxt/browser';
import { hostsOfPatterns } from './network.ts';

/** Match patterns of the webmail pages (`http://127.0.0.1/*`, `https://webmail.firm.nl/*`). */
export function webmailPatterns(): string[] {
  const manifest = browser.runtime.getManifest();
  return [...new Set((manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? []))];
}

/** The host names the network guard's rules cover. */
export function webmailHosts(): string[] {
  return hostsOfPatterns(webmailPatterns());
}
