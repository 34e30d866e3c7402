import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, t=2): OWASP's recommended minimum, ~30 ms a hash here.
/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Checks a password against a stored argon2 hash; false for any malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the user does not exist, so response time does not reveal usernames.
let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification. */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hash('gongkai-dummy-password-0');
  await verifyPassword(await dummyHash, password);
}
