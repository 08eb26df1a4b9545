/** A unique-constraint violation on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const driver = (error as { driverError?: { code?: unknown } } | null)
    ?.driverError;
  const code = driver?.code ?? (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * A unique violation of the given index: PostgreSQL names the index (`uq_certificate_public_key`),
 * SQLite its columns (`certificate.credit_union_id, certificate.public_key_sha256`); `hint` is a
 * fragment of both, e.g. `public_key`.
 */
export function isUniqueViolationOf(error: unknown, hint: string): boolean {
  if (!isUniqueViolation(error)) return false;
  const driver = (
    error as { driverError?: { constraint?: unknown; message?: unknown } }
  ).driverError;
  return [
    driver?.constraint,
    driver?.message,
    (error as { message?: unknown }).message,
  ].some((text) => typeof text === 'string' && text.includes(hint));
}
