// What every request handler of the background is given, and how it answers. Everything from the
// outside (storage, the document cache, the audit log, the offscreen document, clock, language)
// comes in through BackgroundDeps, so the whole request path runs in tests with fakes. Nothing is
// kept in memory between requests that a stopped service worker would lose, except what is read
// again when it is gone: the policy and records copies of ./input-cache.ts.
import type { ErrorResponse, RequestKind, RequestOf, ResponseOf } from '../../utils/core/messaging/protocol.ts';
import type { Policy } from '../../utils/core/policy/schema.ts';
import type { Records } from '../../utils/core/records/schema.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import type { Loaded, PolicySummary, RecordsSummary } from '../../utils/browser/storage/load.ts';
import type { DocumentCache } from '../../utils/browser/storage/document-cache.ts';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import type { RecordsStore } from '../../utils/browser/storage/records-store.ts';
import type { AnalysisSettings, OffscreenAnalyseResponse } from '../../utils/core/messaging/offscreen.ts';
import type { SendGuard } from './send-guard.ts';
import type { WebmailName } from '../../utils/browser/webmail/registry.ts';
import type { DerivedDocuments } from '../../utils/browser/storage/derived-documents.ts';

export interface BackgroundDeps {
  extensionId: string;
  /** `browser.runtime.getURL('/')`: the origin of our own pages. */
  extensionBaseUrl: string;
  /** Match patterns of the webmail the content script may run on. */
  webmailPatterns(): Promise<readonly string[]>;
  readPolicy(): Promise<Loaded<Policy, PolicySummary>>;
  readRecords(): Promise<Loaded<Records, RecordsSummary>>;
  cache: DocumentCache;
  audit: AuditStore;
  /** Local additions and follow-ups (the records the engine reads come through readRecords). */
  records: RecordsStore;
  /** Which PDFs the extension made from which originals (forwarding a sent report keeps its approval). */
  derived: DerivedDocuments;
  /** Runs the analysis (and fix) of cached bytes in the offscreen document. */
  analyseOffscreen(sha256: string, name: string, settings: AnalysisSettings): Promise<OffscreenAnalyseResponse>;
  /** Which webmail runs on an origin, as its content script detected it (./guard-host.ts). */
  webmails: { detected(origin: string, name: WebmailName): Promise<boolean> };
  /** The network guard: releases and the compose sessions' state (./send-guard.ts). */
  guard: Pick<SendGuard, 'issueRelease' | 'sessionState' | 'active'>;
  lang(): Lang;
  now(): Date;
  newId(): string;
  /** Opens one of the extension's pages in a new tab (`/popup.html?approve=…`). */
  openPage(path: string): Promise<void>;
}

/** Where a request came from (already checked to be our own content script or page). */
export interface RequestOrigin {
  /** The tab of a content script; absent for an extension page outside a tab. */
  tabId?: number;
  frameId?: number;
  /** The origin of the sending page (from the browser's sender URL, not from the message). */
  origin?: string;
}

/**
 * The answer to one kind of request (one file per kind in ./requests/). The request is already
 * validated and its sender checked. A failure is an answer (`fail(...)`), not a throw; a throw
 * still ends as one line (`<kind> failed: …`), never as a lost answer.
 */
export type RequestHandler<K extends RequestKind> = (deps: BackgroundDeps, request: RequestOf<K>, from: RequestOrigin) => Promise<ResponseOf<K>>;

/** `{ ok: false, error }`: one readable line; the caller fails closed on it. */
export function fail(error: string): ErrorResponse {
  return { ok: false, error };
}
