#!/usr/bin/env node
// Entry point of the `reportguard` CLI. Node 24 runs the TypeScript sources directly (type
// stripping), so this shim only loads them; all logic lives in cli/main.ts.
import './main.ts';
