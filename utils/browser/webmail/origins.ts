// The webmail origins ReportGuard guards, from one place: the managed configuration's
// `webmailOrigins` together with the ones a local admin added on the options page, or loopback
// when neither names any (utils/core/managed/origins.ts decides). The network guard's
// declarativeNetRequest rules, its webRequest observation, the cookie guard, the registered
// content scripts and the background's sender check all take them from here, so a firm's own
// webmail host needs no rebuild and every part guards the same origins.
import { browser } from 'wxt/browser';
import { webmailPatterns as choosePatterns } from '../../core/managed/origins.ts';
import { readManaged } from '../storage/managed.ts';
import { webmailOriginsItem } from '../storage/items.ts';
import { hostsOfPatterns } from './network.ts';

/** Match patterns of the webmail pages now (`http://127.0.0.1/*`, `https://webmail.firm.nl/*`), sorted. */
export async function webmailPatterns(): Promise<string[]> {
  const [managed, local] = await Promise.all([readManaged(), webmailOriginsItem.getValue()]);
  return choosePatterns(managed.config.webmailOrigins, local);
}

/** The host names the network guard's rules cover (ports and `*.` dropped: DNR matches domains). */
export function webmailHosts(patterns: readonly string[]): string[] {
  return hostsOfPatterns(patterns);
}

/**
 * The origins as the service worker holds them: read at start and again whenever managed storage
 * or the local list changes, with a synchronous view for listeners that must answer at once.
 * Until the first read `patterns()` is empty (nothing is released before `ready`).
 */
export interface LiveOrigins {
  patterns(): readonly string[];
  hosts(): readonly string[];
  /** Resolves after the first read. */
  ready: Promise<void>;
  /** Calls back after a change that gave other patterns. */
  onChange(listener: (patterns: readonly string[]) => void): void;
}

export function liveWebmailOrigins(read: () => Promise<string[]> = webmailPatterns): LiveOrigins {
  let current: readonly string[] = [];
  let hosts: readonly string[] = [];
  const listeners: ((patterns: readonly string[]) => void)[] = [];
  let loaded = false;
  let reading: Promise<void> = Promise.resolve();
  const reload = (): Promise<void> => {
    reading = reading.then(async () => {
      let next: string[];
      try {
        next = await read();
      } catch (e) {
        console.warn(`ReportGuard: reading the webmail origins failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
        return;
      }
      if (loaded && JSON.stringify(next) === JSON.stringify(current)) return;
      current = next;
      hosts = webmailHosts(next);
      if (loaded) for (const l of listeners) l(current);
      loaded = true;
    });
    return reading;
  };
  const ready = reload();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && 'webmailOrigins' in changes)) void reload();
  });
  return {
    patterns: () => current,
    hosts: () => hosts,
    ready,
    onChange: (l) => void listeners.push(l),
  };
}
