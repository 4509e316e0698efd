import { describe, expect, it } from 'vitest';
import { MANAGED_FIELDS, MANAGED_SCHEMA, parseManaged } from '../../../../utils/core/managed/schema.ts';
import { checkManagedSchema, validateValue } from '../../../helpers/chrome-policy-schema.ts';
import { POLICY_RAW } from '../../../helpers/engine.ts';

const KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ...\n-----END PGP PUBLIC KEY BLOCK-----\n';

describe('managed_schema.json (Chrome rules)', () => {
  it('is a schema Chrome loads: top-level object, every property typed', () => {
    expect(checkManagedSchema(JSON.parse(JSON.stringify(MANAGED_SCHEMA)))).toEqual([]);
    for (const [name, s] of Object.entries(MANAGED_SCHEMA.properties)) expect(typeof s.type, name).toBe('string');
  });

  it('declares exactly the keys the extension reads', () => {
    expect(Object.keys(MANAGED_SCHEMA.properties).toSorted()).toEqual(Object.keys(MANAGED_FIELDS).toSorted());
    for (const key of ['policy', 'policyUrl', 'policySignerKey', 'recordsUrl', 'webmailOrigins', 'auditCollectorUrl', 'adminMode']) {
      expect(MANAGED_SCHEMA.properties).toHaveProperty(key);
    }
  });

  it('takes the contract policy inline unchanged', () => {
    expect(validateValue(MANAGED_SCHEMA.properties.policy as never, { ...POLICY_RAW, allowLocalEdits: ['allowedRecipients'] } as never)).toEqual([]);
  });

  // The checker itself must catch what would stop the extension loading.
  it.each([
    [{ type: 'array' }, '(top level): the main schema must have type "object"'],
    [{ type: 'object', additionalProperties: { type: 'string' } }, 'additionalProperties and patternProperties are not supported'],
    [{ type: 'object', properties: { a: { description: 'x' } } }, 'a: every schema needs a "type" or "$ref"'],
    [{ type: 'object', properties: { a: { type: 'any' } } }, 'a: unknown type "any"'],
    [{ type: 'object', properties: { a: { type: ['string', 'null'] } } }, 'a: "type" must be one string'],
    [{ type: 'object', properties: { a: { type: 'array' } } }, 'a: an array schema needs a schema in "items"'],
    [{ type: 'object', properties: { a: { type: 'string', default: 'x' } } }, 'a: attribute "default" is not one Chrome knows'],
    [{ type: 'object', properties: { a: { type: 'number', minimum: 1 } } }, 'a: attribute "minimum" is not one Chrome knows for a number schema'],
    [{ type: 'object', properties: { a: { type: 'integer', minimum: 5, maximum: 1 } } }, 'a: minimum 5 is above maximum 1'],
    [{ type: 'object', properties: { a: { type: 'string', enum: [1] } } }, 'a: "enum" of a string schema holds values of another type'],
    [{ type: 'object', properties: { a: { type: 'string', enum: [] } } }, 'a: "enum" must be a non-empty list'],
    [{ type: 'object', properties: { a: { type: 'object', required: ['b'] } } }, 'a: "required" names "b", which is not a property'],
    [{ type: 'object', properties: { a: { $ref: 'X', id: 'Y' } } }, "a: a schema with $ref can't have an id"],
    [{ type: 'object', properties: { a: { $ref: 'Nowhere' } } }, 'a: $ref "Nowhere" names no schema id'],
    [{ type: 'object', properties: { a: { type: 'string', description: 3 } } }, 'a: attribute "description" must be a string, not a number'],
  ])('refuses %j', (schema, problem) => {
    expect(checkManagedSchema(schema).join('\n')).toContain(problem);
  });

  it('checks values as Chrome does', () => {
    const s = MANAGED_SCHEMA as never;
    expect(validateValue(s, { adminMode: 'yes' } as never)).toEqual(['adminMode: expected boolean, got string']);
    expect(validateValue(s, { policyRefreshMinutes: 0 } as never)).toEqual(['policyRefreshMinutes: below the minimum 1']);
    expect(validateValue(s, { webmailOrigins: ['https://a.nl', 3] } as never)).toEqual(['webmailOrigins[1]: expected string, got number']);
    expect(validateValue(s, { policyUrI: 'x' } as never)).toEqual(['policyUrI: not in the schema (Chrome drops it)']);
  });
});

describe('parseManaged', () => {
  it('nothing managed', () => {
    expect(parseManaged({})).toEqual({ config: {}, errors: [], present: false });
    expect(parseManaged(undefined).present).toBe(false);
  });

  it('reads every field', () => {
    const r = parseManaged({
      policyUrl: 'https://beleid.example.nl/policy.json.signed',
      policySignerKey: KEY,
      policyRefreshMinutes: 30,
      recordsUrl: 'https://crm.example.nl/records.json',
      webmailOrigins: ['https://webmail.example.nl', 'http://127.0.0.2:8080'],
      auditCollectorUrl: 'https://audit.example.nl/ingest',
      adminMode: false,
      unknown: 1,
    });
    expect(r.errors).toEqual([]);
    expect(r.present).toBe(true);
    expect(r.config.policyRefreshMinutes).toBe(30);
    expect(r.config.webmailOrigins).toEqual(['https://webmail.example.nl', 'http://127.0.0.2:8080']);
    expect(r.config).not.toHaveProperty('unknown');
  });

  it('leaves out a bad value with one line naming it, keeping the rest', () => {
    const r = parseManaged({ policyUrl: 'ftp://x', adminMode: true, webmailOrigins: ['https://ok.example.nl', 'webmail.example.nl/path'], policySignerKey: 'abc' });
    expect(r.config).toEqual({ adminMode: true, webmailOrigins: ['https://ok.example.nl'] });
    expect(r.errors).toEqual([
      'managed storage: policyUrl: expected an http(s) URL, got "ftp://x"',
      'managed storage: policySignerKey: expected an armored OpenPGP public key (-----BEGIN PGP PUBLIC KEY BLOCK-----), got "abc"',
      'managed storage: webmailOrigins[1]: expected a web origin like https://webmail.example.nl, got "webmail.example.nl/path"',
    ]);
  });

  it('a policy that is not an object is an error (the policy is then missing, never the local one)', () => {
    const r = parseManaged({ policy: '{"version":1}' });
    expect(r.config.policy).toBeUndefined();
    expect(r.errors[0]).toMatch(/^managed storage: policy: expected an object/);
  });
});
