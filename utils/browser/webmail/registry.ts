// The webmails ReportGuard knows, by name: each brings a content-side adapter (./adapter.ts) and a
// network side (./network.ts). A second webmail adds its folder and one line here.
import type { WebmailNetwork } from './network.ts';
import { roundcubeNetwork } from './roundcube/network.ts';
import { sogoNetwork } from './sogo/network.ts';

import type { WEBMAIL_NAMES } from '../../core/messaging/schemas.ts';

export type WebmailName = (typeof WEBMAIL_NAMES)[number];

const NETWORKS: { readonly [N in WebmailName]: WebmailNetwork } = { roundcube: roundcubeNetwork, sogo: sogoNetwork };

export function networkOf(name: WebmailName): WebmailNetwork {
  return NETWORKS[name];
}
