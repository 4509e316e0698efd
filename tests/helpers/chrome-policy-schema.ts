// Chrome's rules for an extension's `managed_schema` (components/policy/core/common/schema.cc,
// as documented at developer.chrome.com "Manifest - storage"), written out as a checker so a
// broken schema fails a unit test instead of stopping the extension from loading on 200 PCs:
//   - the top level is `type: object`, without additionalProperties or patternProperties;
//   - every schema has a `$ref` or exactly one `type` out of array, boolean, integer, number,
//     object, string (no "any", no "null", no list of types);
//   - only the attributes Chrome knows for that type, each of the right JSON type (Chrome itself
//     ignores unknown ones; we refuse them, since an admin reading `default` would expect it to
//     work);
//   - `enum` a non-empty list of the type's values (string and integer only), `minimum`/`maximum`
//     only on integers and in order, arrays have `items`, `required` names declared properties,
//     a `$ref` carries no `id`, and the top level is no `$ref`.
// `validateValue` is Chrome's value check (a policy value of the wrong type is not published to
// the extension), used on the admin guide's examples.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObj = (x: unknown): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x);

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'] as const;
type JsonKind = 'string' | 'boolean' | 'number' | 'list' | 'dict';

const COMMON: Record<string, JsonKind> = { description: 'string', id: 'string', sensitiveValue: 'boolean', title: 'string', type: 'string' };
const ATTRIBUTES: Record<(typeof TYPES)[number] | '$ref', Record<string, JsonKind>> = {
  array: { ...COMMON, items: 'dict' },
  boolean: COMMON,
  integer: { ...COMMON, enum: 'list', maximum: 'number', minimum: 'number' },
  number: COMMON,
  object: { ...COMMON, additionalProperties: 'dict', patternProperties: 'dict', properties: 'dict', required: 'list' },
  string: { ...COMMON, enum: 'list', pattern: 'string' },
  $ref: { $ref: 'string', description: 'string', title: 'string' },
};

function kindOf(v: Json): JsonKind | 'null' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'dict';
  return typeof v as JsonKind;
}

/** Problems with `schema` as a Chrome managed_schema; empty when Chrome would load it. */
export function checkManagedSchema(schema: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(schema)) return ['the schema is not a JSON object'];
  if ('$ref' in schema) problems.push("(top level): the main schema can't be a $ref");
  if (schema.type !== 'object') problems.push('(top level): the main schema must have type "object"');
  if ('additionalProperties' in schema || 'patternProperties' in schema) {
    problems.push('(top level): additionalProperties and patternProperties are not supported at the main schema');
  }
  const ids = new Set<string>();
  const refs: [string, string][] = [];
  walk(schema, '(top level)', problems, ids, refs);
  for (const [path, ref] of refs) if (!ids.has(ref)) problems.push(`${path}: $ref "${ref}" names no schema id`);
  return problems;
}

/** Whether `pattern` compiles as a JavaScript regular expression. */
function isRegExp(pattern: string): boolean {
  try {
    return new RegExp(pattern) instanceof RegExp;
  } catch {
    return false;
  }
}

