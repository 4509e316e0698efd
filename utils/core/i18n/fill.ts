// Filling `{name}` placeholders: the one way every catalog (./catalog.ts) does it. Templates are
// split once into [text, name, text, name, ..., text] and then filled.

export type Params = Readonly<Record<string, string | number>>;

export function splitTemplate(template: string): string[] {
  return template.split(/\{(\w+)\}/);
}

/** Parts from splitTemplate, each name replaced by its value; one without a value stays `{name}`. */
export function fillTemplate(parts: readonly string[], params: Params = {}): string {
  if (parts.length === 1) return parts[0]!;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (Object.hasOwn(params, name) ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

/** `{name}` replaced by params[name]; a placeholder without a value stays visible as `{name}`. */
export function fillPlaceholders(template: string, params: Params = {}): string {
  return fillTemplate(splitTemplate(template), params);
}
