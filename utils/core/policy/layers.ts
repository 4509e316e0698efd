// The effective policy, in layers:
//   1. built-in defaults (the schema's: requireRegioMailbox false, maxAttachmentMB 25, ...),
//   2. the organisation's policy: inline in managed storage, or signed from a URL, or (without
//      managed deployment) the file an admin loaded on the options page,
//   3. local admin edits (changes.ts), only in admin mode and only in the areas the policy's
//      `allowLocalEdits` names. A policy from a local file is the admin's own: every area.
// Staff mode takes layer 2 as it is: nothing a staff member stores locally is read, so nothing can
// be loosened from the staff PC. Without a layer 2 there is no policy and report mail is blocked.
import { validatePolicy } from './load.ts';
import type { Policy } from './schema.ts';
import { LOCAL_EDIT_AREAS, type LocalEditArea } from './schema.ts';
import { applyChanges, type ApplyResult, type PolicyChange } from './changes.ts';

/** Where layer 2 came from. */
export type PolicySource = 'managed' | 'signed-url' | 'local-file';
export type Mode = 'admin' | 'staff';

export interface BasePolicy {
  source: PolicySource;
  /** The policy JSON as given (before defaults). */
  data: unknown;
  /** For messages: `managed storage`, the URL, or the file name. */
  origin: string;
}

export interface LayerInput {
  base: BasePolicy | null;
  /** Why there is no base (e.g. "the policy URL has not answered yet"); shown instead of "none". */
  missingReason?: string;
  edits: readonly PolicyChange[];
  mode: Mode;
}

export type Effective =
  | { state: 'none'; reason?: string }
  | { state: 'invalid'; error: string; source: PolicySource }
  | {
      state: 'loaded';
      policy: Policy;
      /** The effective policy JSON (unknown fields kept): what the console shows and exports. */
      data: unknown;
      source: PolicySource;
      origin: string;
      /** Areas local edits may touch here (empty in staff mode). */
      editable: readonly LocalEditArea[];
      applied: ApplyResult['applied'];
      skipped: ApplyResult['skipped'];
    };

/** The areas local edits may change on top of `base`, in `mode`. */
export function editableAreas(source: PolicySource, policy: Policy, mode: Mode): LocalEditArea[] {
  if (mode === 'staff') return [];
  if (source === 'local-file') return [...LOCAL_EDIT_AREAS];
  return LOCAL_EDIT_AREAS.filter((a) => policy.allowLocalEdits.includes(a));
}

export function layerPolicy(input: LayerInput): Effective {
  const { base } = input;
  if (!base) return input.missingReason ? { state: 'none', reason: input.missingReason } : { state: 'none' };
  const checked = validatePolicy(base.data, base.origin);
  if (!checked.ok) return { state: 'invalid', error: checked.error, source: base.source };
  const editable = editableAreas(base.source, checked.value, input.mode);
  if (editable.length === 0 || input.edits.length === 0) {
    return {
      state: 'loaded',
      policy: checked.value,
      data: base.data,
      source: base.source,
      origin: base.origin,
      editable,
      applied: [],
      skipped: input.edits.map((change) => ({ change, why: 'not-allowed' as const })),
    };
  }
  const result = applyChanges(base.data, input.edits, new Set(editable));
  const edited = validatePolicy(result.policy, `${base.origin} with local edits`);
  // Edits that no longer fit the policy underneath fail closed: a local tightening silently
  // dropped would loosen what the admin set.
  if (!edited.ok) return { state: 'invalid', error: edited.error, source: base.source };
  return {
    state: 'loaded',
    policy: edited.value,
    data: result.policy,
    source: base.source,
    origin: base.origin,
    editable,
    applied: result.applied,
    skipped: result.skipped,
  };
}

/**
 * Rollback protection for signed policies: a fetched policy is accepted only when its version is
 * at least the highest accepted before.
 */
export function acceptsVersion(candidate: number, lastAccepted: number | null): boolean {
  return lastAccepted === null || candidate >= lastAccepted;
}

/**
 * When managed storage names both an inline policy and a signed URL, the newer version wins; on a
 * tie the signed one (it is what the admin publishes last).
 */
export function pickBase(inline: BasePolicy | null, signed: BasePolicy | null): BasePolicy | null {
  if (!inline) return signed;
  if (!signed) return inline;
  const v = (b: BasePolicy) => (typeof (b.data as { version?: unknown })?.version === 'number' ? (b.data as { version: number }).version : 0);
  return v(inline) > v(signed) ? inline : signed;
}
