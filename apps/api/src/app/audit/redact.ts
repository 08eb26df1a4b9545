/** Words that mark a secret wherever they appear in a key (`newPassword`, `access_token`, `clientsecret`). */
const SECRET_FRAGMENTS = [
  'password',
  'passwd',
  'passphrase',
  'token',
  'secret',
  'privatekey',
];
/** Words that mark a secret only as a whole word (`pin`, `confirmPin`, `PIN_hash` — but not `shipping`). */
const SECRET_WORDS = new Set(['pin', 'pins']);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** True when a key names a secret (password, PIN, token, secret, private key, passphrase), in any case or spelling style. */
export function isSecretKey(key: string): boolean {
  const compact = key.toLowerCase().replace(/[^a-z]/g, '');
  return (
    SECRET_FRAGMENTS.some((fragment) => compact.includes(fragment)) ||
    words(key).some((word) => SECRET_WORDS.has(word))
  );
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== 'object' || value instanceof Date)
    return value;
  return redact(value as Record<string, unknown>);
}

/**
 * A copy of `details` without any member whose key names a secret, at any depth (also inside arrays).
 * The audit log applies it to every record; callers should still not pass secrets.
 */
export function redact(
  details: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (!isSecretKey(key)) result[key] = redactValue(value);
  }
  return result;
}
