// Policy edits as a list of small changes: what the admin console makes, what an import's diff
// preview shows, what is audited, and what is stored as the local layer on top of a managed or
// signed policy (layers.ts). Changes work on the policy JSON as given (unknown fields are kept),
// not on the schema's output, so an edited policy exports exactly as the admin wrote it plus the
// edits.
import { compileEntry, normaliseAddress } from '../recipients/index.ts';
import type { LocalEditArea } from './schema.ts';

/** Lists inside one regiokantoor. */
export const REGIO_LISTS = ['staff', 'allowedRecipients'] as const;
export type RegioList = (typeof REGIO_LISTS)[number];
/** Lists at the policy's top level (healthTerms.add / .remove are lists of terms). */
export const TOP_LISTS = ['medicalRecipients', 'healthTerms.add', 'healthTerms.remove'] as const;
export type TopList = (typeof TOP_LISTS)[number];
/** Plain values at the top level a console may set. */
export const SETTINGS = ['requireRegioMailbox', 'maxAttachmentMB', 'protectPdf', 'retentionMonths'] as const;
export type Setting = (typeof SETTINGS)[number];
export type RegioField = 'name' | 'mailbox';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

export type PolicyChange =
  | { op: 'add-regio'; regio: string; value: { id: string; name: string; mailbox: string; [key: string]: unknown } }
  | { op: 'remove-regio'; regio: string }
  | { op: 'set-regio'; regio: string; field: RegioField; value: string }
  | { op: 'add'; regio: string; list: RegioList; value: string }
  | { op: 'remove'; regio: string; list: RegioList; value: string }
  | { op: 'add'; regio: null; list: TopList; value: string }
  | { op: 'remove'; regio: null; list: TopList; value: string }
  | { op: 'set'; field: Setting; value: Json };

/** The `allowLocalEdits` area a change belongs to. */
export function areaOf(change: PolicyChange): LocalEditArea {
  switch (change.op) {
    case 'add-regio':
    case 'remove-regio':
      return 'regiokantoren';
    case 'set-regio':
      return 'mailbox';
    case 'set':
      return 'settings';
    case 'add':
    case 'remove':
      if (change.list === 'healthTerms.add' || change.list === 'healthTerms.remove') return 'healthTerms';
      return change.list;
  }
}

/**
 * The identity of a list value: recipients and addresses compare on their normalised form (so
 * `UWV.nl` and `uwv.nl.` are one entry, as the matcher sees them), terms case-insensitively.
 */
export function valueKey(list: RegioList | TopList, value: string): string {
  const v = value.trim();
  if (list === 'staff') return normaliseAddress(v)?.address ?? v.toLowerCase();
  if (list === 'allowedRecipients' || list === 'medicalRecipients') {
    const c = compileEntry(v);
    if (!c) return v.toLowerCase();
    return c.kind === 'address' ? `@${c.address}` : c.kind === 'subdomains' ? `*.${c.domain}` : c.domain;
  }
  return v.toLocaleLowerCase('nl');
}

// ---------------------------------------------------------------- reading raw policy JSON

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function regios(policy: unknown): Obj[] {
  const list = isObj(policy) ? policy.regiokantoren : undefined;
  return Array.isArray(list) ? list.filter(isObj) : [];
}

function strings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : [];
}

function topList(policy: Obj, list: TopList): string[] {
  if (list === 'medicalRecipients') return strings(policy.medicalRecipients);
  const terms = isObj(policy.healthTerms) ? policy.healthTerms : {};
  return strings(list === 'healthTerms.add' ? terms.add : terms.remove);
}

function setTopList(policy: Obj, list: TopList, values: string[]): void {
  if (list === 'medicalRecipients') {
    policy.medicalRecipients = values;
    return;
  }
  const terms: Obj = isObj(policy.healthTerms) ? policy.healthTerms : {};
  terms[list === 'healthTerms.add' ? 'add' : 'remove'] = values;
  policy.healthTerms = terms;
}

function regioId(r: Obj): string {
  return typeof r.id === 'string' ? r.id : '';
}

// ---------------------------------------------------------------- diff

function listDiff(
  before: string[],
  after: string[],
  list: RegioList | TopList,
  make: (op: 'add' | 'remove', value: string) => PolicyChange,
): PolicyChange[] {
  const had = new Set(before.map((v) => valueKey(list, v)));
  const has = new Set(after.map((v) => valueKey(list, v)));
  const out: PolicyChange[] = [];
  for (const v of before) if (!has.has(valueKey(list, v))) out.push(make('remove', v));
  for (const v of after) if (!had.has(valueKey(list, v))) out.push(make('add', v));
  return dedupe(out);
}

