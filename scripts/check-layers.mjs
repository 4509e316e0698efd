#!/usr/bin/env node
// Layer check, for what oxlint's per-file import patterns can't see. The pure core is the glob
// of the `no-restricted-imports` override in .oxlintrc.json (one place; today `utils/core/**`).
// Rules:
// 1. The pure core imports only other core modules and plain packages: never browser APIs, WXT,
//    React, Node built-ins, utils/browser, components or entrypoints, whatever the spelling of a
//    relative path (`../../browser/x`), and it uses no browser globals.
// 2. Nothing under utils/ imports entrypoint or component code: shared code does not reach into
//    a context's own folder.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** The pure-core folders, read from the oxlint override that restricts their imports. */
export function coreRoots() {
  const config = JSON.parse(readFileSync(join(root, '.oxlintrc.json'), 'utf8'));
  const override = (config.overrides ?? []).find((o) => o.rules?.['no-restricted-imports']);
  if (!override) throw new Error('.oxlintrc.json has no no-restricted-imports override for the pure core');
  return override.files.map((glob) => {
    if (!/^[\w./-]+\/\*\*$/.test(glob)) throw new Error(`layer glob must be a folder glob like utils/core/**, got ${glob}`);
    return join(root, glob.slice(0, -3));
  });
}

const CORE = coreRoots();
const UTILS = join(root, 'utils');
const CONTEXT_CODE = [join(root, 'entrypoints'), join(root, 'components')];
const FORBIDDEN_PACKAGES = [/^wxt(\/|$)/, /^#imports$/, /^react(-dom)?(\/|$)/, /^webextension-polyfill$/, /^node:/, /^@\/entrypoints/, /^~\/entrypoints/];
const FORBIDDEN_GLOBALS = /\b(browser|chrome)\.(runtime|storage|tabs|offscreen|scripting|alarms|declarativeNetRequest|webRequest)\b|\bdocument\.|\bwindow\./;
const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function* walk(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

const inside = (target, dirs) => dirs.some((d) => target === d || target.startsWith(d + '/'));
const problems = [];

for (const file of walk(UTILS)) {
  const text = readFileSync(file, 'utf8');
  const rel = relative(root, file);
  const isCore = inside(file, CORE);
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (inside(target, CONTEXT_CODE)) problems.push(`${rel}: imports ${spec}; shared code under utils/ must not import entrypoint or component code`);
      else if (isCore && !inside(target, CORE)) problems.push(`${rel}: imports ${spec}, which is outside the pure core`);
    } else if (isCore && FORBIDDEN_PACKAGES.some((re) => re.test(spec))) {
      problems.push(`${rel}: imports ${spec}; the pure core must not use browser, UI or Node-only modules`);
    }
  }
  if (!isCore) continue;
  text.split('\n').forEach((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return;
    // String literals are data, not code: 'word/document.xml' is a file name, not the DOM.
    const code = line.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
    if (FORBIDDEN_GLOBALS.test(code)) problems.push(`${rel}:${i + 1}: uses a browser global in the pure core`);
  });
}

if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`layer check: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`layer check: clean (pure core: ${CORE.map((c) => relative(root, c)).join(', ')})`);
