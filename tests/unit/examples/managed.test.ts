// The admin guide's ready-to-edit examples (examples/managed/) must be what Chrome, Edge and
// Firefox accept and what the extension reads: every value valid under managed_schema.json,
// read by parseManaged without an error, and the extension id the build has.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGED_SCHEMA, parseManaged } from '../../../utils/core/managed/schema.ts';
import { EXTENSION_ID, FIREFOX_ID } from '../../../utils/core/managed/extension-id.ts';
import { normaliseArmoredKey } from '../../../utils/core/policy/signature.ts';
import { validateValue } from '../../helpers/chrome-policy-schema.ts';

const dir = join(import.meta.dirname, '../../../examples/managed');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A .reg file's keys → values (REG_SZ unescaped, dword as number). */
function parseReg(text: string): Map<string, Record<string, string | number>> {
  const keys = new Map<string, Record<string, string | number>>();
  let current: Record<string, string | number> | null = null;
  for (const line of text.split(/\r?\n/)) {
    const key = /^\[(.+)\]$/.exec(line);
    if (key) keys.set(key[1]!, (current = {}));
    const sz = /^"([^"]+)"="((?:[^"\\]|\\.)*)"$/.exec(line);
    if (sz && current) current[sz[1]!] = sz[2]!.replace(/\\(.)/g, '$1');
    const dw = /^"([^"]+)"=dword:([0-9a-f]{8})$/.exec(line);
    if (dw && current) current[dw[1]!] = Number.parseInt(dw[2]!, 16);
  }
  return keys;
}

/** Chrome's registry reading for this schema: booleans from dwords, lists from numbered subkeys. */
function fromRegistry(keys: Map<string, Record<string, string | number>>, base: string): Record<string, Json> {
  const values: Record<string, Json> = { ...keys.get(base) };
  const props = MANAGED_SCHEMA.properties as Record<string, { type: string }>;
  for (const [name, v] of Object.entries(values)) if (props[name]?.type === 'boolean') values[name] = v === 1;
  for (const [k, v] of keys) if (k.startsWith(`${base}\\`)) values[k.slice(base.length + 1)] = Object.values(v) as string[];
  return values;
}

/** The subset of plist XML a configuration profile uses. */
function parsePlist(xml: string): Json {
  const tokens = xml.replace(/<!--[\s\S]*?-->/g, '').match(/<(\/?)(dict|array|key|string|integer|true|false)\s*(\/?)>|[^<]+/g) ?? [];
  let i = 0;
  const next = () => tokens[i++]!;
  const text = (): string => {
    let t = '';
    while (!tokens[i]!.startsWith('</')) t += next();
    next();
    return t;
  };
  const value = (): Json => {
    let t = next();
    while (!t.startsWith('<')) t = next();
    if (t === '<true/>') return true;
    if (t === '<false/>') return false;
    if (t === '<string>') return text();
    if (t === '<integer>') return Number(text());
    if (t === '<array>') {
      const out: Json[] = [];
      for (;;) {
        const item = tokens[i]!;
        if (item.startsWith('</array>')) break;
        if (item.startsWith('<')) out.push(value());
        else i++;
      }
      next();
      return out;
    }
    if (t === '<dict>') {
      const out: Record<string, Json> = {};
      for (;;) {
        let k = next();
        while (!k.startsWith('<')) k = next();
        if (k === '</dict>') return out;
        out[text()] = value();
      }
    }
    throw new Error(`unexpected ${t}`);
  };
  const start = tokens.findIndex((t) => t === '<dict>');
  i = start;
  return value();
}

function expectGood(config: Record<string, Json>, where: string) {
  expect(validateValue(MANAGED_SCHEMA as never, config), where).toEqual([]);
  const parsed = parseManaged(config);
  expect(parsed.errors, where).toEqual([]);
  expect(parsed.config.webmailOrigins, where).toEqual(['https://webmail.example.nl']);
  expect(parsed.config.adminMode, where).toBe(false);
  expect(normaliseArmoredKey(parsed.config.policySignerKey!), where).toContain('\n\nREPLACE-WITH-YOUR-KEY\n');
}

describe('examples/managed', () => {
  it('Linux (Chrome, Chromium, Edge policy directories)', () => {
    const policy = JSON.parse(read('chrome-linux.json'));
    expect(Object.keys(policy.ExtensionSettings)).toEqual([EXTENSION_ID]);
    expectGood(policy['3rdparty'].extensions[EXTENSION_ID], 'chrome-linux.json');
  });

  it.each(['windows-chrome.reg', 'windows-edge.reg'])('%s', (file) => {
    const keys = parseReg(read(file));
    const vendor = file.includes('edge') ? 'Microsoft\\Edge' : 'Google\\Chrome';
    const base = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}\\3rdparty\\extensions\\${EXTENSION_ID}\\policy`;
    expect(keys.get(`HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}\\ExtensionInstallForcelist`)?.['1']).toMatch(new RegExp(`^${EXTENSION_ID};https://`));
    expectGood(fromRegistry(keys, base), file);
  });

  it('macOS configuration profile (Chrome and Edge)', () => {
    const profile = parsePlist(read('macos-reportguard.mobileconfig')) as { PayloadContent: Record<string, Json>[] };
    const types = profile.PayloadContent.map((p) => p.PayloadType);
    expect(types).toEqual(['com.google.Chrome', `com.google.Chrome.extensions.${EXTENSION_ID}`, 'com.microsoft.Edge', `com.microsoft.Edge.extensions.${EXTENSION_ID}`]);
    for (const payload of profile.PayloadContent.filter((p) => String(p.PayloadType).includes('.extensions.'))) {
      const config = Object.fromEntries(Object.entries(payload).filter(([k]) => !k.startsWith('Payload')));
      expectGood(config, String(payload.PayloadType));
    }
  });

  it('Firefox policies.json (3rdparty.Extensions)', () => {
    const { policies } = JSON.parse(read('firefox-policies.json'));
    const id = Object.keys(policies['3rdparty'].Extensions)[0]!;
    expect(id).toBe(FIREFOX_ID);
    expect(Object.keys(policies.ExtensionSettings)).toEqual([id]);
    expectGood(policies['3rdparty'].Extensions[id], 'firefox-policies.json');
  });

  it('the Intune script sets the same keys', () => {
    const script = read('windows-intune.ps1');
    expect(script).toContain(`$ExtensionId = '${EXTENSION_ID}'`);
    for (const key of ['policyUrl', 'policySignerKey', 'policyRefreshMinutes', 'recordsUrl', 'auditCollectorUrl', 'adminMode', 'webmailOrigins']) expect(script).toMatch(new RegExp(`^\\s+${key}\\s+=`, 'm'));
    expect(read('updates.xml')).toContain(`appid='${EXTENSION_ID}'`);
  });
});
