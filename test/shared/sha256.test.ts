import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexOfBytes } from '../../src/shared/sha256.js';

// The reference implementation is only ever consulted from the tests: the src must stay host-free.
const referenceOfBytes = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');
const referenceOfText = (text: string): string => referenceOfBytes(new TextEncoder().encode(text));

describe('sha256Hex: published test vectors (FIPS 180-4 examples, NIST CSRC)', () => {
  it.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'the 448-bit message',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'the 896-bit message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes %s', (_name, text, expected) => {
    expect(sha256Hex(text)).toBe(expected);
  });

  it('hashes one million "a"', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });
});

describe('sha256Hex: padding boundaries', () => {
  // 55 is the longest message whose padding fits one block; 56..63 force a second padding block;
  // 64/65 exercise a full data block followed by the tail.
  it.each([0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129])('hashes %i bytes', (length) => {
    const text = 'x'.repeat(length);
    expect(sha256Hex(text)).toBe(referenceOfText(text));
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 0xff);
    expect(sha256HexOfBytes(bytes)).toBe(referenceOfBytes(bytes));
  });
});

describe('sha256Hex: UTF-8 encoding', () => {
  it.each([
    ['é (2 bytes)', 'é'],
    ['€ (3 bytes)', '€'],
    ['😀 (4 bytes, surrogate pair)', '😀'],
    ['CJK', '営業時間'],
    ['mixed', 'Zoë paid 5€ for 🐶 at 東京'],
    ['U+07FF / U+0800 / U+FFFF edges', '\u07ff\u0800\uffff'],
    ['U+10000 / U+10FFFF edges', '\u{10000}\u{10ffff}'],
  ])('matches TextEncoder for %s', (_name, text) => {
    expect(sha256Hex(text)).toBe(referenceOfText(text));
  });

  it('hashes a known non-ASCII vector', () => {
    // Pins the encoding independently of TextEncoder: "é" must be C3 A9.
    expect(sha256Hex('é')).toBe(sha256HexOfBytes(Uint8Array.of(0xc3, 0xa9)));
    expect(sha256Hex('😀')).toBe(sha256HexOfBytes(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80)));
  });

  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udc00'],
    ['a high surrogate at the end', 'abc\udbff'],
    ['a high surrogate followed by a non-surrogate', '\ud83dx'],
    ['reversed surrogates', '\ude00\ud83d'],
    ['two high surrogates then a low one', '\ud83d\ud83d\ude00'],
  ])('encodes %s as U+FFFD, like TextEncoder', (_name, text) => {
    expect(sha256Hex(text)).toBe(referenceOfText(text));
  });

  it('encodes a lone surrogate as exactly EF BF BD', () => {
    expect(sha256Hex('\ud800')).toBe(sha256HexOfBytes(Uint8Array.of(0xef, 0xbf, 0xbd)));
    expect(sha256Hex('\ud800')).toBe(sha256Hex('\ufffd'));
  });
});

describe('sha256Hex: inputs of varying size in sequence', () => {
  it('is unaffected by what earlier, larger or smaller inputs left behind', () => {
    // Sizes chosen to cross the encoder's internal buffer growth and its one-off-allocation cap.
    const texts = [
      'short',
      '€'.repeat(5_000),
      'é'.repeat(2_000),
      '😀'.repeat(200_000),
      'tiny €',
      'z'.repeat(400_000),
      '',
    ];
    for (const text of texts) {
      expect(sha256Hex(text)).toBe(referenceOfText(text));
    }
  });
});

describe('sha256HexOfBytes', () => {
  it('honours the byteOffset and length of a view', () => {
    const backing = Uint8Array.from({ length: 200 }, (_, i) => i);
    const view = backing.subarray(3, 150);
    expect(sha256HexOfBytes(view)).toBe(referenceOfBytes(view));
  });

  it('does not mutate its input', () => {
    const bytes = Uint8Array.from({ length: 70 }, (_, i) => i);
    const copy = bytes.slice();
    sha256HexOfBytes(bytes);
    expect(bytes).toEqual(copy);
  });
});

describe('sha256: properties against node:crypto', () => {
  it('matches for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300, size: 'large' }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('matches for arbitrary UTF-16 code unit sequences, including lone surrogates', () => {
    // fast-check's 'binary' unit never yields lone surrogates, so generate raw code units and
    // over-weight the surrogate range where the encoder has its only tricky branch.
    const codeUnit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    );
    fc.assert(
      fc.property(fc.array(codeUnit, { maxLength: 200, size: 'large' }), (units) => {
        const text = String.fromCharCode(...units);
        expect(sha256Hex(text)).toBe(referenceOfText(text));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('matches for arbitrary byte arrays', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600, size: 'large' }), (bytes) => {
        expect(sha256HexOfBytes(bytes)).toBe(referenceOfBytes(bytes));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('sha256Hex: a prefix of the digest', () => {
  it('gives the first digits of the reference digest', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 64 }), (text, digits) => {
        expect(sha256Hex(text, digits)).toBe(referenceOfText(text).slice(0, digits));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
