// File reading for the CLI with one-line errors naming the file.
import { readFile } from 'node:fs/promises';
import type { $ZodType, output } from 'zod/v4/core';
import { parseJsonWith } from '../utils/core/policy/errors.ts';
import { CliError } from './errors.ts';
import { oneLine } from '../utils/core/errors.ts';

export async function readText(path: string, what = 'file'): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: cannot read ${what} (${errnoText(e)})`);
  }
}

export async function readJsonFile<S extends $ZodType>(path: string, schema: S): Promise<output<S>> {
  const text = await readText(path);
  const r = parseJsonWith(path, text, schema);
  if (!r.ok) throw new CliError(r.error);
  return r.value;
}

export function errnoText(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? oneLine(e);
}
