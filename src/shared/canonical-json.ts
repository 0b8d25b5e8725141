/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for values that are already JSON data.
 *
 * The output is used as hash input, so anything `JSON.stringify` would silently drop or coerce
 * (functions, `NaN`, `Date`, holes in arrays, ...) is rejected instead: two different inputs
 * must never collapse onto the same canonical text without the caller noticing.
 */

type PathSegment = string | number;

/**
 * Serialise `value` as RFC 8785 canonical JSON.
 *
 * Object properties whose value is `undefined` are omitted, which is how absent optional fields
 * disappear. Throws a `TypeError` naming the offending location for anything that is not JSON
 * data.
 */
export function canonicalJson(value: unknown): string {
  const path: PathSegment[] = [];
  const ancestors = new Set<object>();

  const fail = (problem: string): never => {
    throw new TypeError(`canonicalJson: ${problem} at ${formatPath(path)}`);
  };

  const write = (current: unknown): string => {
    switch (typeof current) {
      case 'string':
        // JCS specifies exactly the ECMAScript JSON.stringify escaping rules (RFC 8785 §3.2.2.2).
        return JSON.stringify(current);
      case 'number':
        if (!Number.isFinite(current)) return fail(`non-finite number ${String(current)}`);
        // JCS number serialisation is by definition ECMAScript Number::toString (§3.2.2.3);
        // JSON.stringify also maps -0 to "0" as required.
        return JSON.stringify(current);
      case 'boolean':
        return current ? 'true' : 'false';
      case 'undefined':
        return fail('undefined is not JSON data');
      case 'bigint':
        return fail('bigint is not JSON data');
      case 'symbol':
        return fail('symbol is not JSON data');
      case 'function':
        return fail('function is not JSON data');
    }
    if (current === null) return 'null';
    const object = current as object;

    // A path-local set rather than a global "seen" set: shared (acyclic) references are plain
    // JSON data and must serialise twice, only true cycles are an error.
    if (ancestors.has(object)) return fail('cyclic reference');

    if (Array.isArray(object)) {
      ancestors.add(object);
      const parts: string[] = [];
      for (let i = 0; i < object.length; i++) {
        path.push(i);
        // A hole reads as undefined and would become null in JSON.stringify; rejecting it
        // (via write) keeps the mapping from values to text one-to-one.
        parts.push(write(object[i]));
        path.pop();
      }
      ancestors.delete(object);
      return `[${parts.join(',')}]`;
    }

    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
      return fail(
        `${typeof name === 'string' && name !== '' ? name : 'non-plain object'} is not JSON data`,
      );
    }
    // Object.keys skips symbol keys, so without this check they would vanish silently.
    if (Object.getOwnPropertySymbols(object).some((key) => isEnumerable(object, key))) {
      return fail('symbol-keyed property is not JSON data');
    }

    ancestors.add(object);
    // The default sort compares UTF-16 code units, which is exactly the JCS key order (§3.2.3).
    const keys = Object.keys(object).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const member = (object as Record<string, unknown>)[key];
      if (member === undefined) continue;
      path.push(key);
      parts.push(`${JSON.stringify(key)}:${write(member)}`);
      path.pop();
    }
    ancestors.delete(object);
    return `{${parts.join(',')}}`;
  };

  return write(value);
}

function isEnumerable(object: object, key: PropertyKey): boolean {
  return Object.prototype.propertyIsEnumerable.call(object, key);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function formatPath(path: readonly PathSegment[]): string {
  let text = '$';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
