// Bounded ZIP reading for the zip-based office formats (DOCX, ODT) and anything else that needs
// entries out of an archive. An attachment is hostile input: the central directory is checked
// against the limits before any inflation, and because declared sizes can lie, inflation itself
// is streamed in small slices and stopped the moment real output passes a limit. Memory stays
// bounded by the limits plus one slice's output, and a bomb is refused in milliseconds.
import { Inflate, inflateSync } from 'fflate';
import { DocumentError } from './errors.ts';
import type { AnalysisLimits } from './types.ts';

export type ZipLimits = Pick<AnalysisLimits, 'maxDecompressedBytes' | 'maxCompressionRatio'>;
export type ZipProblemKind = 'zip-bomb' | 'corrupt' | 'encrypted';

export class ZipError extends DocumentError {
  declare readonly kind: ZipProblemKind;

  constructor(kind: ZipProblemKind, detail: string) {
    super(kind, detail);
    this.name = 'ZipError';
  }
}

export interface ZipEntryInfo {
  name: string;
  /** 0 = stored, 8 = deflate; anything else is refused when read. */
  method: number;
  encrypted: boolean;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Entries smaller than this are exempt from the ratio rule: short runs of repetitive XML
 * legitimately compress far beyond 100:1, and their absolute size is harmless. The total
 * limit still counts them. (Same idea as Apache POI's grace size, but larger.)
 */
export const RATIO_GRACE_BYTES = 1024 * 1024;

/** Compressed input is fed to the inflater in slices this big: at deflate's maximum ratio
 *  (~1032:1) one slice can produce at most ~1 MB before the limits are looked at again. */
const SLICE = 1024;
/** Stored data costs nothing to "inflate": it is checked in bigger pieces. */
const STORED_SLICE = 256 * 1024;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const MAX_COMMENT = 0xffff;

function corrupt(detail: string): ZipError {
  return new ZipError('corrupt', detail);
}

function u64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('zip: size field out of range');
  return Number(value);
}

interface EndOfDirectory {
  count: number;
  size: number;
  offset: number;
}

function findEndOfDirectory(bytes: Uint8Array, view: DataView): EndOfDirectory {
  const last = bytes.length - 22;
  const stop = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= stop; at--) {
    if (view.getUint32(at, true) !== SIG_EOCD) continue;
    let count = view.getUint16(at + 10, true);
    let size = view.getUint32(at + 12, true);
    let offset = view.getUint32(at + 16, true);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      const loc = at - 20;
      if (loc < 0 || view.getUint32(loc, true) !== SIG_ZIP64_LOCATOR) throw corrupt('zip: zip64 locator missing');
      const eocd64 = u64(view, loc + 8);
      if (eocd64 + 56 > bytes.length || view.getUint32(eocd64, true) !== SIG_ZIP64_EOCD) {
        throw corrupt('zip: zip64 end of directory missing');
      }
      count = u64(view, eocd64 + 32);
      size = u64(view, eocd64 + 40);
      offset = u64(view, eocd64 + 48);
    }
    if (offset + size > bytes.length) throw corrupt('zip: central directory lies outside the file');
    return { count, size, offset };
  }
  throw corrupt('zip: end of central directory not found (truncated?)');
}

