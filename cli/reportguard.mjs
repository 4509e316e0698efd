#!/usr/bin/env node
// Entry point of the `reportguard` CLI. Node 24 runs the TypeScript sources directly (type
// stripping), so this shim only loads them; all logic lives in cli/main.ts.
// The on-disk compile cache keeps the stripped and compiled modules between runs: it roughly
// halves cold start, which matters for scripts that call `check` once per message.
import module from 'node:module';

module.enableCompileCache?.();
await import('./main.ts');
