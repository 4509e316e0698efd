// The metric-compatible faces as their npm packages ship them (@fontsource/<id>), read by fontkit
// on their own, not through the converter's fonts module: what a face's widths really are.
import fontkit from '@cantoo/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface Face {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

const require = createRequire(import.meta.url);

/** Advance width in em of `text` in the package's Latin subset file `<id>-latin-<file>.woff` (file: '400-normal', '700-italic'…). */
export function packageAdvanceEm(id: string, file: string, text: string): number {
  const path = join(dirname(require.resolve(`@fontsource/${id}/package.json`)), 'files', `${id}-latin-${file}.woff`);
  const font = (fontkit as unknown as { create(b: Uint8Array): Face }).create(new Uint8Array(readFileSync(path)));
  return [...text].reduce((w, ch) => w + font.glyphForCodePoint(ch.codePointAt(0) as number).advanceWidth, 0) / font.unitsPerEm;
}
