// Placeholder filling shared by the small catalogs (background, options, ui). Kept apart from
// index.ts so those catalogs don't pull the finding catalogs into every bundle that shows a label.
import type { Params } from './index.ts';

/** `{name}` replaced by params[name]; a placeholder without a value stays visible as `{name}`. */
export function fillPlaceholders(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
