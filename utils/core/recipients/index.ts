// Public API of the recipient core: parsing compose fields, normalising domains and addresses,
// whitelist matching and lookalike detection. Pure: runs in the extension, vitest and the CLI.
export type { ParsedRecipient, RecipientProblem, LookalikeHit, LookalikeReason } from './types.ts';
export { parseRecipientList } from './parse.ts';
export { normaliseDomain, toUnicodeDomain, normaliseAddress, normaliseLocalPart } from './normalise.ts';
export { matchesEntry, matchesAny, entryDomain, isValidEntry, compileEntry, compileWhitelist } from './match.ts';
export type { CompiledEntry, EntryKind, Whitelist } from './match.ts';
export { findLookalike, compileProtected, isOneEdit } from './lookalike.ts';
export type { ProtectedMatcher } from './lookalike.ts';
export { skeleton, isMixedScript } from './confusables.ts';
