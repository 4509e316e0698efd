// Recipient parsing and matching results. Pure data.

export type RecipientProblem =
  | 'unparseable' // not an RFC 5322 mailbox
  | 'display-name-mismatch' // display name holds an address different from the real one
  | 'idna-invalid'; // domain fails IDNA/UTS-46 processing

export interface ParsedRecipient {
  /** The text as it appeared (one mailbox). */
  raw: string;
  displayName: string | null;
  /** Normalised: local part as written (lowercased), domain lowercased ASCII/punycode, no trailing dot. */
  address: string | null;
  domain: string | null;
  problem: RecipientProblem | null;
}

export type LookalikeReason = 'homoglyph' | 'mixed-script' | 'edit-distance' | 'label-embedding';

export interface LookalikeHit {
  /** The whitelisted domain it resembles. */
  resembles: string;
  reason: LookalikeReason;
}
