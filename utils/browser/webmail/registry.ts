// The webmails ReportGuard knows, by name: each brings a content-side adapter (./adapter.ts) and a
// network side (./network.ts). A second webmail adds its folder and one line here.
import type { WebmailNetwork } from './network.ts';
import { roundcubeNetwork } from './roundcube/network.ts';

const NETWORKS = { roundcube: roundcubeNetwork } as const satisfies Record<string, WebmailNetwork>;

export type WebmailName = keyof typeof NETWORKS;

export function networkOf(name: WebmailName): WebmailNetwork {
  return NETWORKS[name];
}
