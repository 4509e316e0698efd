// Canonical JSON: one byte-exact text per value, so that a hash over it is reproducible in any
// context (browser, CLI, a verifier written later). Object keys sorted by UTF-16 code units, no
// whitespace, strings and numbers as JSON.stringify writes them. Values JSON cannot carry
// faithfully (undefined, NaN, Infinity, functions, bigint, class instances) are refused rather
// than silently dropped, because a silent drop would let two different entries hash alike.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return '[' + value.map((v) => canonicalJson(v)).join(',') + ']';
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonical JSON: only plain objects');
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).toSorted();
      return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(record[k])).join(',') + '}';
    }
    default:
      throw new TypeError(`canonical JSON: a ${typeof value} has no JSON form`);
  }
}
