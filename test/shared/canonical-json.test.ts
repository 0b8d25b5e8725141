import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/shared/canonical-json.js';

function numberFromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

/** Rebuilds JSON data with -0 replaced by 0, since JSON text cannot carry the sign of zero. */
function normaliseZero(value: unknown): unknown {
  if (typeof value === 'number') return value === 0 ? 0 : value;
  if (Array.isArray(value)) return value.map(normaliseZero);
  if (value !== null && typeof value === 'object') {
    // fromEntries (not assignment) so that an own "__proto__" key stays a plain data property.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseZero(v)]));
  }
  return value;
}

/** Rebuilds JSON data with every object's keys inserted in a pseudo-random order. */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const a = entries[i];
      const b = entries[j];
      if (a !== undefined && b !== undefined) {
        entries[i] = b;
        entries[j] = a;
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
  }
  return value;
}

/** Small seeded PRNG (mulberry32) so that shuffles are reproducible from the fast-check seed. */
function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function expectPlainTypeError(run: () => unknown, message?: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TypeError);
  expect((caught as object).constructor).toBe(TypeError);
  if (message) expect((caught as Error).message).toMatch(message);
}

describe('canonicalJson: literals and structure', () => {
  it('serialises primitives', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson('')).toBe('""');
    expect(canonicalJson(42)).toBe('42');
  });

  it('emits no whitespace and keeps array order', () => {
    expect(canonicalJson([3, 1, 2, [], {}, [null]])).toBe('[3,1,2,[],{},[null]]');
    expect(canonicalJson({ b: [1, { d: 4, c: 3 }], a: { z: null, y: 'y' } })).toBe(
      '{"a":{"y":"y","z":null},"b":[1,{"c":3,"d":4}]}',
    );
  });

  it('accepts null-prototype objects', () => {
    const object = Object.create(null) as Record<string, unknown>;
    object.b = 1;
    object.a = 2;
    expect(canonicalJson(object)).toBe('{"a":2,"b":1}');
  });

  it('serialises a shared (acyclic) reference each time it occurs', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: [shared, shared] })).toBe(
      '{"x":{"a":1},"y":[{"a":1},{"a":1}]}',
    );
  });

  it('treats "__proto__" as an ordinary key', () => {
    const parsed = JSON.parse('{"z":1,"__proto__":{"x":2}}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":2},"z":1}');
  });

  it('reproduces the RFC 8785 §3.2.4 example', () => {
    const input = JSON.parse(
      String.raw`{
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }`,
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });
});

describe('canonicalJson: key order', () => {
  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('orders an astral key by its surrogates, not by its code point', () => {
    // U+1F600 is above U+FB33 as a code point but its lead surrogate D83D sorts below FB33;
    // U+FF01 sorts after both. Code-point order would put the emoji last.
    expect(canonicalJson({ '\uff01': 3, '\u{1f600}': 2, '\ufb33': 1 })).toBe(
      '{"\u{1f600}":2,"\ufb33":1,"\uff01":3}',
    );
  });

  it('sorts integer-like keys as strings, not in JS enumeration order', () => {
    expect(canonicalJson({ 10: 'ten', 2: 'two', a: 'a', 1: 'one', '': 'empty' })).toBe(
      '{"":"empty","1":"one","10":"ten","2":"two","a":"a"}',
    );
  });

  it('sorts case-sensitively and by prefix', () => {
    expect(canonicalJson({ b: 1, B: 2, ab: 3, a: 4, _: 5 })).toBe(
      '{"B":2,"_":5,"a":4,"ab":3,"b":1}',
    );
  });
});

describe('canonicalJson: strings', () => {
  it('uses the short escapes and lowercase \\u00xx for other control characters', () => {
    expect(canonicalJson('\b\t\n\f\r')).toBe(String.raw`"\b\t\n\f\r"`);
    expect(canonicalJson('\u0000\u0001\u000b\u001f')).toBe(String.raw`"\u0000\u0001\u000b\u001f"`);
    expect(canonicalJson('"\\')).toBe(String.raw`"\"\\"`);
  });

  it('leaves DEL, U+2028, U+2029, "/" and non-ASCII unescaped, as JSON.stringify does', () => {
    expect(canonicalJson('\u007f\u2028\u2029/é€😀')).toBe('"\u007f\u2028\u2029/é€😀"');
  });

  it('escapes lone surrogates as JSON.stringify does', () => {
    expect(canonicalJson('\ud800x\udfff')).toBe(String.raw`"\ud800x\udfff"`);
  });

  it('escapes keys the same way as values', () => {
    expect(canonicalJson({ 'a\nb': 1, '"': 2 })).toBe(String.raw`{"\"":2,"a\nb":1}`);
  });
});

