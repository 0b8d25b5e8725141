// biome-ignore-all lint/style/noNonNullAssertion: all indices are bounded by fixed array sizes
// (noUncheckedIndexedAccess cannot see that, and runtime checks in the round loop cost throughput).

/**
 * SHA-256 (FIPS 180-4) in plain synchronous JavaScript.
 *
 * Written by hand rather than using `node:crypto` or WebCrypto because the result must be
 * available synchronously and identically in Node and in browsers (`crypto.subtle` is async only).
 */

// Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64
// primes. Stored as Int32 so reads already have the signed 32-bit form that `| 0` arithmetic
// produces, and the optimiser never sees a mix of int32 and double values.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// Initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8
// primes.
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

// Scratch space shared by all calls. Safe because hashing is synchronous and never re-entrant, and
// it means hashing allocates nothing per block (only the hex string at the end).
const W = new Int32Array(64);
const H = new Int32Array(8);
// Room for the final partial block plus padding, which can spill into a second block.
const TAIL = new Uint8Array(128);

const HEX_CODE = Uint16Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

const MAX_SCRATCH_BYTES = 1 << 20;
let encodeScratch = new Uint8Array(4096);

/**
 * Lowercase hex SHA-256 of the UTF-8 encoding of `text`, matching `TextEncoder` byte for byte;
 * with `digits`, only its first `digits` hex digits (a string of its own, not a slice that keeps
 * the whole digest alive).
 */
export function sha256Hex(text: string, digits = 64): string {
  return sha256HexOfBytes(utf8Encode(text), digits);
}

// The digits' character codes, made into one flat string at once (appending 64 characters one
// by one would build a chain of joined pieces).
const HEX_CODES = new Uint16Array(64);

/** Lowercase hex SHA-256 of `bytes` (honours the view's `byteOffset` and `length`). */
export function sha256HexOfBytes(bytes: Uint8Array, digits = 64): string {
  H.set(IV);
  const length = bytes.length;
  const fullBlocksEnd = length - (length % 64);
  for (let offset = 0; offset < fullBlocksEnd; offset += 64) {
    compress(bytes, offset);
  }

  // Padding goes into a separate buffer so the caller's bytes are never mutated and at most the
  // final partial block (< 64 bytes) is copied.
  const rest = length - fullBlocksEnd;
  TAIL.fill(0);
  TAIL.set(bytes.subarray(fullBlocksEnd), 0);
  TAIL[rest] = 0x80;
  const tailLength = rest < 56 ? 64 : 128;
  // The message length in bits is a 64-bit big-endian integer. Multiplying (not shifting) keeps it
  // exact: bitwise operators would truncate lengths of 2^29 bytes or more to 32 bits.
  const bitsHigh = Math.floor(length / 0x20000000);
  const bitsLow = (length * 8) >>> 0;
  writeUint32BE(TAIL, tailLength - 8, bitsHigh);
  writeUint32BE(TAIL, tailLength - 4, bitsLow);
  compress(TAIL, 0);
  if (tailLength === 128) compress(TAIL, 64);

  for (let i = 0; i < 8; i++) {
    const word = H[i]!;
    for (let d = 0; d < 8; d++) HEX_CODES[i * 8 + d] = HEX_CODE[(word >>> (28 - 4 * d)) & 0xf]!;
  }
  return String.fromCharCode.apply(null, HEX_CODES.subarray(0, digits) as unknown as number[]);
}

function writeUint32BE(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value >>> 24;
  target[offset + 1] = value >>> 16;
  target[offset + 2] = value >>> 8;
  target[offset + 3] = value;
}

function compress(block: Uint8Array, offset: number): void {
  for (let t = 0; t < 16; t++) {
    const i = offset + t * 4;
    W[t] = (block[i]! << 24) | (block[i + 1]! << 16) | (block[i + 2]! << 8) | block[i + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }

  let a = H[0]!;
  let b = H[1]!;
  let c = H[2]!;
  let d = H[3]!;
  let e = H[4]!;
  let f = H[5]!;
  let g = H[6]!;
  let h = H[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const temp1 = (h + S1 + ch + K[t]! + W[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const temp2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + temp1) | 0;
    d = c;
    c = b;
    b = a;
    a = (temp1 + temp2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/**
 * UTF-8 encoding with the WHATWG `TextEncoder` semantics: a surrogate that is not part of a
 * well-formed pair becomes U+FFFD, so every JS string has exactly one encoding and one hash.
 */
function utf8Encode(text: string): Uint8Array {
  // No UTF-16 code unit needs more than 3 bytes (a 4-byte sequence consumes two code units).
  const length = text.length;
  const needed = length * 3;
  // Typical inputs (JSON documents of a few KB) reuse one growing buffer instead of allocating per
  // call; the cap stops a single huge input from pinning that much memory for the process lifetime.
  let out: Uint8Array;
  if (needed <= encodeScratch.length) {
    out = encodeScratch;
  } else if (needed <= MAX_SCRATCH_BYTES) {
    encodeScratch = new Uint8Array(Math.max(needed, encodeScratch.length * 2));
    out = encodeScratch;
  } else {
    out = new Uint8Array(needed);
  }
  let n = 0;
  for (let i = 0; i < length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[n++] = code;
      continue;
    }
    if (code < 0x800) {
      out[n++] = 0xc0 | (code >> 6);
      out[n++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        out[n++] = 0xf0 | (point >> 18);
        out[n++] = 0x80 | ((point >> 12) & 0x3f);
        out[n++] = 0x80 | ((point >> 6) & 0x3f);
        out[n++] = 0x80 | (point & 0x3f);
        i++;
        continue;
      }
      code = 0xfffd;
    }
    out[n++] = 0xe0 | (code >> 12);
    out[n++] = 0x80 | ((code >> 6) & 0x3f);
    out[n++] = 0x80 | (code & 0x3f);
  }
  return out.subarray(0, n);
}
