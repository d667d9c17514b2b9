/**
 * The sign-in challenge of a "hot" network address (many wrong passwords from it lately): the
 * server hands out a signed `challenge` and a difficulty in bits; the client finds a `nonce` such
 * that SHA-256(`challenge:nonce`) starts with that many zero bits. Checking costs the server one
 * hash; finding costs the client about 2^bits hashes (≈ 0.5 s in a phone's browser at the base
 * difficulty), once per sign-in attempt.
 *
 * SHA-256 is written out here because the browser's crypto.subtle exists only on HTTPS pages,
 * and many campus intranets serve the platform over plain HTTP.
 */

/** What a 428 answer to a login carries when the address must solve a challenge. */
export interface LoginChallenge {
  challenge: string;
  /** Leading zero bits SHA-256(`${challenge}:${nonce}`) must have. */
  bits: number;
}

/** What the client sends back with the login it retries. */
export interface LoginProof {
  challenge: string;
  nonce: string;
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const W = new Uint32Array(64);
const H = new Uint32Array(8);

/** SHA-256 of an ASCII string (challenges and nonces are ASCII); returns the 8 words of the digest. */
export function sha256Ascii(text: string): Uint32Array {
  const length = text.length;
  const blocks = Math.ceil((length + 9) / 64);
  const words = new Uint32Array(blocks * 16);
  for (let i = 0; i < length; i++) words[i >> 2]! |= (text.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8);
  words[length >> 2]! |= 0x80 << (24 - (length % 4) * 8);
  words[blocks * 16 - 1] = length * 8;
  H.set([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 16; t++) W[t] = words[b * 16 + t]!;
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15]!;
      const w2 = W[t - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
    }
    let a = H[0]!;
    let bb = H[1]!;
    let c = H[2]!;
    let d = H[3]!;
    let e = H[4]!;
    let f = H[5]!;
    let g = H[6]!;
    let h = H[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + W[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    H[0] = H[0]! + a;
    H[1] = H[1]! + bb;
    H[2] = H[2]! + c;
    H[3] = H[3]! + d;
    H[4] = H[4]! + e;
    H[5] = H[5]! + f;
    H[6] = H[6]! + g;
    H[7] = H[7]! + h;
  }
  return new Uint32Array(H);
}

/** Whether the digest starts with `bits` zero bits. */
export function hasLeadingZeroBits(digest: Uint32Array, bits: number): boolean {
  let left = bits;
  for (let i = 0; left > 0; i++) {
    const word = digest[i] ?? 0;
    if (left >= 32) {
      if (word !== 0) return false;
      left -= 32;
    } else {
      return word >>> (32 - left) === 0;
    }
  }
  return true;
}

/** Whether `nonce` solves `challenge` at `bits` (the server's check). */
export function proofMeets(challenge: string, nonce: string, bits: number): boolean {
  return /^[0-9a-z]{1,16}$/.test(nonce) && hasLeadingZeroBits(sha256Ascii(`${challenge}:${nonce}`), bits);
}

/**
 * Searches nonces `from`, `from + 1`, … for at most `count` tries; the nonce found, or null. The
 * browser calls it in slices so the page stays responsive while it works.
 */
export function searchProof(challenge: string, bits: number, from: number, count: number): string | null {
  for (let n = from; n < from + count; n++) {
    const nonce = n.toString(36);
    if (hasLeadingZeroBits(sha256Ascii(`${challenge}:${nonce}`), bits)) return nonce;
  }
  return null;
}