describe('canonicalJson: numbers', () => {
  it.each([
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [1e-6, '0.000001'],
    [-0, '0'],
    [0.1, '0.1'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-1.5, '-1.5'],
    [2 ** 53, '9007199254740992'],
    [2 ** 53 + 2, '9007199254740994'],
    [123456789012345680000, '123456789012345680000'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    [Number.MIN_VALUE, '5e-324'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
  ])('serialises %d as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialisation.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the double 0x%s as %s (RFC 8785 Appendix B)', (bits, expected) => {
    expect(canonicalJson(numberFromBits(bits))).toBe(expected);
  });

  it('writes -0 as 0 inside structures too', () => {
    expect(canonicalJson({ a: [-0] })).toBe('{"a":[0]}');
  });
});

describe('canonicalJson: undefined properties', () => {
  it('omits object properties whose value is undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  it('gives the same text as when the property is absent', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});

describe('canonicalJson: rejected inputs', () => {
  class Point {
    x = 1;
  }
  const cyclicObject: Record<string, unknown> = { a: 1 };
  cyclicObject.self = cyclicObject;
  const cyclicArray: unknown[] = [1];
  cyclicArray.push({ back: cyclicArray });
  const sparse: unknown[] = [1];
  sparse[2] = 3;

  it.each<[string, unknown, RegExp]>([
    ['top-level undefined', undefined, /undefined is not JSON data at \$$/],
    ['undefined in an array', [1, undefined], /undefined is not JSON data at \$\[1\]/],
    ['a hole in a sparse array', sparse, /undefined is not JSON data at \$\[1\]/],
    ['a function', () => 1, /function/],
    ['a function-valued property', { a: { toJSON: () => 1 } }, /function .* at \$\.a\.toJSON/],
    ['a symbol', Symbol('s'), /symbol/],
    ['a symbol-valued property', { s: Symbol('s') }, /symbol .* at \$\.s/],
    ['a symbol-keyed property', { [Symbol('k')]: 1 }, /symbol-keyed/],
    ['a bigint', 1n, /bigint/],
    ['a bigint in an array', [1n], /bigint .* at \$\[0\]/],
    ['NaN', Number.NaN, /non-finite number NaN/],
    ['Infinity', Number.POSITIVE_INFINITY, /non-finite number Infinity/],
    ['-Infinity', { n: Number.NEGATIVE_INFINITY }, /non-finite number -Infinity at \$\.n/],
    ['a Date', new Date(0), /Date/],
    ['a Map', new Map(), /Map/],
    ['a Set', { set: new Set([1]) }, /Set is not JSON data at \$\.set/],
    ['a RegExp', /x/, /RegExp/],
    ['a class instance', new Point(), /Point/],
    ['a boxed string', Object('s'), /String/],
    ['a typed array', new Uint8Array(1), /Uint8Array/],
    ['a self-referencing object', cyclicObject, /cyclic reference at \$\.self/],
    ['a cycle through an array', cyclicArray, /cyclic reference at \$\[1\]\.back/],
    ['an odd key in the path', { 'not ident': [Number.NaN] }, /at \$\["not ident"\]\[0\]/],
  ])('throws a TypeError for %s', (_name, value, message) => {
    expectPlainTypeError(() => canonicalJson(value), message);
  });
});

describe('canonicalJson: properties', () => {
  const json = fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' }));

  it('round-trips through JSON.parse (up to the sign of zero)', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(normaliseZero(value));
        // Canonical text is a fixed point: re-canonicalising the parsed text changes nothing.
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('is invariant under re-ordering of object keys', () => {
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        const shuffled = shuffleKeys(value, seededRandom(seed));
        expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
