import { createHash, createHmac } from 'node:crypto';
import type { AuditEvent } from './audit-event.entity';

/** The `prevHash` of the first record of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns a record's hash covers, in hashing order. `id` is a locator, not content. */
export type HashedFields = Pick<
  AuditEvent,
  | 'chain'
  | 'seq'
  | 'occurredAt'
  | 'creditUnionId'
  | 'actorType'
  | 'actorId'
  | 'actorName'
  | 'action'
  | 'targetType'
  | 'targetId'
  | 'outcome'
  | 'ip'
  | 'requestId'
  | 'details'
  | 'prevHash'
>;

/**
 * JSON with object keys sorted (recursively), no whitespace, `undefined` members dropped and
 * `toJSON` honoured (Dates become ISO strings) — the same value always gives the same text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function')
    return canonicalJson(withToJson.toJSON());
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const members = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map(
      (key) =>
        `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
    );
  return `{${members.join(',')}}`;
}

/**
 * `details` as stored: canonical JSON of an object. Stored text that is not a JSON object
 * (tampering) is kept as is, so its hash can never match.
 */
export function canonicalDetails(stored: string): string {
  try {
    const parsed: unknown = JSON.parse(stored);
    return parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed)
      ? canonicalJson(parsed)
      : stored;
  } catch {
    return stored;
  }
}

/**
 * The exact bytes a record's hash covers: a JSON array of its fields in a fixed order
 * (nulls explicit, instant as UTC ISO-8601 with milliseconds, details as canonical JSON text).
 * Changing this invalidates every stored chain — the golden vector in audit.service.spec.ts guards it.
 */
export function canonicalRecord(fields: HashedFields): string {
  return JSON.stringify([
    fields.chain,
    fields.seq,
    fields.occurredAt.toISOString(),
    fields.creditUnionId,
    fields.actorType,
    fields.actorId,
    fields.actorName,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.outcome,
    fields.ip,
    fields.requestId,
    canonicalDetails(fields.details),
    fields.prevHash,
  ]);
}

/** SHA-256 (lower-case hex) of {@link canonicalRecord}. */
export function auditHash(fields: HashedFields): string {
  return createHash('sha256')
    .update(canonicalRecord(fields), 'utf8')
    .digest('hex');
}

/** `hash_version` 1: unkeyed SHA-256 — records written before the chain was keyed (migration 110). */
export const LEGACY_HASH_VERSION = 1;
/** `hash_version` 2: HMAC-SHA-256 under `AUDIT_HMAC_KEY` — every record written since. */
export const KEYED_HASH_VERSION = 2;

/** HMAC-SHA-256 (lower-case hex) of {@link canonicalRecord} under the audit key (kept outside the database). */
export function keyedAuditHash(fields: HashedFields, key: string): string {
  return createHmac('sha256', key)
    .update(canonicalRecord(fields), 'utf8')
    .digest('hex');
}

/** The hash a record of `version` must carry, or null for a version this build does not know. */
export function hashFor(
  fields: HashedFields,
  version: number,
  key: string,
): string | null {
  if (version === LEGACY_HASH_VERSION) return auditHash(fields);
  if (version === KEYED_HASH_VERSION) return keyedAuditHash(fields, key);
  return null;
}
