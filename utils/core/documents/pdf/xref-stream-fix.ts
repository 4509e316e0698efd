// Speed: @cantoo/pdf-lib's cross-reference stream keeps its entries sorted by object number and
// finds each new entry's place with a linear `findIndex` from the start. Saving with object
// streams (every protected output) adds one entry per object, in increasing order, so each
// search runs to the end: quadratic in the object count. A 206-page tax guide with 85 000
// objects spent 190 s of a 194 s save there. The replacement keeps the library's order exactly
// (an entry goes after every entry whose object number is not greater than its own) and finds
// the place by binary search, O(log n), with an O(1) append for the common in-order case.
// Installed by fastXrefStreams() before a save (idempotent); if the library's internals change
// shape the patch is skipped and saving works as before, only slower.
import { PDFCrossRefStream } from '@cantoo/pdf-lib';

interface Entry {
  ref: { objectNumber: number };
}
interface XrefStreamLike {
  entries: Entry[];
  appendEntry(entry: Entry): void;
}

function appendEntrySorted(this: XrefStreamLike, entry: Entry): void {
  const list = this.entries;
  const n = entry.ref.objectNumber;
  const count = list.length;
  if (count === 0 || list[count - 1]!.ref.objectNumber <= n) {
    list.push(entry);
    return;
  }
  // First index whose object number is greater than n (upper bound).
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.ref.objectNumber > n) hi = mid;
    else lo = mid + 1;
  }
  list.splice(lo, 0, entry);
}

/** Puts the faster insertion in place; true when it is (false: the library changed shape). */
export function fastXrefStreams(): boolean {
  const proto = (PDFCrossRefStream as unknown as { prototype?: Partial<XrefStreamLike> }).prototype;
  if (!proto || typeof proto.appendEntry !== 'function') return false;
  proto.appendEntry = appendEntrySorted;
  return true;
}
