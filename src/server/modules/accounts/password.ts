import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the OWASP-recommended minimum (m = 19 MiB, t = 2, p = 1). Hashes carry their own
 * parameters, so they can be raised later without breaking existing ones.
 */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password.normalize('NFC'), OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the username is unknown (equal timing). */
let dummy: Promise<string> | null = null;
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword('not-a-real-password-' + Math.random()));

/** Rules beyond length (which the contract checks): not all one character, not the username. */
export function passwordProblems(password: string, username: string): string | null {
  if (new Set(password).size < 4) return 'too_few_distinct_characters';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'contains_username';
  return null;
}
