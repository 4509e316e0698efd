// The managed configuration as the browser gives it (`storage.managed`, set by enterprise
// policy): the one reader every context uses (background, options page; central audit reads
// `auditCollectorUrl` here too). Values are checked field by field (utils/core/managed/schema.ts);
// read at start and again whenever `storage.onChanged` reports the managed area, so a policy
// change applies without a restart.
import { browser } from 'wxt/browser';
import { parseManaged, type ManagedConfig, type ManagedRead } from '../../core/managed/schema.ts';
import { oneLine } from '../../core/errors.ts';
import type { Mode } from '../../core/policy/layers.ts';

export type { ManagedConfig, ManagedRead, Mode };

/**
 * What managed storage holds now. Without a managed deployment Chrome answers `{}`; Firefox
 * throws ("Managed storage manifest not found"), which means the same: nothing is managed.
 */
export async function readManaged(): Promise<ManagedRead> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get(null);
  } catch (e) {
    const message = oneLine(e);
    if (/manifest not found|not (available|supported)|no such/i.test(message)) return { config: {}, errors: [], present: false };
    return { config: {}, errors: [`managed storage: cannot be read (${message})`], present: true };
  }
  return parseManaged(raw);
}

/** Calls back on every change of the managed configuration; returns an unsubscribe. */
export function watchManaged(onChange: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'managed') onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}


/**
 * Admin or staff mode. `adminMode` decides when set. Unset, a managed policy (inline or URL) means
 * staff mode: IT rolled the policy out, so this browser only reads it. Without one, the person
 * who installed the extension is its admin.
 */
export function modeOf(config: ManagedConfig): Mode {
  if (config.adminMode !== undefined) return config.adminMode ? 'admin' : 'staff';
  return config.policy !== undefined || config.policyUrl !== undefined ? 'staff' : 'admin';
}

/** Whether the policy comes from the managed configuration (then no local file is loaded). */
export function policyIsManaged(read: ManagedRead): boolean {
  const c = read.config;
  return c.policy !== undefined || c.policyUrl !== undefined || read.errors.some((e) => /^managed storage: (policy|policyUrl|policySignerKey)\b/.test(e));
}
