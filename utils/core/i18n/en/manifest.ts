// English: the same keys as ../nl/manifest.ts.
import type { ManifestKey } from '../nl/manifest.ts';

export const manifest: Record<ManifestKey, string> = {
  extDescription: "Checks outgoing reports against the organisation's privacy rules.",
};
