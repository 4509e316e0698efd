// Public surface of the audit core.
export { canonicalJson, type JsonValue } from './canonical.ts';
export { appendEntry, verifyChain, entryHash, anchorOf, describeBreak, GENESIS_HASH, MAX_AUDIT_STRING, PURGE_EVENT, type PurgeAnchor } from './chain.ts';
export type { AuditEntry, AuditData, AuditEventType, ChainCheck } from './types.ts';
export { toJsonLines, parseJsonLines } from './jsonl.ts';
