import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A lightweight proof-of-work challenge for the public intake (no third-party captcha).
 * `GET /public/challenge` hands out a token `<payload>.<hmac>` where the payload carries a random
 * nonce, the difficulty and the expiry, signed with a server key (HMAC-SHA-256). The sender's
 * browser finds a `solution` such that sha256(`<token>:<solution>`) starts with `difficulty` zero
 * bits (2^difficulty tries on average: ~65 000 at 16, well under a second). The server checks the
 * signature, the expiry and the hash, and the service refuses a nonce used before.
 */

export const CHALLENGE_DIFFICULTY = 16;
export const CHALLENGE_TTL_MS = 10 * 60_000;

export interface Challenge {
  token: string;
  nonce: string;
  difficulty: number;
  expiresAt: Date;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');
const sign = (key: Buffer, payload: string): string => createHmac('sha256', key).update(payload).digest('base64url');

export function issueChallenge(key: Buffer, now: Date, difficulty = CHALLENGE_DIFFICULTY, ttlMs = CHALLENGE_TTL_MS): Challenge {
  const nonce = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + ttlMs);
  const payload = b64url(JSON.stringify({ n: nonce, d: difficulty, e: expiresAt.getTime() }));
  return { token: `${payload}.${sign(key, payload)}`, nonce, difficulty, expiresAt };
}

/** Number of leading zero bits of a byte string. */
export function leadingZeroBits(b: Uint8Array): number {
  let bits = 0;
  for (const x of b) {
    if (x === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(x) - 24;
  }
  return bits;
}

const work = (token: string, solution: string): Buffer => createHash('sha256').update(`${token}:${solution}`).digest();

export type ChallengeVerdict = { ok: true; nonce: string; expiresAt: Date } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'insufficient_work' };

/** Verify a token and its solution (pure apart from hashing). */
export function verifyChallenge(key: Buffer, token: string, solution: string, now: Date): ChallengeVerdict {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  let p: { n?: unknown; d?: unknown; e?: unknown };
  try {
    p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof p;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof p.n !== 'string' || typeof p.d !== 'number' || typeof p.e !== 'number') return { ok: false, reason: 'malformed' };
  if (now.getTime() > p.e) return { ok: false, reason: 'expired' };
  if (leadingZeroBits(work(token, solution)) < p.d) return { ok: false, reason: 'insufficient_work' };
  return { ok: true, nonce: p.n, expiresAt: new Date(p.e) };
}

/** Find a solution (what the browser does; used by tests and the CLI). */
export function solveChallenge(token: string, difficulty: number): string {
  for (let i = 0; ; i++) {
    const s = i.toString(36);
    if (leadingZeroBits(work(token, s)) >= difficulty) return s;
  }
}
