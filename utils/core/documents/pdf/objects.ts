// Small, defensive helpers over @cantoo/pdf-lib's object model. Every walk here is bounded:
// hostile files use reference loops and absurd nesting to hang naive code.
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
} from '@cantoo/pdf-lib';
import type { PDFContext, PDFObject } from '@cantoo/pdf-lib';
import { PdfError } from './errors.ts';

export const MAX_DIRECT_DEPTH = 64;
export const MAX_PARENT_CHAIN = 32;
/** Upper bound on reachable objects we are willing to walk; far beyond any real report. */
export const MAX_OBJECTS = 2_000_000;

export const N = (name: string): PDFName => PDFName.of(name);

export function resolve(ctx: PDFContext, obj: PDFObject | undefined): PDFObject | undefined {
  if (obj instanceof PDFRef) return ctx.lookup(obj);
  return obj;
}

/** The dictionary of a dict or a stream (streams carry their entries in `.dict`). */
export function dictOf(obj: PDFObject | undefined): PDFDict | undefined {
  if (obj instanceof PDFDict) return obj;
  if (obj instanceof PDFStream) return obj.dict;
  return undefined;
}

export function getDict(ctx: PDFContext, holder: PDFDict, key: string): PDFDict | undefined {
  const v = resolve(ctx, holder.get(N(key)));
  return v instanceof PDFDict ? v : undefined;
}

export function getArray(ctx: PDFContext, holder: PDFDict, key: string): PDFArray | undefined {
  const v = resolve(ctx, holder.get(N(key)));
  return v instanceof PDFArray ? v : undefined;
}

export function getName(ctx: PDFContext, holder: PDFDict, key: string): string | undefined {
  const v = resolve(ctx, holder.get(N(key)));
  return v instanceof PDFName ? v.decodeText() : undefined;
}

export function getNumber(ctx: PDFContext, holder: PDFDict, key: string): number | undefined {
  const v = resolve(ctx, holder.get(N(key)));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

export function getText(ctx: PDFContext, holder: PDFDict, key: string): string | undefined {
  const v = resolve(ctx, holder.get(N(key)));
  return textOf(v);
}

export function textOf(v: PDFObject | undefined): string | undefined {
  if (v instanceof PDFString || v instanceof PDFHexString) {
    try {
      return v.decodeText();
    } catch {
      return undefined;
    }
  }
  if (v instanceof PDFName) return v.decodeText();
  return undefined;
}

/** Numbers of an array of exactly `len` numeric entries, else undefined. */
export function numbers(ctx: PDFContext, obj: PDFObject | undefined, len: number): number[] | undefined {
  const arr = resolve(ctx, obj);
  if (!(arr instanceof PDFArray) || arr.size() !== len) return undefined;
  const out: number[] = [];
  for (let i = 0; i < len; i++) {
    const v = resolve(ctx, arr.get(i));
    if (!(v instanceof PDFNumber) || !Number.isFinite(v.asNumber())) return undefined;
    out.push(v.asNumber());
  }
  return out;
}

/** A normalised rectangle [x1, y1, x2, y2] with x1 < x2, y1 < y2. */
export function rectOf(ctx: PDFContext, obj: PDFObject | undefined): [number, number, number, number] | undefined {
  const r = numbers(ctx, obj, 4);
  if (!r) return undefined;
  const [a, b, c, d] = r as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/**
 * Look a key up on a dict, then on its /Parent chain (inheritable field and page attributes).
 * The chain is bounded and loop-checked.
 */
export function inherited(ctx: PDFContext, start: PDFDict, key: string): PDFObject | undefined {
  const seen = new Set<PDFDict>();
  let node: PDFDict | undefined = start;
  for (let i = 0; node && i < MAX_PARENT_CHAIN; i++) {
    if (seen.has(node)) return undefined;
    seen.add(node);
    const v = node.get(N(key));
    if (v !== undefined) return resolve(ctx, v);
    const parent = resolve(ctx, node.get(N('Parent')));
    node = parent instanceof PDFDict ? parent : undefined;
  }
  return undefined;
}

/** Shallow copy of a dict into the same context, so a shared resource dict is not edited in place. */
export function cloneShallow(ctx: PDFContext, dict: PDFDict): PDFDict {
  const copy = ctx.obj({});
  for (const [k, v] of dict.entries()) copy.set(k, v);
  return copy;
}

/**
 * Every object reachable from the given roots, walked iteratively (no recursion, so deep nesting
 * cannot blow the stack) and counted (so a file with millions of objects is refused, not walked).
 */
export function reachableRefs(ctx: PDFContext, roots: (PDFObject | undefined)[]): Set<PDFRef> {
  const seenRefs = new Set<PDFRef>();
  const stack: PDFObject[] = roots.filter((r): r is PDFObject => r !== undefined);
  let visited = 0;
  while (stack.length > 0) {
    const obj = stack.pop() as PDFObject;
    if (++visited > MAX_OBJECTS * 4) {
      throw new PdfError('too-large', 'PDF has too many objects to process safely');
    }
    if (obj instanceof PDFRef) {
      if (seenRefs.has(obj)) continue;
      seenRefs.add(obj);
      if (seenRefs.size > MAX_OBJECTS) throw new PdfError('too-large', 'PDF has too many objects to process safely');
      const target = ctx.lookup(obj);
      if (target !== undefined) stack.push(target);
    } else if (obj instanceof PDFDict) {
      for (const v of obj.values()) stack.push(v);
    } else if (obj instanceof PDFStream) {
      for (const v of obj.dict.values()) stack.push(v);
    } else if (obj instanceof PDFArray) {
      for (const v of obj.asArray()) stack.push(v);
    }
  }
  return seenRefs;
}

/** Remove every indirect object the document no longer references; returns how many went. */
export function collectGarbage(ctx: PDFContext): number {
  const live = reachableRefs(ctx, [ctx.trailerInfo.Root, ctx.trailerInfo.Info, ctx.trailerInfo.Encrypt]);
  let removed = 0;
  for (const [ref] of ctx.enumerateIndirectObjects()) {
    if (!live.has(ref)) {
      ctx.delete(ref);
      removed++;
    }
  }
  return removed;
}

/**
 * Visit every dictionary in the document (indirect objects and the direct dicts nested in them,
 * up to MAX_DIRECT_DEPTH levels) once.
 */
export function forEachDict(ctx: PDFContext, visit: (dict: PDFDict) => void): void {
  const seen = new Set<PDFDict>();
  for (const [, top] of ctx.enumerateIndirectObjects()) {
    const stack: { obj: PDFObject; depth: number }[] = [{ obj: top, depth: 0 }];
    while (stack.length > 0) {
      const { obj, depth } = stack.pop() as { obj: PDFObject; depth: number };
      if (depth > MAX_DIRECT_DEPTH) continue;
      const dict = dictOf(obj);
      if (dict) {
        if (seen.has(dict)) continue;
        seen.add(dict);
        visit(dict);
        for (const v of dict.values()) {
          if (v instanceof PDFDict || v instanceof PDFArray) stack.push({ obj: v, depth: depth + 1 });
        }
      } else if (obj instanceof PDFArray) {
        for (const v of obj.asArray()) {
          if (v instanceof PDFDict || v instanceof PDFArray) stack.push({ obj: v, depth: depth + 1 });
        }
      }
    }
  }
}
