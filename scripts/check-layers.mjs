#!/usr/bin/env node
// Layer check: the pure core (policy, recipients, documents, records, audit, health, i18n) must run
// unchanged in vitest, the CLI and the extension. It may import only other core modules and
// plain packages; never browser APIs, WXT, React, Node built-ins or entrypoint/webmail code.
// oxlint's no-restricted-imports covers the same ground per file; this check also follows
// relative paths, so `../../entrypoints/x` or `../webmail/y` is caught whatever its spelling.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
export const CORE = ['policy', 'recipients', 'documents', 'records', 'audit', 'health', 'i18n'].map((d) => join(root, 'utils', d));
const FORBIDDEN_PACKAGES = [/^wxt(\/|$)/, /^#imports$/, /^react(-dom)?(\/|$)/, /^webextension-polyfill$/, /^node:/, /^@\/entrypoints/, /^~\/entrypoints/];
const FORBIDDEN_GLOBALS = /\b(browser|chrome)\.(runtime|storage|tabs|offscreen|scripting)\b|\bdocument\.|\bwindow\./;

function* walk(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

const problems = [];
for (const dir of CORE) {
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    const importRe = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!CORE.some((c) => target === c || target.startsWith(c + '/'))) {
          problems.push(`${rel}: imports ${spec}, which is outside the pure core`);
        }
      } else if (FORBIDDEN_PACKAGES.some((re) => re.test(spec))) {
        problems.push(`${rel}: imports ${spec}; the pure core must not use browser, UI or Node-only modules`);
      }
    }
    text.split('\n').forEach((line, i) => {
      if (/^\s*(\/\/|\*)/.test(line)) return;
      // String literals are data, not code: 'word/document.xml' is a file name, not the DOM.
      const code = line.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
      if (FORBIDDEN_GLOBALS.test(code)) problems.push(`${rel}:${i + 1}: uses a browser global in the pure core`);
    });
  }
}

if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`layer check: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('layer check: pure core is clean');
