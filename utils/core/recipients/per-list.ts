// Most callers pass the same policy array again and again: compile it once per array, and
// re-check its content on every call so an array mutated in place is never matched against
// what was compiled from its old entries.

/** `compile` wrapped so that each distinct list (by identity and content) is compiled once. */
export function compiledPerList<T>(compile: (entries: readonly string[]) => T): (entries: readonly string[]) => T {
  const cache = new WeakMap<readonly string[], { key: string; value: T }>();
  return (entries) => {
    const key = entries.join('\n');
    let slot = cache.get(entries);
    if (slot === undefined || slot.key !== key) {
      slot = { key, value: compile(entries) };
      cache.set(entries, slot);
    }
    return slot.value;
  };
}
