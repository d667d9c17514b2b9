import { createHash } from 'node:crypto';
import { hasLeadingZeroBits, proofMeets, searchProof, sha256Ascii } from './proof-of-work';

const hex = (words: Uint32Array) => [...words].map((w) => w.toString(16).padStart(8, '0')).join('');

describe('the sign-in proof of work', () => {
  it('computes SHA-256 as Node does, across block boundaries', () => {
    for (const length of [0, 3, 55, 56, 63, 64, 65, 119, 120, 200]) {
      const text = 'a1.b2:'.repeat(40).slice(0, length);
      expect(hex(sha256Ascii(text))).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('counts leading zero bits across words', () => {
    expect(hasLeadingZeroBits(new Uint32Array([0, 0x0000ffff]), 48)).toBe(true);
    expect(hasLeadingZeroBits(new Uint32Array([0, 0x0001ffff]), 48)).toBe(false);
    expect(hasLeadingZeroBits(new Uint32Array([0x00ffffff]), 8)).toBe(true);
    expect(hasLeadingZeroBits(new Uint32Array([0x01ffffff]), 8)).toBe(false);
  });

  it('finds a nonce the check accepts, and the check refuses others', () => {
    const challenge = 'lx3k9.abcdEFGH1234.10.signature';
    let nonce: string | null = null;
    for (let from = 0; nonce === null; from += 4096) nonce = searchProof(challenge, 10, from, 4096);
    expect(proofMeets(challenge, nonce, 10)).toBe(true);
    expect(proofMeets(`${challenge}x`, nonce, 10)).toBe(false);
    expect(proofMeets(challenge, 'NOT-A-NONCE', 0)).toBe(false);
  });
});