function walk(s: Json, path: string, problems: string[], ids: Set<string>, refs: [string, string][]): void {
  if (!isObj(s)) {
    problems.push(`${path}: a schema must be an object`);
    return;
  }
  if (typeof s.$ref === 'string') {
    if ('id' in s) problems.push(`${path}: a schema with $ref can't have an id`);
    checkAttributes(s, '$ref', path, problems);
    refs.push([path, s.$ref]);
    return;
  }
  if (!('type' in s)) {
    problems.push(`${path}: every schema needs a "type" or "$ref"`);
    return;
  }
  if (typeof s.type !== 'string') {
    problems.push(`${path}: "type" must be one string`);
    return;
  }
  const type = s.type as (typeof TYPES)[number];
  if (!TYPES.includes(type)) {
    problems.push(`${path}: unknown type "${s.type}"`);
    return;
  }
  if (typeof s.id === 'string') ids.add(s.id);
  checkAttributes(s, type, path, problems);
  if ('enum' in s) {
    const values = s.enum;
    if (type !== 'string' && type !== 'integer') problems.push(`${path}: only string and integer schemas may have an enum`);
    else if (!Array.isArray(values) || values.length === 0) problems.push(`${path}: "enum" must be a non-empty list`);
    else if (values.some((v) => (type === 'string' ? typeof v !== 'string' : !Number.isInteger(v)))) {
      problems.push(`${path}: "enum" of a ${type} schema holds values of another type`);
    }
  }
  if (type === 'integer' && typeof s.minimum === 'number' && typeof s.maximum === 'number' && s.minimum > s.maximum) {
    problems.push(`${path}: minimum ${s.minimum} is above maximum ${s.maximum}`);
  }
  if (type === 'string' && typeof s.pattern === 'string' && !isRegExp(s.pattern)) problems.push(`${path}: "pattern" is not a regular expression`);
  if (type === 'array') {
    if (!isObj(s.items)) problems.push(`${path}: an array schema needs a schema in "items"`);
    else walk(s.items, `${path}.items`, problems, ids, refs);
  }
  if (type === 'object') {
    for (const key of ['properties', 'patternProperties'] as const) {
      const props = s[key];
      if (!isObj(props)) continue;
      for (const [name, sub] of Object.entries(props)) {
        if (!isObj(sub)) problems.push(`${path}.${name}: the schema of a property must be an object`);
        else walk(sub, path === '(top level)' ? name : `${path}.${name}`, problems, ids, refs);
      }
    }
    if (isObj(s.additionalProperties)) walk(s.additionalProperties, `${path}.additionalProperties`, problems, ids, refs);
    if (Array.isArray(s.required)) {
      for (const r of s.required) {
        if (typeof r !== 'string') problems.push(`${path}: "required" may only hold strings`);
        else if (!isObj(s.properties) || !(r in s.properties)) problems.push(`${path}: "required" names "${r}", which is not a property`);
      }
    }
  }
}

function checkAttributes(s: Record<string, Json>, type: keyof typeof ATTRIBUTES, path: string, problems: string[]): void {
  const allowed = ATTRIBUTES[type];
  for (const [name, value] of Object.entries(s)) {
    const want = allowed[name];
    if (!want) {
      problems.push(`${path}: attribute "${name}" is not one Chrome knows for a ${type === '$ref' ? '$ref' : `${type} schema`}`);
      continue;
    }
    const got = kindOf(value);
    if (got !== want) problems.push(`${path}: attribute "${name}" must be a ${want}, not a ${got}`);
  }
}

/** Problems with `value` under `schema` (Chrome drops such values); unknown properties count as problems. */
export function validateValue(schema: Json, value: Json, path = '(top level)'): string[] {
  if (!isObj(schema)) return [`${path}: no schema`];
  const type = schema.type;
  const got = kindOf(value);
  const fits =
    (type === 'string' && got === 'string') ||
    (type === 'boolean' && got === 'boolean') ||
    (type === 'number' && got === 'number') ||
    (type === 'integer' && Number.isInteger(value)) ||
    (type === 'array' && got === 'list') ||
    (type === 'object' && got === 'dict');
  if (!fits) return [`${path}: expected ${type}, got ${got}`];
  const out: string[] = [];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (type === 'integer') {
    if (typeof schema.minimum === 'number' && (value as number) < schema.minimum) out.push(`${path}: below the minimum ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && (value as number) > schema.maximum) out.push(`${path}: above the maximum ${schema.maximum}`);
  }
  if (type === 'array') (value as Json[]).forEach((v, i) => out.push(...validateValue(schema.items ?? null, v, `${path}[${i}]`)));
  if (type === 'object') {
    const props = isObj(schema.properties) ? schema.properties : {};
    for (const [k, v] of Object.entries(value as Record<string, Json>)) {
      const sub = props[k] ?? (isObj(schema.additionalProperties) ? schema.additionalProperties : undefined);
      const at = path === '(top level)' ? k : `${path}.${k}`;
      if (!sub) out.push(`${at}: not in the schema (Chrome drops it)`);
      else out.push(...validateValue(sub, v, at));
    }
  }
  return out;
}
