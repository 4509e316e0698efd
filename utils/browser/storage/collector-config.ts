// Where central audit forwards to. The managed configuration (enterprise policy:
// auditCollectorUrl, auditCollectorFormat, auditCollectorAuthorization) decides when it names a
// URL; only without one does the local setting count (a manually installed extension, the
// e2e tests). The local setting can add a collector, never replace or remove the managed one.
import { storage } from 'wxt/utils/storage';
import { parseCollectorConfig, type CollectorConfig } from '../../core/audit/forward.ts';

export interface CollectorSetting {
  url?: unknown;
  format?: unknown;
  authorization?: unknown;
}

export const localCollectorItem = storage.defineItem<CollectorSetting | null>('local:auditCollector', { fallback: null, version: 1 });

/** The managed keys central audit reads. */
export interface ManagedCollectorKeys {
  auditCollectorUrl?: unknown;
  auditCollectorFormat?: unknown;
  auditCollectorAuthorization?: unknown;
}

export async function readCollectorConfig(
  managed: () => Promise<ManagedCollectorKeys>,
  local: () => Promise<CollectorSetting | null> = () => localCollectorItem.getValue(),
): Promise<CollectorConfig | null | { error: string }> {
  const m = await managed();
  if (m.auditCollectorUrl !== undefined) {
    const parsed = parseCollectorConfig({ url: m.auditCollectorUrl, format: m.auditCollectorFormat, authorization: m.auditCollectorAuthorization });
    // A managed URL that is set but unusable holds forwarding (entries stay queued) rather than
    // falling back to a local collector the admin did not choose.
    return parsed ?? { error: 'managed auditCollectorUrl is empty' };
  }
  const l = await local();
  return l ? parseCollectorConfig(l) : null;
}