/** Zip64 extra field (id 1): the 64-bit values for whichever 32-bit fields were saturated. */
function applyZip64Extra(view: DataView, start: number, end: number, entry: ZipEntryInfo): void {
  let at = start;
  while (at + 4 <= end) {
    const id = view.getUint16(at, true);
    const len = view.getUint16(at + 2, true);
    const body = at + 4;
    if (body + len > end) break;
    if (id === 0x0001) {
      let p = body;
      const take = (): number => {
        if (p + 8 > body + len) throw corrupt('zip: short zip64 extra field');
        const v = u64(view, p);
        p += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    at = body + len;
  }
}

/** The archive's table of contents, from the central directory. Throws ZipError('corrupt'). */
export function listZipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  if (bytes.length < 22) throw corrupt('zip: too short to be an archive');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfDirectory(bytes, view);
  const utf8 = new TextDecoder('utf-8');
  const entries: ZipEntryInfo[] = [];
  const seen = new Set<string>();
  const end = eocd.offset + eocd.size;
  let at = eocd.offset;
  for (let i = 0; i < eocd.count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== SIG_CENTRAL) throw corrupt('zip: central directory is damaged');
    const flags = view.getUint16(at + 8, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const next = at + 46 + nameLen + extraLen + commentLen;
    if (next > end) throw corrupt('zip: central directory entry overruns the directory');
    // Names are decoded as UTF-8 either way: the office formats only use ASCII part names.
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    const entry: ZipEntryInfo = {
      name,
      method: view.getUint16(at + 10, true),
      encrypted: (flags & 0x0001) !== 0,
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    applyZip64Extra(view, at + 46 + nameLen, at + 46 + nameLen + extraLen, entry);
    // Two entries with one name let different readers see different documents: refuse.
    if (seen.has(name)) throw corrupt(`zip: duplicate entry name ${JSON.stringify(name)}`);
    seen.add(name);
    entries.push(entry);
    at = next;
  }
  return entries;
}

function ratioTooHigh(output: number, input: number, limits: ZipLimits): boolean {
  return output > RATIO_GRACE_BYTES && output / Math.max(input, 1) > limits.maxCompressionRatio;
}

/** Refuse an archive whose own declarations already break the limits (no inflation needed). */
export function checkDeclaredLimits(entries: readonly ZipEntryInfo[], limits: ZipLimits): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (ratioTooHigh(e.uncompressedSize, e.compressedSize, limits)) {
      throw new ZipError(
        'zip-bomb',
        `zip: entry ${JSON.stringify(e.name)} declares a compression ratio over ${limits.maxCompressionRatio}:1`,
      );
    }
  }
  if (total > limits.maxDecompressedBytes) {
    throw new ZipError('zip-bomb', `zip: declared content (${total} bytes) exceeds the ${limits.maxDecompressedBytes}-byte limit`);
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crcUpdate(crc: number, chunk: Uint8Array): number {
  let c = crc;
  for (let i = 0; i < chunk.length; i++) c = CRC_TABLE[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** Bytes produced so far across one archive read, shared by all its entries. */
interface Budget {
  used: number;
}

function entryData(bytes: Uint8Array, view: DataView, e: ZipEntryInfo): Uint8Array {
  const at = e.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) {
    throw corrupt(`zip: local header of ${JSON.stringify(e.name)} is missing`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw corrupt(`zip: data of ${JSON.stringify(e.name)} runs past the end of the file`);
  return bytes.subarray(start, end);
}

/** Inflate one entry under the limits (real output counted as it comes, not the declared sizes). */
function inflateEntry(
  bytes: Uint8Array,
  view: DataView,
  e: ZipEntryInfo,
  limits: ZipLimits,
  budget: Budget,
): Uint8Array {
  if (e.encrypted) throw new ZipError('encrypted', `zip: entry ${JSON.stringify(e.name)} is encrypted`);
  const data = entryData(bytes, view, e);
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let consumed = 0;
  let crc = 0xffffffff;

  const accept = (chunk: Uint8Array): void => {
    produced += chunk.length;
    budget.used += chunk.length;
    if (budget.used > limits.maxDecompressedBytes) {
      throw new ZipError('zip-bomb', `zip: content exceeds the ${limits.maxDecompressedBytes}-byte limit while inflating`);
    }
    if (produced > e.uncompressedSize) {
      throw new ZipError('zip-bomb', `zip: entry ${JSON.stringify(e.name)} inflates beyond its declared size`);
    }
    if (ratioTooHigh(produced, consumed, limits)) {
      throw new ZipError('zip-bomb', `zip: entry ${JSON.stringify(e.name)} inflates beyond ${limits.maxCompressionRatio}:1`);
    }
    crc = crcUpdate(crc, chunk);
    chunks.push(chunk);
  };

  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw corrupt(`zip: stored entry ${JSON.stringify(e.name)} has inconsistent sizes`);
    consumed = data.length;
    for (let at = 0; at < data.length; at += STORED_SLICE) accept(data.subarray(at, at + STORED_SLICE));
  } else if (e.method === 8) {
    const inflater = new Inflate((chunk) => accept(chunk));
    try {
      if (data.length === 0) throw corrupt(`zip: entry ${JSON.stringify(e.name)} has no data`);
      for (let at = 0; at < data.length; at += SLICE) {
        const slice = data.subarray(at, at + SLICE);
        consumed += slice.length;
        inflater.push(slice, at + SLICE >= data.length);
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw corrupt(`zip: entry ${JSON.stringify(e.name)} does not inflate (${error instanceof Error ? error.message : 'error'})`);
    }
  } else {
    throw corrupt(`zip: entry ${JSON.stringify(e.name)} uses unsupported compression method ${e.method}`);
  }

  if (produced !== e.uncompressedSize) throw corrupt(`zip: entry ${JSON.stringify(e.name)} is shorter than declared`);
  if ((crc ^ 0xffffffff) >>> 0 !== e.crc32) throw corrupt(`zip: entry ${JSON.stringify(e.name)} fails its CRC check`);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(produced);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

/**
 * Read the entries whose names `wanted` accepts. The whole archive's declarations must respect
 * the limits; the wanted entries are then inflated under the same limits, enforced on real
 * output. Throws ZipError: 'zip-bomb', 'corrupt' or 'encrypted' (a wanted entry uses ZIP
 * encryption).
 */
export function readZipEntries(
  bytes: Uint8Array,
  limits: ZipLimits,
  wanted: (name: string) => boolean,
): Map<string, Uint8Array> {
  const entries = listZipEntries(bytes);
  checkDeclaredLimits(entries, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const budget: Budget = { used: 0 };
  const out = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (!wanted(e.name)) continue;
    out.set(e.name, inflateEntry(bytes, view, e, limits, budget));
  }
  return out;
}

/**
 * Contents of one small entry, read without whole-archive checks: for sniffing (an ODT's
 * `mimetype`), where the archive as a whole is judged later. Returns null when the entry is
 * absent, too big for `maxBytes`, encrypted or unreadable.
 */
export function peekSmallEntry(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array | null {
  try {
    const entry = listZipEntries(bytes).find((e) => e.name === name);
    if (!entry || entry.encrypted || entry.uncompressedSize > maxBytes) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const data = entryData(bytes, view, entry);
    if (entry.method === 0) return data.length <= maxBytes ? data : null;
    // A deflated entry of at most maxBytes compressed bytes can't grow past ~1032 × maxBytes.
    if (entry.method === 8 && data.length <= maxBytes) {
      const out = inflateSync(data);
      return out.length <= maxBytes ? out : null;
    }
    return null;
  } catch {
    return null;
  }
}
