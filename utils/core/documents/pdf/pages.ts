// Our own walk of the page tree. pdf-lib's traversal trusts the file; a /Kids entry pointing
// back at an ancestor would loop forever, so the flattener never calls it and uses this instead.
import { PDFArray, PDFDict } from '@cantoo/pdf-lib';
import type { PDFContext, PDFObject } from '@cantoo/pdf-lib';
import { PdfError } from './errors.ts';
import type { Deadline } from './errors.ts';
import { N, resolve } from './objects.ts';

const MAX_TREE_DEPTH = 64;

/** Page leaf dictionaries in document order. Refuses loops, absurd depth and too many pages. */
export function collectPages(ctx: PDFContext, catalog: PDFDict, maxPages: number, deadline: Deadline): PDFDict[] {
  const root = resolve(ctx, catalog.get(N('Pages')));
  if (!(root instanceof PDFDict)) throw new PdfError('corrupt', 'PDF has no page tree');

  const pages: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const stack: { node: PDFObject | undefined; depth: number }[] = [{ node: root, depth: 0 }];
  let steps = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: PDFObject | undefined; depth: number };
    if ((++steps & 1023) === 0) deadline.check('reading the page tree');
    const dict = resolve(ctx, node);
    if (!(dict instanceof PDFDict)) continue; // a dangling kid: viewers skip it too
    if (seen.has(dict)) throw new PdfError('corrupt', 'PDF page tree loops back on itself');
    seen.add(dict);
    if (depth > MAX_TREE_DEPTH) throw new PdfError('corrupt', 'PDF page tree is nested too deeply');

    const kids = resolve(ctx, dict.get(N('Kids')));
    const type = resolve(ctx, dict.get(N('Type')));
    const isNode = kids instanceof PDFArray || type === N('Pages');
    if (!isNode) {
      pages.push(dict);
      if (pages.length > maxPages) {
        throw new PdfError('too-many-pages', `PDF has more than ${maxPages} pages`);
      }
      continue;
    }
    if (kids instanceof PDFArray) {
      // Reverse push keeps document order when popping.
      for (let i = kids.size() - 1; i >= 0; i--) stack.push({ node: kids.get(i), depth: depth + 1 });
    }
  }
  if (pages.length === 0) throw new PdfError('corrupt', 'PDF has no pages');
  return pages;
}
