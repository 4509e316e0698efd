// Shared helpers for the zip-based formats: bounded extraction through ../zip.ts (zip-bomb
// limits enforced on real output) and strict XML parsing of the parts.

import { DocumentError } from '../errors.ts';
import type { AnalysisLimits } from '../types.ts';
import { readZipEntries } from '../zip.ts';
import { ConversionError } from './errors.ts';
import type { ConversionErrorKind } from './errors.ts';
import { parseXml } from './xml.ts';
import type { XmlElement } from './xml.ts';

export type Parts = Map<string, Uint8Array>;

export function openZip(bytes: Uint8Array, limits: AnalysisLimits, wanted: (name: string) => boolean): Parts {
  try {
    return readZipEntries(bytes, limits, wanted);
  } catch (e) {
    if (e instanceof DocumentError) {
      const kind: ConversionErrorKind =
        e.kind === 'zip-bomb' || e.kind === 'encrypted' || e.kind === 'too-large' || e.kind === 'timeout' || e.kind === 'unsupported'
          ? e.kind
          : 'corrupt';
      throw new ConversionError(kind, e.message);
    }
    throw new ConversionError('corrupt', `the archive could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function xmlPart(parts: Parts, name: string, required: true): XmlElement;
export function xmlPart(parts: Parts, name: string, required?: false): XmlElement | undefined;
export function xmlPart(parts: Parts, name: string, required = false): XmlElement | undefined {
  const bytes = parts.get(name);
  if (!bytes) {
    if (required) throw new ConversionError('corrupt', `the file has no ${name} part`);
    return undefined;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ConversionError('corrupt', `${name} is not valid UTF-8`);
  }
  return parseXml(text, name);
}

/** Resolves a relationship target against the folder of the part that refers to it. */
export function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/');
  parts.pop();
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Length like "2.5cm", "1in", "12pt", "30mm", "100px" in points; undefined when unparseable. */
export function lengthToPt(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^\s*(-?[\d.]+)\s*(cm|mm|in|pt|pc|px)?\s*$/.exec(v);
  if (!m) return undefined;
  const n = Number.parseFloat(m[1] as string);
  if (!Number.isFinite(n)) return undefined;
  const unit = m[2] ?? 'pt';
  const f: Record<string, number> = { cm: 72 / 2.54, mm: 72 / 25.4, in: 72, pt: 1, pc: 12, px: 0.75 };
  return n * (f[unit] as number);
}
