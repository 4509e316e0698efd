// When the signed policy is fetched (utils/browser/policy-refresh.ts does the fetching): an alarm
// every `policyRefreshMinutes` (default 60) while managed storage names a policy URL, at browser
// start and install, whenever the managed configuration changes, and at any service-worker start
// while no signed policy from that URL has been accepted yet (until then report mail is blocked,
// so an early retry matters). Alarms survive service-worker stops; they are set again when the
// configuration changes.
import type { ManagedRead } from '../../utils/browser/storage/managed.ts';
import { DEFAULT_REFRESH_MINUTES } from '../../utils/browser/policy-refresh.ts';

export const REFRESH_ALARM = 'reportguard-policy-refresh';

export interface AlarmsLike {
  get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
}

/** Sets, changes or clears the refresh alarm to match the managed configuration. */
export async function scheduleRefresh(alarms: AlarmsLike, managed: ManagedRead): Promise<void> {
  const url = managed.config.policyUrl;
  if (url === undefined) {
    await alarms.clear(REFRESH_ALARM);
    return;
  }
  const minutes = managed.config.policyRefreshMinutes ?? DEFAULT_REFRESH_MINUTES;
  const existing = await alarms.get(REFRESH_ALARM);
  if (existing?.periodInMinutes === minutes) return;
  await alarms.create(REFRESH_ALARM, { periodInMinutes: minutes, delayInMinutes: minutes });
}
