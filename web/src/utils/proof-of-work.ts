import { searchProof, type LoginChallenge } from '@campus/shared';

/** Nonces tried between two yields to the page: a few milliseconds of work, so taps still register. */
const SLICE = 5_000;

/**
 * Solves a sign-in challenge (see shared/src/proof-of-work.ts) in slices, giving the page back
 * between them: about half a second of a phone's time at the usual difficulty.
 */
export async function solveChallenge({ challenge, bits }: LoginChallenge): Promise<string> {
  for (let from = 0; ; from += SLICE) {
    const nonce = searchProof(challenge, bits, from, SLICE);
    if (nonce !== null) return nonce;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The challenge a 428 answer to a login carries, if it is one. */
export function challengeIn(body: unknown): LoginChallenge | null {
  if (typeof body !== 'object' || body === null) return null;
  const c = (body as { challenge?: unknown }).challenge;
  if (typeof c !== 'object' || c === null) return null;
  const { challenge, bits } = c as Record<string, unknown>;
  return typeof challenge === 'string' && typeof bits === 'number' && bits > 0 && bits <= 32
    ? { challenge, bits }
    : null;
}
