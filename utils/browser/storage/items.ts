// Where the admin's policy and client records live: storage.local (kept across restarts, shared
// by the service worker and the options page). Stored as the JSON the admin gave, so unknown
// fields survive, plus where it came from. Every read validates again: what is in storage is
// not trusted blindly (an older format or a hand edit must not slip past the schema).

import { storage } from 'wxt/utils/storage';

export interface StoredFile {
  /** The file's JSON as parsed (not the schema's output: defaults are applied on every read). */
  data: unknown;
  fileName: string;
  /** Lowercase hex SHA-256 of the file's bytes as chosen, for the audit log. */
  sha256: string;
  /** ISO time it was loaded. */
  loadedAt: string;
}

// version 1: { data, fileName, sha256, loadedAt }. Bump with a migration when this shape changes.
export const policyItem = storage.defineItem<StoredFile | null>('local:policy', { fallback: null, version: 1 });
export const recordsItem = storage.defineItem<StoredFile | null>('local:records', { fallback: null, version: 1 });