function dedupe(changes: PolicyChange[]): PolicyChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const k = changeKey(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Two changes with the same key do the same thing. */
export function changeKey(c: PolicyChange): string {
  switch (c.op) {
    case 'add-regio':
    case 'remove-regio':
      return `${c.op}|${c.regio}`;
    case 'set-regio':
      return `set-regio|${c.regio}|${c.field}`;
    case 'set':
      return `set|${c.field}`;
    case 'add':
    case 'remove':
      return `${c.op}|${c.regio ?? ''}|${c.list}|${valueKey(c.list, c.value)}`;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The changes that turn `before` into `after` (both policy JSON), in reading order: regiokantoren
 * removed, added, then per regiokantoor its name, mailbox and lists, then the top-level lists and
 * settings. Fields outside these (organisation, version, unknown fields) are not local edits.
 */
export function diffPolicy(before: unknown, after: unknown): PolicyChange[] {
  const out: PolicyChange[] = [];
  const a = regios(before);
  const b = regios(after);
  const bIds = new Set(b.map(regioId));
  const aById = new Map(a.map((r) => [regioId(r), r]));
  for (const r of a) if (!bIds.has(regioId(r))) out.push({ op: 'remove-regio', regio: regioId(r) });
  for (const r of b) {
    const id = regioId(r);
    const old = aById.get(id);
    if (!old) {
      out.push({ op: 'add-regio', regio: id, value: structuredClone(r) as Extract<PolicyChange, { op: 'add-regio' }>['value'] });
      continue;
    }
    for (const field of ['name', 'mailbox'] as const) {
      if (typeof r[field] === 'string' && r[field] !== old[field]) out.push({ op: 'set-regio', regio: id, field, value: r[field] });
    }
    for (const list of REGIO_LISTS) {
      out.push(...listDiff(strings(old[list]), strings(r[list]), list, (op, value) => ({ op, regio: id, list, value })));
    }
  }
  const pa = isObj(before) ? before : {};
  const pb = isObj(after) ? after : {};
  for (const list of TOP_LISTS) {
    out.push(...listDiff(topList(pa, list), topList(pb, list), list, (op, value) => ({ op, regio: null, list, value })));
  }
  for (const field of SETTINGS) {
    if (field in pb && !sameJson(pa[field], pb[field])) out.push({ op: 'set', field, value: pb[field] as Json });
  }
  return out;
}

// ---------------------------------------------------------------- apply

export type ApplyOutcome = 'applied' | 'not-allowed' | 'no-op' | 'no-such-regio';

export interface ApplyResult {
  /** The policy JSON with the changes that could be applied (a new object; the input is untouched). */
  policy: unknown;
  applied: PolicyChange[];
  /** Changes left out, and why: the policy does not allow that area, or it no longer applies. */
  skipped: { change: PolicyChange; why: Exclude<ApplyOutcome, 'applied'> }[];
}

/**
 * Applies `changes` in order to a copy of `policy`. `allowed` names the areas that may change
 * (`'all'` for a policy that is the admin's own). A change that finds nothing to do (adding what
 * is there, removing what is gone, a regiokantoor removed upstream) is skipped, not an error: the
 * managed policy under a local edit may have moved on.
 */
export function applyChanges(policy: unknown, changes: readonly PolicyChange[], allowed: ReadonlySet<LocalEditArea> | 'all'): ApplyResult {
  const out = structuredClone(isObj(policy) ? policy : {}) as Obj;
  if (!Array.isArray(out.regiokantoren)) out.regiokantoren = [];
  const list = out.regiokantoren as unknown[];
  const find = (id: string) => list.findIndex((r) => isObj(r) && regioId(r) === id);
  const applied: PolicyChange[] = [];
  const skipped: ApplyResult['skipped'] = [];
  for (const change of changes) {
    if (allowed !== 'all' && !allowed.has(areaOf(change))) {
      skipped.push({ change, why: 'not-allowed' });
      continue;
    }
    const outcome = applyOne(out, list, find, change);
    if (outcome === 'applied') applied.push(change);
    else skipped.push({ change, why: outcome });
  }
  return { policy: out, applied, skipped };
}

function applyOne(out: Obj, list: unknown[], find: (id: string) => number, change: PolicyChange): ApplyOutcome {
  switch (change.op) {
    case 'add-regio':
      if (find(change.regio) >= 0) return 'no-op';
      list.push(structuredClone(change.value));
      return 'applied';
    case 'remove-regio': {
      const i = find(change.regio);
      if (i < 0) return 'no-op';
      list.splice(i, 1);
      return 'applied';
    }
    case 'set-regio': {
      const r = list[find(change.regio)] as Obj | undefined;
      if (!r) return 'no-such-regio';
      if (r[change.field] === change.value) return 'no-op';
      r[change.field] = change.value;
      return 'applied';
    }
    case 'set':
      if (sameJson(out[change.field], change.value)) return 'no-op';
      out[change.field] = structuredClone(change.value);
      return 'applied';
    case 'add':
    case 'remove': {
      let values: string[];
      let write: (v: string[]) => void;
      if (change.regio === null) {
        values = topList(out, change.list);
        const top = change.list;
        write = (v) => setTopList(out, top, v);
      } else {
        const r = list[find(change.regio)] as Obj | undefined;
        if (!r) return 'no-such-regio';
        values = strings(r[change.list]);
        const field = change.list;
        write = (v) => {
          r[field] = v;
        };
      }
      const key = valueKey(change.list, change.value);
      const present = values.some((v) => valueKey(change.list, v) === key);
      if (change.op === 'add') {
        if (present) return 'no-op';
        write([...values, change.value.trim()]);
      } else {
        if (!present) return 'no-op';
        write(values.filter((v) => valueKey(change.list, v) !== key));
      }
      return 'applied';
    }
  }
}

/**
 * Folds a new change into a stored list of local edits: a change replaces an earlier one with the
 * same key, and an add cancels an earlier remove of the same value (and the other way round), so
 * the stored layer stays as short as what it does.
 */
export function addEdit(edits: readonly PolicyChange[], change: PolicyChange): PolicyChange[] {
  const opposite = oppositeKey(change);
  const key = changeKey(change);
  const kept = edits.filter((e) => changeKey(e) !== key);
  if (opposite) {
    const i = kept.findIndex((e) => changeKey(e) === opposite);
    if (i >= 0) return kept.filter((_, j) => j !== i);
  }
  return [...kept, change];
}

function oppositeKey(c: PolicyChange): string | null {
  if (c.op === 'add') return changeKey({ ...c, op: 'remove' } as PolicyChange);
  if (c.op === 'remove') return changeKey({ ...c, op: 'add' } as PolicyChange);
  if (c.op === 'add-regio') return changeKey({ op: 'remove-regio', regio: c.regio });
  if (c.op === 'remove-regio') return `add-regio|${c.regio}`;
  return null;
}
